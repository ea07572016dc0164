// The one place a user-supplied redirect target (`next`, `back`, a request's own URL) becomes a `Location`
// value (issue 10 point 1). The answer is always a same-origin path, and always plain ASCII: the WHATWG URL
// serialiser percent-encodes everything else, so Node can never refuse the header (ERR_INVALID_CHAR) and a
// crafted link can neither crash a request nor send the reader to another site.

const PROBE_ORIGIN = 'http://same-origin.invalid';
const MAX_LENGTH = 2048;

export interface RedirectScope {
  /** Where to go when the input is missing or unsafe. Must itself be a safe local path. */
  fallback: string;
  /** The target must be this path or below it (compared after dot-segments are resolved). */
  within?: string;
}

/** A same-origin, percent-encoded path (with query and fragment) for `input`, or the scope's fallback. */
export function safeRedirectPath(input: unknown, scope: RedirectScope): string {
  if (typeof input !== 'string' || input.length === 0 || input.length > MAX_LENGTH) return scope.fallback;
  if (!looksLocal(input)) return scope.fallback;
  let url: URL;
  try {
    url = new URL(input, PROBE_ORIGIN);
  } catch {
    return scope.fallback;
  }
  if (url.origin !== PROBE_ORIGIN || url.username || url.password) return scope.fallback;
  if (scope.within && !isWithin(url.pathname, scope.within)) return scope.fallback;
  const path = url.pathname + url.search + url.hash;
  // The serialised path must still read as local to a browser that decodes it once more.
  return looksLocal(path) ? path : scope.fallback;
}

/**
 * A path that starts with exactly one slash, holds no backslash or control character, and stays so after
 * percent-decoding (repeatedly, for double-encoded %252F): browsers read `/\host` and `//host` as another
 * host, and some proxies decode `/%2F%2Fhost` before a browser sees it.
 */
function looksLocal(path: string): boolean {
  let current = path;
  for (let round = 0; round < 4; round++) {
    if (!current.startsWith('/') || current.startsWith('//')) return false;
    if (/[\\\u0000-\u001f\u007f]/.test(current)) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      // Broken %-encoding is not something we send anyone to.
      return false;
    }
    if (decoded === current) return true;
    current = decoded;
  }
  return false;
}

function isWithin(pathname: string, root: string): boolean {
  const base = root.replace(/\/+$/, '');
  return pathname === base || pathname === `${base}/` || pathname.startsWith(`${base}/`);
}
