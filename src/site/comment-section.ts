// The readers' comments section of a post page as a view model (issue 16 point 1): one page of threads,
// nested as threads.ts builds them, each comment with its avatar, its "Reply" link (WordPress's
// ?replytocom=ID#respond, which works without JavaScript) and, for its writer only, their own held comments
// marked "awaiting moderation". Pages are numbered from the oldest (page 1), as WordPress numbers them.
import type { AppContext } from '../context.js';
import type { Comment, Post } from '../db/schema.js';
import type { Settings } from '../settings/definitions.js';
import { formatPostDate } from '../posts/date-format.js';
import { avatarFor } from '../comments/avatar.js';
import { buildThreads, pageWindow, type ThreadNode } from '../comments/threads.js';
import { countLinkbackReplies, heldByIds, linkbackRepliesOf, nextTopLevelDate, repliesOf, topLevelLinkbackReplies, topLevelPage } from '../comments/thread-repository.js';
import { fetchedPhotos } from '../comments/author-photo-repository.js';
import { linkbackAvatar } from './linkback-avatar.js';
import { isLinkbackKind } from '../comments/matching.js';
import { escapeHtml } from '../content/escape.js';
import { commentPageUrl, type CommentPaging } from '../comments/comment-pages.js';

export interface CommentView {
  id: number;
  author: string;
  /** Only http(s) addresses, else empty: the template links it with rel="nofollow ugc". */
  authorUrl: string;
  date: string;
  isoDate: string;
  html: string;
  avatar: string;
  /** "… 1x, … 2x" for a linkback author's fetched photo, else ''. */
  avatarSrcset: string;
  depth: number;
  /** Held for moderation: shown only to its writer, with WordPress's sentence. */
  pending: boolean;
  /** The no-JavaScript reply address, or '' where no reply is offered (max depth, closed, held). */
  replyUrl: string;
  /** A reply from another site (issue 19): the page it was written on, which the comment links to. */
  source: string;
  children: CommentView[];
}

export interface CommentSection {
  /** Approved readers' comments on the post at every depth, and replies from other sites (issue 19). */
  count: number;
  threads: CommentView[];
  page: number;
  pages: number;
  olderUrl: string | null;
  newerUrl: string | null;
  maxDepth: number;
}

export type { CommentPaging };

export async function commentSection(
  ctx: AppContext,
  s: Settings,
  post: Post,
  permalink: string,
  paging: CommentPaging,
  opts: { open: boolean; heldIds: number[] },
): Promise<CommentSection> {
  const { counts, pages, dflt, page } = paging;
  const readerRoots = await topLevelPage(ctx.db, post.id, pageWindow(counts.topLevel, s.comments_per_page, page));
  const [elsewhere, linkbackReplyCount] = await Promise.all([repliesToThePost(ctx, post.id, readerRoots, page, pages), countLinkbackReplies(ctx.db, post.id)]);
  // Replies to the post from other sites are top-level entries among the readers' comments, in date order.
  const roots = [...readerRoots, ...elsewhere].sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id - b.id));
  const held = await heldByIds(ctx.db, post.id, opts.heldIds);
  // A held top-level comment would land on the last page (it is the newest); a held reply in its thread.
  if (page === pages) roots.push(...held.filter((c) => c.thread_id === null));
  const shown = new Set(roots.map((r) => r.id));
  const [readerReplies, linkbackReplies] = await Promise.all([repliesOf(ctx.db, post.id, [...shown]), linkbackRepliesOf(ctx.db, post.id, [...shown])]);
  const replies = [...readerReplies, ...linkbackReplies, ...held.filter((c) => c.thread_id !== null && shown.has(c.thread_id))];
  replies.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id - b.id));
  if (s.comment_order === 'desc') roots.reverse();
  const maxDepth = s.thread_comments ? s.thread_comments_depth : 1;
  const here = commentPageUrl(permalink, page, dflt);
  const heldIds = new Set(held.map((c) => c.id));
  const photos = await fetchedPhotos(ctx.db, [...roots, ...replies].filter((c) => isLinkbackKind(c.kind)).map((c) => c.mention_author_photo));
  const view = (n: ThreadNode<Comment>): CommentView => {
    const c = n.comment;
    if (isLinkbackKind(c.kind)) return { ...linkbackReplyView(ctx, s, c, photos), depth: n.depth, children: n.children.map(view) };
    const pending = heldIds.has(c.id);
    return {
      id: c.id,
      author: c.author_name || 'Anonymous',
      authorUrl: /^https?:\/\//i.test(c.author_url) ? c.author_url : '',
      date: formatPostDate(c.created_at, s.date_format, s.timezone),
      isoDate: c.created_at,
      // Sanitised (and its plain URLs linked) once, when stored (comments/service.ts): not per view.
      html: c.content,
      avatar: avatarFor(ctx.config.sessionSecret, { email: c.author_email, name: c.author_name }, s.use_gravatar).src,
      avatarSrcset: '',
      depth: n.depth,
      pending,
      replyUrl: opts.open && !pending && n.depth < maxDepth ? `${here}?replytocom=${c.id}#respond` : '',
      source: '',
      children: n.children.map(view),
    };
  };
  return {
    count: counts.all + linkbackReplyCount,
    threads: buildThreads(roots, replies, maxDepth).map(view),
    page,
    pages,
    olderUrl: page > 1 ? commentPageUrl(permalink, page - 1, dflt) + '#comments' : null,
    newerUrl: page < pages ? commentPageUrl(permalink, page + 1, dflt) + '#comments' : null,
    maxDepth,
  };
}

/**
 * The replies from other sites to the post itself that this page shows: those received from its first
 * top-level comment's date (page 1: from the start) until the next page's first (the last page: until now),
 * so each falls on exactly one page, beside the readers' comments of its time.
 */
async function repliesToThePost(ctx: AppContext, postId: number, roots: Comment[], page: number, pages: number): Promise<Comment[]> {
  const from = page > 1 && roots.length ? roots[0].created_at : null;
  const until = page < pages && roots.length ? await nextTopLevelDate(ctx.db, roots[roots.length - 1]) : null;
  return topLevelLinkbackReplies(ctx.db, postId, from, until);
}

/**
 * A reply from another site shown among the comments: its author (mf2 h-card, else the stored name), its
 * content (sanitised when stored), our copy of the author's photo once fetched, else a locally drawn face (the
 * photo is never hot-linked: no reader's browser asks a third party), and a link to the page it was written
 * on. Readers reply on that site, so no Reply link.
 */
function linkbackReplyView(ctx: AppContext, s: Settings, c: Comment, photos: Map<string, string>): Omit<CommentView, 'depth' | 'children'> {
  const author = c.mention_author_name || c.author_name || 'Someone elsewhere';
  const authorUrl = c.mention_author_url ?? '';
  const page = c.mention_url || c.source_url || '';
  return {
    id: c.id,
    author,
    authorUrl: /^https?:\/\//i.test(authorUrl) ? authorUrl : '',
    date: formatPostDate(c.mention_published ?? c.created_at, s.date_format, s.timezone),
    isoDate: c.mention_published ?? c.created_at,
    html: c.mention_content || (c.excerpt ? `<p>${escapeHtml(c.excerpt)}</p>` : ''),
    ...(({ src, srcset }) => ({ avatar: src, avatarSrcset: srcset }))(linkbackAvatar(ctx, photos, { photo: c.mention_author_photo, authorUrl: authorUrl || null, name: author })),
    pending: false,
    replyUrl: '',
    source: /^https?:\/\//i.test(page) ? page : '',
  };
}
