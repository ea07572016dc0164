// What the public pages show, as plain view models: post listings (home and month archives), the archive
// list, one post (its comments are site/post-page-model.ts's), and permalink resolution with its redirects.
import * as cheerio from 'cheerio';
import type { AppContext } from '../context.js';
import type { Post } from '../db/schema.js';
import type { Settings } from '../settings/definitions.js';
import { memoByGeneration } from '../cache/by-generation.js';
import { rememberRecentText } from '../cache/recent-results.js';
import { formatPostDate, monthName } from './date-format.js';
import { permalinkPath } from './permalink.js';
import { publishedMonths, topLevelPages } from './public-repository.js';
import { listVisible, stickyPosts, type PublishedFilter } from './repository.js';
import { displayTitle, isProtected, NO_EXCERPT_PROTECTED, privateScope, type Viewer } from './visibility.js';
import { termLinksOfPosts, type TermLink } from '../terms/public-service.js';
import { authorCards } from '../users/repository.js';
import { siteUrl } from '../settings/site-url.js';
import { authorCard, postResponses, type AuthorCard, type PostResponse } from './post-mf2.js';

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
  /** Shown on top of the home page's first page, with a "Sticky" label there. */
  sticky: boolean;
  /** Password-protected and not unlocked by this reader: html is empty and the excerpt stands in. */
  locked: boolean;
  /** What a locked post shows: its own excerpt, or WordPress's "There is no excerpt…" sentence. */
  lockedExcerpt: string;
  status: Post['status'];
  /** Filed under (issue 13): shown under the title, on listings and on the post page. */
  categories: TermLink[];
  tags: TermLink[];
  /** microformats2 (issue 19 point 4): the absolute permalink (u-url, u-uid), the last change (dt-updated), the author's h-card and what the post answers. */
  url: string;
  isoUpdated: string;
  authorCard: AuthorCard | null;
  responses: PostResponse[];
}

const MORE = /<!--more(.*?)?-->/i;

/** Splits at WordPress's <!--more--> tag; the cut is re-serialised so an open paragraph gets closed. */
export function teaser(html: string): { html: string; hasMore: boolean; moreText: string } {
  const m = MORE.exec(html);
  if (!m) return { html, hasMore: false, moreText: '' };
  return { html: closedCut(html.slice(0, m.index)), hasMore: true, moreText: (m[1] ?? '').trim() || 'Continue reading' };
}

// Re-serialising through cheerio cost a quarter of an uncached home page (issue 11: CPU profile); the same
// stored HTML always closes the same way, so recent cuts are kept.
const closedCut = rememberRecentText(4 * 1_048_576, (fragment) => cheerio.load(fragment, null, false).html());

/** Whether the reader has unlocked a protected post (the wp-postpass cookie; posts/reader-unlock.ts). Feeds never unlock. */
export type Unlocked = (post: Post) => boolean;

/** View models of a page of posts: authors and terms each read in one query for the whole page; the approved
 * comment and linkback counts are the post row's own (migration 0019's triggers keep them). */
export async function toViews(ctx: AppContext, posts: Post[], s: Settings, cut: boolean, unlocked: Unlocked = () => false): Promise<PostView[]> {
  const ids = posts.map((p) => p.id);
  const [authors, terms] = await Promise.all([authorCards(ctx.db, posts.map((p) => p.author_id)), termLinksOfPosts(ctx, ids)]);
  const site = siteUrl(ctx.config, s);
  return posts.map((p) => {
    // On the post itself the <!--more--> tag becomes the #more anchor the listing's link points at.
    const locked = isProtected(p) && !unlocked(p);
    const body = locked ? { html: '', hasMore: false, moreText: '' } : cut ? teaser(p.content) : { html: p.content.replace(MORE, '<span id="more"></span>'), hasMore: false, moreText: '' };
    // A locked post's counts stay hidden with its comments (WordPress shows none until the password is given).
    const c = locked ? { comments: 0, mentions: 0 } : { comments: p.comment_count, mentions: p.mention_count };
    const author = authors.get(p.author_id);
    const permalink = p.status === 'published' || p.status === 'private' ? encodeURI(permalinkPath(p, s)) : `/?p=${p.id}&preview=true`;
    return {
      id: p.id,
      title: displayTitle(p),
      // Not yet dated and public: links on a preview page stay on the preview. Private posts keep their permalink.
      permalink,
      date: formatPostDate(p.published_at, s.date_format, s.timezone),
      isoDate: p.published_at ?? '',
      author: author ? author.display_name || author.username : '',
      ...body,
      comments: c.comments,
      mentions: c.mentions,
      sticky: p.sticky === 1,
      locked,
      lockedExcerpt: locked ? p.excerpt.trim() || NO_EXCERPT_PROTECTED : '',
      status: p.status,
      categories: terms.get(p.id)?.categories ?? [],
      tags: terms.get(p.id)?.tags ?? [],
      url: site + permalink,
      isoUpdated: p.updated_at,
      authorCard: author ? authorCard(author, site, s.use_gravatar) : null,
      // What a locked post answers stays hidden with its content.
      responses: locked ? [] : postResponses(p),
    };
  });
}

export interface Listing {
  posts: PostView[];
  page: number;
  totalPages: number;
}

/**
 * One page of the posts this viewer may read (published, and private ones for their editors), optionally
 * within a date range or by one author; null when the page is past the end. The home page's first page (no
 * range, no author) puts the sticky posts on top as WordPress's WP_Query does: the page keeps its
 * posts_per_page regular posts, those that are sticky move up, and sticky posts from further down are added
 * above them, so the first page may hold more than posts_per_page posts.
 */
export async function listingPage(ctx: AppContext, s: Settings, page: number, viewer: Viewer, filter: PublishedFilter = {}, unlocked: Unlocked = () => false): Promise<Listing | null> {
  const per = s.posts_per_page;
  const { posts, total } = await listVisible(ctx.db, per, (page - 1) * per, privateScope(viewer), filter);
  const totalPages = Math.max(1, Math.ceil(total / per));
  const isHome = !filter.range && filter.authorId === undefined;
  // An archive with no posts is a 404 (WordPress); the home page with none is the empty blog.
  if (page > totalPages || (!isHome && total === 0)) return null;
  let shown = posts;
  if (page === 1 && isHome) {
    const sticky = await stickyPosts(ctx.db);
    const stuck = new Set(sticky.map((p) => p.id));
    shown = [...sticky, ...posts.filter((p) => !stuck.has(p.id))];
  }
  const views = await toViews(ctx, shown, s, true, unlocked);
  // The "Sticky" label belongs to the top of the home page only; elsewhere a sticky post is just a post.
  if (page !== 1 || !isHome) for (const v of views) v.sticky = false;
  return { posts: views, page, totalPages };
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
export async function postView(ctx: AppContext, s: Settings, post: Post, unlocked: Unlocked): Promise<PostView> {
  const [view] = await toViews(ctx, [post], s, false, unlocked);
  return view!;
}
