// Pure link extraction for the outbound scan: the `a[href]` targets of a post's HTML, absolute, http(s)
// only, without fragments, without the post itself, each once, in document order (issue 4 point 3).
import * as cheerio from 'cheerio';
import { truncateText } from '../../content/sanitize.js';

/** The URL as we store and announce it: absolute, fragment dropped (a fragment never names another page). */
export function normaliseLink(href: string, base: string): string | null {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  url.hash = '';
  return url.toString();
}

/** Every distinct link target in `html`, resolved against the post's permalink, minus the post itself. */
export function extractLinks(html: string, permalink: string): string[] {
  const $ = cheerio.load(html);
  const self = normaliseLink(permalink, permalink);
  const seen = new Set<string>();
  $('a[href]').each((_, el) => {
    const url = normaliseLink($(el).attr('href') ?? '', permalink);
    if (url && url !== self && !sameIgnoringSlash(url, self)) seen.add(url);
  });
  return [...seen];
}

/**
 * Every target the post notifies: the links in its content, then what it answers (in-reply-to, like-of,
 * repost-of; issue 19 point 4), which are notified as links are even when the content does not link them
 * (Webmention §3.1.1: the source "mentions" the target; the page marks them up as u-in-reply-to and the like).
 */
export function postTargets(html: string, responses: readonly string[], permalink: string): string[] {
  const seen = new Set(extractLinks(html, permalink));
  const self = normaliseLink(permalink, permalink);
  for (const r of responses) {
    const url = normaliseLink(r, permalink);
    if (url && url !== self && !sameIgnoringSlash(url, self)) seen.add(url);
  }
  return [...seen];
}

function sameIgnoringSlash(a: string, b: string | null): boolean {
  return b !== null && a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** Plain text of a post for a TrackBack excerpt: at most 255 characters, never splitting a character. */
export function plainExcerpt(html: string, max = 255): string {
  const text = cheerio.load(html).root().text().replace(/\s+/g, ' ').trim();
  return truncateText(text, max);
}
