// Semantic linkbacks (issue 19 point 1), pure: the source page's microformats2 (parsed by the microformats
// org's parser) → the h-entry that links to our target, what kind of response it is (post-type discovery,
// https://www.w3.org/TR/post-type-discovery/ §4, with bookmark-of as the IndieWeb adds it), who wrote it (the
// authorship algorithm, https://indieweb.org/authorship-spec, without fetching an author page), when, and its
// content sanitised to the readers' comment allow-list. Null when the page has no h-entry for us: the caller
// then keeps the plain title and excerpt.
import { mf2 } from 'microformats-parser';
import type { MentionType } from '../../db/schema.js';
import { escapeHtml } from '../../content/escape.js';
import { htmlToText, sanitizeCommentHtml, truncateText } from '../../content/sanitize.js';
import { comparisonKey, parseHttpUrl } from './urls.js';
import { squish } from './text.js';

export interface MentionAuthor {
  name: string;
  url: string | null;
  photo: string | null;
  /**
   * The entry named its author by URL only (a plain u-author, or rel=author): the name is the URL's host until
   * the author-page job reads that page's representative h-card (authorship spec §2 step 5, author-page.ts).
   */
  urlOnly: boolean;
}

export interface Semantic {
  type: MentionType;
  /** yes | no | maybe | interested, for an RSVP. */
  rsvp: string | null;
  /** The entry's own permalink (u-url), else the page. */
  url: string;
  author: MentionAuthor | null;
  /** ISO-8601 UTC, or null when absent or unreadable. */
  published: string | null;
  /** Sanitised HTML (readers' allow-list), '' when the entry has no content. */
  content: string;
  /** Every in-reply-to URL, for threading under one of our comments (#comment-N). */
  inReplyTo: string[];
  /** True when a response property (not only the content) names the target. */
  responds: boolean;
}

type Item = { type?: string[]; properties?: Record<string, unknown[]>; children?: Item[]; value?: unknown; html?: string };

const NAME_MAX = 250;
const RSVP_VALUES = new Set(['yes', 'no', 'maybe', 'interested']);
// PTD §4: RSVP, then reply, repost, like; bookmark after them (IndieWeb's post-type list).
const RESPONSES: [string, MentionType][] = [['in-reply-to', 'reply'], ['repost-of', 'repost'], ['like-of', 'like'], ['bookmark-of', 'bookmark']];

export function readSemantic(html: string, pageUrl: string, target: string, contentMax: number): Semantic | null {
  const want = comparisonKey(target);
  if (want === null) return null;
  let doc: { items: Item[]; rels: Record<string, string[]> };
  try {
    doc = mf2(html, { baseUrl: pageUrl }) as unknown as typeof doc;
  } catch {
    return null;
  }
  const entries = collectEntries(doc.items, null);
  if (entries.length === 0) return null;
  const found =
    entries.find((e) => respondsTo(e.item, want)) ??
    entries.find((e) => contentLinks(e.item, pageUrl, want)) ??
    representative(entries, doc.items, pageUrl);
  if (!found) return null;
  const p = found.item.properties ?? {};
  const type = postType(p, want);
  return {
    type,
    rsvp: type === 'rsvp' ? rsvpOf(p) : null,
    url: httpUrl(first(p.url)) ?? pageUrl,
    author: authorOf(found.item, found.feed, doc),
    published: dateOf(first(p.published)),
    content: contentOf(p, contentMax),
    inReplyTo: urlsOf(p['in-reply-to']),
    responds: respondsTo(found.item, want),
  };
}

/** Every h-entry, depth first (top level, children, nested in properties), with the h-feed it sits in. */
function collectEntries(items: Item[], feed: Item | null, out: { item: Item; feed: Item | null }[] = [], depth = 0): { item: Item; feed: Item | null }[] {
  if (depth > 8) return out;
  for (const item of items) {
    const isFeed = item.type?.includes('h-feed') ?? false;
    if (item.type?.includes('h-entry')) out.push({ item, feed });
    const nested = Object.values(item.properties ?? {}).flat().filter(isItem);
    collectEntries([...(item.children ?? []), ...nested], isFeed ? item : feed, out, depth + 1);
  }
  return out;
}

function isItem(v: unknown): v is Item {
  return typeof v === 'object' && v !== null && Array.isArray((v as Item).type);
}

function postType(p: Record<string, unknown[]>, want: string): MentionType {
  const names = (key: string) => urlsOf(p[key]).some((u) => comparisonKey(u) === want);
  if (rsvpOf(p) && names('in-reply-to')) return 'rsvp';
  return RESPONSES.find(([key]) => names(key))?.[1] ?? 'mention';
}

function respondsTo(item: Item, want: string): boolean {
  const p = item.properties ?? {};
  return RESPONSES.some(([key]) => urlsOf(p[key]).some((u) => comparisonKey(u) === want));
}

/** Does the entry's e-content link to the target (the parser has resolved its hrefs against the page)? */
function contentLinks(item: Item, pageUrl: string, want: string): boolean {
  const c = first(item.properties?.content);
  const html = isItem(c) || typeof c !== 'object' || c === null ? '' : String((c as Item).html ?? '');
  for (const m of html.matchAll(/href\s*=\s*"([^"]*)"/gi)) {
    const href = m[1].replace(/&amp;/g, '&');
    try {
      if (comparisonKey(new URL(href, pageUrl)) === want) return true;
    } catch {
      // not a URL: not our link
    }
  }
  return false;
}

