// What the public pages show, as plain view models: post listings (home and month archives), the archive
// list, one post (its comments are site/post-page-model.ts's), and permalink resolution with its redirects.
import * as cheerio from 'cheerio';
import type { AppContext } from '../context.js';
import type { Post } from '../db/schema.js';
import type { Settings } from '../settings/definitions.js';
import { memoByGeneration } from '../cache/by-generation.js';
import { formatPostDate, monthName } from './date-format.js';
import { permalinkPath } from './permalink.js';
import { approvedCounts, authorNames, publishedMonths } from './public-repository.js';
import { findPostByOldSlug, findPostBySlug, listPublished } from './repository.js';
import { termLinksOfPosts, type TermLink } from '../terms/public-service.js';

export interface PostView {
  id: number;
  title: string;
  permalink: string;
  date: string;
  isoDate: string;
  author: string;
  /** The post's HTML (trusted as stored), cut at <!--more--> on listings. */
  html: string;
  hasMore: boolean;
  moreText: string;
  comments: number;
  mentions: number;
  /** Filed under (issue 13): shown under the title, on listings and on the post page. */
  categories: TermLink[];
  tags: TermLink[];
}

const MORE = /<!--more(.*?)?-->/i;

/** Splits at WordPress's <!--more--> tag; the cut is re-serialised so an open paragraph gets closed. */
export function teaser(html: string): { html: string; hasMore: boolean; moreText: string } {
  const m = MORE.exec(html);
  if (!m) return { html, hasMore: false, moreText: '' };
  const before = cheerio.load(html.slice(0, m.index), null, false).html();
  return { html: before, hasMore: true, moreText: (m[1] ?? '').trim() || 'Continue reading' };
}

/** View models of a page of posts: counts, authors and terms each read in one query for the whole page. */
export async function toViews(ctx: AppContext, posts: Post[], s: Settings, cut: boolean): Promise<PostView[]> {
  const ids = posts.map((p) => p.id);
  const [counts, names, terms] = await Promise.all([approvedCounts(ctx.db, ids), authorNames(ctx.db, posts.map((p) => p.author_id)), termLinksOfPosts(ctx, ids)]);
  return posts.map((p) => {
    // On the post itself the <!--more--> tag becomes the #more anchor the listing's link points at.
    const body = cut ? teaser(p.content) : { html: p.content.replace(MORE, '<span id="more"></span>'), hasMore: false, moreText: '' };
    const c = counts.get(p.id) ?? { comments: 0, mentions: 0 };
    return {
      id: p.id,
      title: p.title || '(no title)',
      // Not yet public: links on a preview page stay on the preview.
      permalink: p.status === 'published' ? encodeURI(permalinkPath(p)) : `/?p=${p.id}&preview=true`,
      date: formatPostDate(p.published_at, s.date_format, s.timezone),
      isoDate: p.published_at ?? '',
      author: names.get(p.author_id) ?? '',
      ...body,
      comments: c.comments,
      mentions: c.mentions,
      categories: terms.get(p.id)?.categories ?? [],
      tags: terms.get(p.id)?.tags ?? [],
    };
  });
}

export interface Listing {
  posts: PostView[];
  page: number;
  totalPages: number;
}

/** One page of published posts, optionally within [from, to); null when the page is past the end. */
export async function listingPage(ctx: AppContext, s: Settings, page: number, range?: { from: string; to: string }): Promise<Listing | null> {
  const per = s.posts_per_page;
  const { posts, total } = await listPublished(ctx.db, per, (page - 1) * per, range);
  const totalPages = Math.max(1, Math.ceil(total / per));
  if (page > totalPages || (range && total === 0)) return null;
  return { posts: await toViews(ctx, posts, s, true), page, totalPages };
}

export async function archiveLinks(ctx: AppContext): Promise<{ path: string; label: string; count: number }[]> {
  const months = await memoByGeneration(ctx.db, 'archive-months', () => publishedMonths(ctx.db));
  return months.map(({ month, count }) => {
    const [y, m] = month.split('-');
    return { path: `/${y}/${m}/`, label: `${monthName(Number(m))} ${y}`, count };
  });
}

export type Resolution = { kind: 'show'; post: Post } | { kind: 'redirect'; to: string } | { kind: 'missing' };

/** /YYYY/MM/DD/slug/: the post, a 301 to its real permalink (wrong date, old slug), or nothing. */
export async function resolvePermalink(ctx: AppContext, path: { year: string; month: string; day: string; slug: string }): Promise<Resolution> {
  const requested = `/${path.year}/${path.month}/${path.day}/${path.slug}/`;
  const post = await findPostBySlug(ctx.db, path.slug);
  if (post) {
    if (post.status !== 'published') return { kind: 'missing' };
    const canonical = permalinkPath(post);
    return canonical === requested ? { kind: 'show', post } : { kind: 'redirect', to: encodeURI(canonical) };
  }
  const renamed = await findPostByOldSlug(ctx.db, path.slug);
  if (renamed && renamed.status === 'published') return { kind: 'redirect', to: encodeURI(permalinkPath(renamed)) };
  return { kind: 'missing' };
}

/** One post as the post page shows it: the whole content, the <!--more--> tag turned into its anchor. */
export async function postView(ctx: AppContext, s: Settings, post: Post): Promise<PostView> {
  const [view] = await toViews(ctx, [post], s, false);
  return view!;
}
