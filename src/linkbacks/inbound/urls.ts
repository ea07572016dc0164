// Pure URL helpers for inbound linkbacks: which strings count as absolute http(s) URLs, and the one
// normalisation used to compare a link with a target (fragment dropped, trailing slash and http/https ignored).

/** An absolute http(s) URL without credentials, or null (WM §3.2.1: source and target must be valid URLs). */
export function parseHttpUrl(value: unknown): URL | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > 2000) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname || url.username || url.password) return null;
  return url;
}

/**
 * A comparison key: host lower-cased, scheme, default port and fragment dropped, one trailing slash removed.
 * Senders write our permalinks in all these forms (WM §3.2.1 says to ignore the fragment; WordPress
 * senders vary the scheme and the slash), and treating them alike costs nothing in safety.
 */
export function comparisonKey(url: URL | string): string | null {
  const u = typeof url === 'string' ? parseHttpUrl(url) : url;
  if (!u) return null;
  const port = u.port && !((u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443')) ? `:${u.port}` : '';
  let path = u.pathname;
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return `${u.hostname.toLowerCase()}${port}${path}${u.search}`;
}

/** True when both strings are http(s) URLs naming the same page under comparisonKey. */
export function sameResource(a: string, b: string): boolean {
  const ka = comparisonKey(a);
  return ka !== null && ka === comparisonKey(b);
}
