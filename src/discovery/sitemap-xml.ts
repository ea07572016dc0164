// The two documents of the sitemaps.org protocol (https://www.sitemaps.org/protocol.html): a sitemap index
// listing sitemap files, and a urlset of at most 50,000 URLs. Values are entity-escaped as §"Entity escaping"
// requires; lastmod is a W3C Datetime.
import { xmlText } from '../content/escape.js';

export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
/** sitemaps.org: "no more than 50,000 URLs" per file. */
export const MAX_URLS_PER_SITEMAP = 50_000;

export interface SitemapEntry {
  /** Absolute URL, already percent-encoded. */
  loc: string;
  /** ISO-8601 UTC timestamp, when known. */
  lastmod?: string | null;
}

/** W3C Datetime without the milliseconds: "2026-11-30T10:00:00Z". */
function w3cDate(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z');
}

function entryXml(tag: 'url' | 'sitemap', e: SitemapEntry): string {
  const lastmod = e.lastmod ? `<lastmod>${xmlText(w3cDate(e.lastmod))}</lastmod>` : '';
  return `  <${tag}><loc>${xmlText(e.loc)}</loc>${lastmod}</${tag}>`;
}

export function sitemapIndexXml(sitemaps: SitemapEntry[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${SITEMAP_NS}">\n${sitemaps.map((s) => entryXml('sitemap', s)).join('\n')}\n</sitemapindex>\n`;
}

export function urlsetXml(urls: SitemapEntry[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NS}">\n${urls.map((u) => entryXml('url', u)).join('\n')}\n</urlset>\n`;
}
