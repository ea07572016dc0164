// Webmention endpoint discovery (W3C Webmention §3.1.2, protocols reference §3.1): the first Link header with
// the `webmention` rel token wins; else the first <link> or <a> with that token in document order. Relative
// URLs resolve against the final URL after redirects; an empty href is the page itself; query strings stay.
// A real HTML parser (cheerio) means comments, script text, escaped markup and <template> content never count.
import * as cheerio from 'cheerio';
import { headerValues, isHtml, parseLinkHeaders } from './link-header.js';

export function discoverWebmention(finalUrl: string, headers: Record<string, string | string[]>, html: string): string | null {
  for (const link of parseLinkHeaders(headerValues(headers, 'link'))) {
    if (!link.rels.includes('webmention')) continue;
    const resolved = resolve(link.href, finalUrl);
    if (resolved) return resolved;
  }
  // Only an HTML document has <link> and <a> elements to look at (WM §3.1.2 "if the content type is HTML").
  return isHtml(headers) ? discoverInHtml(finalUrl, html) : null;
}

function discoverInHtml(finalUrl: string, html: string): string | null {
  if (!html) return null;
  const $ = cheerio.load(html);
  for (const el of $('link[rel], a[rel]').toArray()) {
    const node = $(el);
    const rels = (node.attr('rel') ?? '').toLowerCase().split(/[\t\n\f\r ]+/);
    if (!rels.includes('webmention')) continue;
    // A <link rel=webmention> without href is skipped, not "self" (webmention.rocks test 20).
    const href = node.attr('href');
    if (href === undefined) continue;
    if (insideTemplate(el)) continue;
    const resolved = resolve(href, finalUrl);
    if (resolved) return resolved;
  }
  return null;
}

/** Inert <template> content is parsed into a fragment whose root hangs off the template element. */
function insideTemplate(el: { parent: unknown }): boolean {
  for (let p = el.parent as { parent?: unknown; name?: string } | null; p; p = (p.parent ?? null) as typeof p) {
    if (p.name === 'template') return true;
  }
  return false;
}

function resolve(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    // The fragment never reaches a server; the query string is kept (WM §3.1.2, webmention.rocks test 21).
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}
