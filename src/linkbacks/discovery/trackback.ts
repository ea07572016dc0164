// TrackBack ping URL discovery (TrackBack 1.2 "Auto-Discovery", protocols reference §2.1): the embedded RDF
// <rdf:Description> whose dc:identifier is the linked URL gives trackback:ping. The block usually sits inside
// an HTML comment, so this reads the raw text, not a DOM. An index page carries one block per entry: only the
// matching one counts. Fallbacks seen in practice: rdf:about when dc:identifier is missing or misspelt
// ("dc:identifer"), then a <link rel="trackback" href> element (the 2006 working-group proposal).

const DESCRIPTION = /<rdf:Description\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const LINK_TAG = /<link\b[^>]*>/gi;

export function discoverTrackback(linkedUrl: string, html: string): string | null {
  const wanted = normaliseForMatch(linkedUrl);
  if (!wanted || !html) return null;
  for (const [, attrText] of html.matchAll(DESCRIPTION)) {
    const attrs = readAttributes(attrText ?? '');
    const identifier = attrs.get('dc:identifier') ?? attrs.get('dc:identifer') ?? attrs.get('rdf:about');
    const ping = attrs.get('trackback:ping');
    if (!identifier || !ping || normaliseForMatch(identifier, linkedUrl) !== wanted) continue;
    const resolved = absolute(ping, linkedUrl);
    if (resolved) return resolved;
  }
  return linkElement(html, linkedUrl);
}

function linkElement(html: string, base: string): string | null {
  const visible = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const [tag] of visible.matchAll(LINK_TAG)) {
    const attrs = readAttributes(tag);
    const rels = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const href = attrs.get('href');
    if (rels.includes('trackback') && href) return absolute(href, base);
  }
  return null;
}

function readAttributes(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of text.matchAll(ATTRIBUTE)) {
    const name = m[1]!.toLowerCase();
    if (!attrs.has(name)) attrs.set(name, decodeEntities(m[2] ?? m[3] ?? ''));
  }
  return attrs;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => codePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => codePoint(Number(d)))
    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The same page however written: no fragment, no trailing slash, scheme and host case folded. */
export function normaliseForMatch(url: string, base?: string): string | null {
  try {
    const u = new URL(url.trim(), base);
    u.hash = '';
    u.pathname = u.pathname.replace(/\/+$/, '');
    return u.href;
  } catch {
    return null;
  }
}

function absolute(href: string, base: string): string | null {
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

const codePoint = (n: number): string => (n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\uFFFD');
