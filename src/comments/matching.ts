// Pure matching helpers for the moderation rules: word lists (WordPress's case-insensitive substring match,
// §3.3), link counting (bare URLs count, as make_clickable would link them) and host lists.

export const LINKBACK_KINDS = ['pingback', 'trackback', 'webmention'] as const;

export function isLinkbackKind(kind: string): boolean {
  return (LINKBACK_KINDS as readonly string[]).includes(kind);
}

/** The first list entry found as a substring of any field (case-insensitive), or undefined. */
export function firstWordHit(words: string[], fields: string[]): string | undefined {
  const haystack = fields.join('\n').toLowerCase();
  for (const raw of words) {
    const w = raw.trim().toLowerCase();
    if (w && haystack.includes(w)) return raw.trim();
  }
  return undefined;
}

export function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, ' ');
}

/** Anchors with href plus bare URLs outside anchors: what WordPress counts after make_clickable. */
export function countLinks(content: string): number {
  const anchors = (content.match(/<a\s[^>]*href/gi) ?? []).length;
  const outside = stripTags(content.replace(/<a\b[^>]*>[\s\S]*?<\/a>/gi, ' '));
  const bare = (outside.match(/\b(?:https?:\/\/|www\.)[^\s<>"']+/gi) ?? []).length;
  return anchors + bare;
}

/** Lower-case host name of an http(s) URL (no port), or null when it is not one. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  } catch {
    return null;
  }
}

/** A host list entry matches the host itself and its subdomains ("example.com" covers "blog.example.com"). */
export function hostInList(host: string | null, list: string[]): string | undefined {
  if (!host) return undefined;
  for (const raw of list) {
    const entry = raw.trim().toLowerCase().replace(/^\*?\./, '').replace(/\.$/, '');
    if (entry && (host === entry || host.endsWith(`.${entry}`))) return raw.trim();
  }
  return undefined;
}
