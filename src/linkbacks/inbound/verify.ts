// Pure verification of a fetched source page: does an <a href> resolve to the target (PB §3 step 1,
// WM §3.2.2), what is the page's title (h-entry name, og:title, <title>, host) and the plain-text context
// of ~100 characters each side of the link (as WordPress's pingback excerpt, wordpress-behaviour §2.2 step 18).
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { Semantic } from './mf2.js';
import { squish, truncateText } from './text.js';
import { comparisonKey, parseHttpUrl } from './urls.js';

export interface Verification {
  linked: boolean;
  title: string;
  excerpt: string;
  /** The source's microformats2 for this target (mf2.ts), when it has any; set by fetch-source.ts. */
  semantic?: Semantic | null;
}

export const TITLE_MAX = 250;
const CONTEXT = 100;
const LINK_TEXT_MAX = 100;
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'iframe', 'object']);
const BLOCK = /^(p|div|li|ul|ol|dt|dd|dl|td|th|tr|table|h[1-6]|blockquote|pre|article|section|header|footer|main|aside|nav|figure|figcaption|br|hr|body|form|address)$/;

/** Verifies an HTML source against the target as sent. `pageUrl` is the URL finally fetched (the link base). */
export function verifyHtml(html: string, pageUrl: string, target: string): Verification {
  const $ = cheerio.load(html);
  const want = comparisonKey(target);
  const base = baseUrl($, pageUrl);
  const link = $('a[href], area[href]')
    .toArray()
    .find((a) => want !== null && resolvesTo($(a).attr('href') ?? '', base, want));
  const title = pickTitle($, pageUrl);
  return { linked: Boolean(link), title, excerpt: link ? contextOf($, link) : '' };
}

/** Plain-text sources (WM §3.2.2): the target string must appear; the excerpt is the text around it. */
export function verifyText(text: string, pageUrl: string, target: string): Verification {
  const at = text.indexOf(target);
  const title = parseHttpUrl(pageUrl)?.hostname ?? '';
  if (at < 0) return { linked: false, title, excerpt: '' };
  return { linked: true, title, excerpt: excerptAround(text.slice(0, at), target, text.slice(at + target.length)) };
}

function baseUrl($: cheerio.CheerioAPI, pageUrl: string): string {
  const href = $('base[href]').first().attr('href');
  if (!href) return pageUrl;
  try {
    return new URL(href, pageUrl).toString();
  } catch {
    return pageUrl;
  }
}

function resolvesTo(href: string, base: string, want: string): boolean {
  try {
    return comparisonKey(new URL(href.trim(), base)) === want;
  } catch {
    return false;
  }
}

function pickTitle($: cheerio.CheerioAPI, pageUrl: string): string {
  const hEntryName = $('.h-entry .p-name').first();
  const candidates = [
    hEntryName.length ? (hEntryName.is('img, area') ? hEntryName.attr('alt') ?? '' : hEntryName.text()) : '',
    $('meta[property="og:title"]').first().attr('content') ?? '',
    $('title').first().text(),
    parseHttpUrl(pageUrl)?.hostname ?? '',
  ];
  const found = candidates.map(squish).find((t) => t !== '') ?? '';
  return truncateText(found, TITLE_MAX);
}

/** Flattens the document to text in order, remembering where the link's text starts and ends. */
function contextOf($: cheerio.CheerioAPI, link: Element): string {
  let text = '';
  let start = -1;
  let end = -1;
  const walk = (node: AnyNode): void => {
    if (node === link) start = text.length;
    if (node.type === 'text') text += (node as unknown as { data: string }).data;
    else if (node.type === 'tag' || node.type === 'root') {
      const el = node as Element;
      const name = el.name?.toLowerCase() ?? '';
      if (SKIP.has(name)) return;
      const block = BLOCK.test(name);
      if (block) text += '\n\n';
      for (const child of el.children ?? []) walk(child);
      if (block) text += '\n\n';
    }
    if (node === link) end = text.length;
  };
  walk($.root()[0] as AnyNode);
  if (start < 0) return '';
  // Context stays inside the link's paragraph, as WordPress splits on paragraph breaks.
  const before = text.slice(0, start).split('\n\n').pop() ?? '';
  const after = text.slice(end).split('\n\n')[0] ?? '';
  const linkText = truncateText(squish(text.slice(start, end)), LINK_TEXT_MAX);
  return excerptAround(before, linkText, after);
}

/**
 * The last ~100 characters before + link text + the first ~100 after, cut at word boundaries. No ellipses:
 * the templates frame every excerpt with them.
 */
export function excerptAround(before: string, middle: string, after: string): string {
  let b = squish(before);
  let a = squish(after);
  if (b.length > CONTEXT) {
    b = Array.from(b).slice(-CONTEXT).join('');
    const space = b.indexOf(' ');
    if (space >= 0 && space < CONTEXT / 2) b = b.slice(space + 1);
  }
  if (a.length > CONTEXT) {
    a = Array.from(a).slice(0, CONTEXT).join('');
    const space = a.lastIndexOf(' ');
    if (space > CONTEXT / 2) a = a.slice(0, space);
  }
  const joined = [b, squish(middle), a].filter(Boolean).join(' ').replace(/ ([.,;:!?)])/g, '$1');
  return squish(joined);
}