/** The page's own entry when nothing names us in mf2 (the link is elsewhere on it): the only top-level one, or the one whose url is the page. */
function representative(entries: { item: Item; feed: Item | null }[], items: Item[], pageUrl: string): { item: Item; feed: Item | null } | undefined {
  const page = comparisonKey(pageUrl);
  const byUrl = entries.find((e) => urlsOf(e.item.properties?.url).some((u) => comparisonKey(u) === page));
  if (byUrl) return byUrl;
  const top = items.filter((i) => i.type?.includes('h-entry'));
  return top.length === 1 ? entries.find((e) => e.item === top[0]) : undefined;
}

/** Authorship: the entry's author, else its h-feed's, else the page's rel=author (https://indieweb.org/authorship-spec §2). */
function authorOf(entry: Item, feed: Item | null, doc: { rels: Record<string, string[]> }): MentionAuthor | null {
  return cardOf(first(entry.properties?.author)) ?? cardOf(first(feed?.properties?.author)) ?? cardOf(first(doc.rels?.author));
}

function cardOf(v: unknown): MentionAuthor | null {
  if (typeof v === 'string') {
    const url = httpUrl(v);
    const name = squish(v);
    if (url) return { name: truncateText(new URL(url).hostname, NAME_MAX), url, photo: null, urlOnly: true };
    return name ? { name: truncateText(name, NAME_MAX), url: null, photo: null, urlOnly: false } : null;
  }
  if (!isItem(v)) return null;
  const p = v.properties ?? {};
  const url = httpUrl(first(p.url));
  const name = squish(textOf(first(p.name)) || textOf(v.value)) || (url ? new URL(url).hostname : '');
  if (!name) return null;
  const photo = first(p.photo);
  return { name: truncateText(name, NAME_MAX), url, photo: httpUrl(typeof photo === 'object' && photo !== null ? (photo as Item).value : photo), urlOnly: false };
}

/**
 * The representative h-card of an author page (https://microformats.org/wiki/representative-h-card-parsing,
 * as the authorship spec's step 5 reads it): an h-card whose uid and url are the page; else one whose url is
 * also a rel=me link of the page; else the first whose url is the page. `pageUrls`: the author URL as linked
 * and as finally fetched (after redirects). Null when there is none (the caller keeps the host as the name).
 */
export function representativeCard(html: string, pageUrl: string, pageUrls: string[]): MentionAuthor | null {
  let doc: { items: Item[]; rels: Record<string, string[]> };
  try {
    doc = mf2(html, { baseUrl: pageUrl }) as unknown as typeof doc;
  } catch {
    return null;
  }
  const pages = new Set(pageUrls.map((u) => comparisonKey(u)).filter((k): k is string => k !== null));
  const isPage = (v: unknown) => {
    const u = httpUrl(v);
    return u !== null && pages.has(comparisonKey(u) ?? '');
  };
  const cards = collectCards(doc.items);
  const me = new Set((doc.rels?.me ?? []).map((u) => comparisonKey(u)).filter((k): k is string => k !== null));
  const found =
    cards.find((c) => urlsOf(c.properties?.uid).some(isPage) && urlsOf(c.properties?.url).some(isPage)) ??
    cards.find((c) => urlsOf(c.properties?.url).some((u) => me.has(comparisonKey(u) ?? ''))) ??
    cards.find((c) => urlsOf(c.properties?.url).some(isPage));
  return found ? cardOf(found) : null;
}

/** Top-level h-cards and those among their children, in document order (not an entry's author: that is someone's reply). */
function collectCards(items: Item[], out: Item[] = [], depth = 0): Item[] {
  if (depth > 4) return out;
  for (const item of items) {
    if (item.type?.includes('h-card')) out.push(item);
    collectCards(item.children ?? [], out, depth + 1);
  }
  return out;
}

function contentOf(p: Record<string, unknown[]>, max: number): string {
  const c = first(p.content) ?? first(p.summary);
  if (c === undefined || isItem(c)) return '';
  const html = typeof c === 'string' ? escapeHtml(c) : String((c as Item).html ?? escapeHtml(textOf((c as Item).value)));
  const clean = sanitizeCommentHtml(html).trim();
  const text = htmlToText(clean);
  if (!text) return '';
  // Cut as text when too long: cutting HTML would leave tags open.
  return text.length > max ? `<p>${escapeHtml(truncateText(text, max))}</p>` : clean;
}

function rsvpOf(p: Record<string, unknown[]>): string | null {
  const v = squish(textOf(first(p.rsvp))).toLowerCase();
  return RSVP_VALUES.has(v) ? v : null;
}

function dateOf(v: unknown): string | null {
  const s = squish(textOf(v));
  if (!s) return null;
  // mf2 dates may separate date and time with a space and omit seconds (Value Class Pattern); one without
  // an offset is read as UTC, so the result does not hang on this server's time zone.
  let iso = s.replace(/^(\d{4}-\d{2}-\d{2})[ T]/, '$1T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(iso)) iso += 'Z';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function urlsOf(values: unknown[] | undefined): string[] {
  return (values ?? []).map((v) => httpUrl(isItem(v) ? first(v.properties?.url) ?? v.value : v)).filter((u): u is string => u !== null);
}

function httpUrl(v: unknown): string | null {
  return typeof v === 'string' ? parseHttpUrl(v)?.href ?? null : null;
}

function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && 'value' in v) return textOf((v as Item).value);
  return '';
}

function first(values: unknown[] | undefined): unknown {
  return values?.[0];
}
