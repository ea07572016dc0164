// Host names as every rule compares them: the moderation rules (blocked and trusted source hosts), the inbound
// checks and rate limits, the outbound deny list and the queue's per-host limit all read a URL's host here
// and match it against a settings list here, so a host listed once is matched the same way everywhere.

/** Lower-case host name of an http(s) URL (no port, no IPv6 brackets, no trailing dot), or null. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return normaliseHost(u.hostname);
  } catch {
    return null;
  }
}

function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

/**
 * The list entry (as written) that covers `host`, or undefined: an entry matches the host itself and its
 * subdomains ("example.com" and "*.example.com" both cover "blog.example.com"), case-insensitively.
 */
export function hostInList(host: string | null | undefined, list: readonly string[]): string | undefined {
  if (!host) return undefined;
  const h = normaliseHost(host);
  for (const raw of list) {
    const entry = normaliseHost(raw).replace(/^\*?\./, '');
    if (entry && (h === entry || h.endsWith(`.${entry}`))) return raw.trim();
  }
  return undefined;
}
