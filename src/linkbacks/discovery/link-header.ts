// RFC 8288 `Link` header parsing, enough for Webmention discovery (WM §3.1.2; webmention.rocks tests 1, 2, 7, 8,
// 10, 18, 19): several headers, comma-separated link-values, quoted or bare parameters, multi-token rel.

export interface HeaderLink {
  href: string;
  rels: string[];
}

/** Case-insensitive header lookup; repeated headers come back as a list. */
export function headerValues(headers: Record<string, string | string[] | undefined>, name: string): string[] {
  const wanted = name.toLowerCase();
  const out: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    out.push(...(Array.isArray(value) ? value : [value]));
  }
  return out;
}

/** Whether the body is an HTML or XHTML document (no Content-Type at all is given the benefit of the doubt). */
export function isHtml(headers: Record<string, string | string[] | undefined>): boolean {
  const type = headerValues(headers, 'content-type')[0];
  if (!type) return true;
  return /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i.test(type);
}

/** Every link-value of every Link header, in order. Malformed link-values are skipped, not fatal. */
export function parseLinkHeaders(values: string[]): HeaderLink[] {
  return values.flatMap(parseLinkHeader);
}

function parseLinkHeader(value: string): HeaderLink[] {
  const links: HeaderLink[] = [];
  let i = 0;
  while (i < value.length) {
    const open = value.indexOf('<', i);
    if (open < 0) break;
    const close = value.indexOf('>', open);
    if (close < 0) break;
    const href = value.slice(open + 1, close).trim();
    const { params, end } = readParams(value, close + 1);
    const rel = params.get('rel');
    links.push({ href, rels: rel ? rel.toLowerCase().split(/\s+/).filter(Boolean) : [] });
    i = end;
  }
  return links;
}

/** Reads `; name=value; name="quoted, value"` up to the comma that ends this link-value. */
function readParams(s: string, from: number): { params: Map<string, string>; end: number } {
  const params = new Map<string, string>();
  let i = from;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (s[i] === ',') return { params, end: i + 1 };
    if (s[i] !== ';') {
      // Junk between link-values: skip to the next comma.
      const comma = s.indexOf(',', i);
      return { params, end: comma < 0 ? s.length : comma + 1 };
    }
    i++;
    const nameMatch = /^\s*([^=;,\s]+)\s*/.exec(s.slice(i));
    if (!nameMatch) continue;
    const name = nameMatch[1]!.toLowerCase().replace(/\*$/, '');
    i += nameMatch[0].length;
    let val = '';
    if (s[i] === '=') {
      i++;
      while (s[i] === ' ' || s[i] === '\t') i++;
      if (s[i] === '"') {
        i++;
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\' && i + 1 < s.length) i++;
          val += s[i++];
        }
        i++;
      } else {
        const m = /^[^;,]*/.exec(s.slice(i))!;
        val = m[0].trim();
        i += m[0].length;
      }
    }
    // RFC 8288 §3: only the first occurrence of a parameter counts.
    if (!params.has(name)) params.set(name, val);
  }
  return { params, end: s.length };
}
