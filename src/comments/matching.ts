// Pure matching helpers for the moderation rules: word lists (WordPress's case-insensitive substring match,
// §3.3) and link counting (bare URLs count, as make_clickable would link them). Host lists: net/hosts.ts.

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
