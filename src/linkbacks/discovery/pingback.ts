// Pingback server discovery (Pingback 1.0 §2.3, protocols reference §1.2): the first X-Pingback header wins;
// else the first <link rel="pingback" href> element. The spec's regex only allows one byte-exact form; we read
// the element with an HTML parser instead, which also finds single quotes and href-before-rel (as WordPress
// does) while ignoring commented-out markup.
import * as cheerio from 'cheerio';
import { headerValues, isHtml } from './link-header.js';

export function discoverPingback(headers: Record<string, string | string[]>, html: string, finalUrl: string): string | null {
  for (const value of headerValues(headers, 'x-pingback')) {
    const resolved = absolute(value, finalUrl);
    if (resolved) return resolved;
  }
  if (!html || !isHtml(headers)) return null;
  const $ = cheerio.load(html);
  for (const el of $('link[rel][href]').toArray()) {
    const rels = ($(el).attr('rel') ?? '').toLowerCase().split(/[\t\n\f\r ]+/);
    if (!rels.includes('pingback')) continue;
    const resolved = absolute($(el).attr('href') ?? '', finalUrl);
    if (resolved) return resolved;
  }
  return null;
}

/** The spec requires absolute URIs; a relative one is resolved against the page rather than dropped. */
function absolute(href: string, base: string): string | null {
  const trimmed = href.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
