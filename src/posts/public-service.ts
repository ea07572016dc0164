// What the public pages show, as plain view models: post listings (home and month archives), the archive
// list, one post (its comments are site/post-page-model.ts's), and permalink resolution with its redirects.
import * as cheerio from 'cheerio';
import type { AppContext } from '../context.js';
import type { Post } from '../db/schema.js';
import type { Settings } from '../settings/definitions.js';
import { memoByGeneration } from '../cache/by-generation.js';
import { formatPostDate, monthName } from './date-format.js';
import { permalinkPath } from './permalink.js';
import { approvedCounts, authorNames, publishedMonths, topLevelPages } from './public-repository.js';
import { listPublished, type PublishedFilter } from './repository.js';

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
}

const MORE = /<!--more(.*?)?-->/i;

/** Splits at WordPress's <!--more--> tag; the cut is re-serialised so an open paragraph gets closed. */
export function teaser(html: string): { html: string; hasMore: boolean; moreText: string } {
  const m = MORE.exec(html);
  if (!m) return { html, hasMore: false, moreText: '' };
  const before = cheerio.load(html.slice(0, m.index), null, false).html();
  return { html: before, hasMore: true, moreText: (m[1] ?? '').trim() || 'Continue reading' };
}

async function toViews(ctx: AppContext, posts: Post[], s: Settings, cut: boolean): Promise<PostView[]> {
  const [counts, names] = await Promise.all([approvedCounts(ctx.db, posts.map((p) => p.id)), authorNames(ctx.db, posts.map((p) => p.author_id))]);
  return posts.map((p) => {
    // On the post itself the <!--more--> tag becomes the #more anchor the listing's link points at.
    const body = cut ? teaser(p.content) : { html: p.content.replace(MORE, '<span id="more"></span>'), hasMore: false, moreText: '' };
    const c = counts.get(p.id) ?? { comments: 0, mentions: 0 };
    return {
      id: p.id,
      title: p.title || '(no title)',
      // Not yet public: links on a preview page stay on the preview.
      permalink: p.status === 'published' ? encodeURI(permalinkPath(p, s)) : `/?p=${p.id}&preview=true`,
      date: formatPostDate(p.published_at, s.date_format, s.timezone),
      isoDate: p.published_at ?? '',
      author: names.get(p.author_id) ?? '',
      ...body,
      comments: c.comments,
      mentions: c.mentions,
    };
  });
}

export interface Listing {
  posts: PostView[];
  page: number;
  totalPages: number;
}

/** One page of published posts, optionally within a date range or by one author; null when the page is past the end. */
export async function listingPage(ctx: AppContext, s: Settings, page: number, filter: PublishedFilter = {}): Promise<Listing | null> {
  const per = s.posts_per_page;
  const { posts, total } = await listPublished(ctx.db, per, (page - 1) * per, filter);
  const totalPages = Math.max(1, Math.ceil(total / per));
  // An archive with no posts is a 404 (WordPress); the home page with none is the empty blog.
  if (page > totalPages || ((filter.range || filter.authorId !== undefined) && total === 0)) return null;
  return { posts: await toViews(ctx, posts, s, true), page, totalPages };
}

export async function archiveLinks(ctx: AppContext): Promise<{ path: string; label: string; count: number }[]> {
  const months = await memoByGeneration(ctx.db, 'archive-months', () => publishedMonths(ctx.db));
  return months.map(({ month, count }) => {
    const [y, m] = month.split('-');
    return { path: `/${y}/${m}/`, label: `${monthName(Number(m))} ${y}`, count };
  });
}

/**
 * The theme's navigation menu of top-level pages (Settings → Reading, on by default; empty when the blog
 * has no pages), read once per site generation: a page edit or a setting change moves the generation.
 */
export async function pagesMenu(ctx: AppContext, s: Settings): Promise<{ path: string; label: string }[]> {
  if (!s.pages_menu) return [];
  const pages = await memoByGeneration(ctx.db, 'pages-menu', () => topLevelPages(ctx.db));
  return pages.map((p) => ({ path: encodeURI(permalinkPath(p, s)), label: p.title || '(no title)' }));
}

/** One post as the post page shows it: the whole content, the <!--more--> tag turned into its anchor. */
export async function postView(ctx: AppContext, s: Settings, post: Post): Promise<PostView> {
  const [view] = await toViews(ctx, [post], s, false);
  return view!;
}
