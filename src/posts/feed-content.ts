// Post HTML made fit for feeds: links and images written relative to our site ("/2026/01/x/", "img.png")
// would resolve against the reader's own address, so they are made absolute against the post's permalink.
import * as cheerio from 'cheerio';

const URL_ATTR = /\s(?:href|src|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
// A value with no scheme that is not a fragment: relative, or protocol-relative.
const isRelative = (value: string) => !/^[a-z][a-z0-9+.-]*:|^#/i.test(value.trim());

export function absoluteUrls(html: string, base: string): string {
  // Untouched unless needed: re-serialising would rewrite entities and spacing the author chose.
  const values = Array.from(html.matchAll(URL_ATTR), (m) => m[1] ?? m[2] ?? m[3] ?? '');
  if (!values.some(isRelative)) return html;
  const $ = cheerio.load(html, null, false);
  for (const [selector, attr] of [['a[href]', 'href'], ['img[src]', 'src'], ['audio[src]', 'src'], ['video[src]', 'src']] as const) {
    $(selector).each((_, el) => {
      const value = $(el).attr(attr) ?? '';
      if (!isRelative(value)) return;
      try {
        $(el).attr(attr, new URL(value.trim(), base).href);
      } catch {
        /* leave a value URL() cannot parse as it was */
      }
    });
  }
  // srcset lists "url width" candidates (issue 14's inserted images): each URL made absolute the same way.
  $('img[srcset]').each((_, el) => {
    const list = ($(el).attr('srcset') ?? '').split(',').map((candidate) => {
      const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
      try {
        return [isRelative(url) ? new URL(url, base).href : url, ...descriptor].join(' ');
      } catch {
        return candidate.trim();
      }
    });
    $(el).attr('srcset', list.join(', '));
  });
  return $.html();
}
