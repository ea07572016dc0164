// What a single post page shows, as a plain view model: the post (posts/), its approved readers' comments
// and mentions (comments/), whether the form is open, and the extras features add through ctx.postPageHooks.
import type { AppContext } from '../context.js';
import type { Comment, Post } from '../db/schema.js';
import { listApprovedForPost } from '../comments/repository.js';
import { commentsOpen } from '../comments/reader-comment.js';
import { mentionParts, type MentionParts } from '../comments/mention-parts.js';
import type { Settings } from '../settings/definitions.js';
import { formatPostDate } from '../posts/date-format.js';
import { postView, type PostView } from '../posts/public-service.js';

export interface CommentView {
  id: number;
  author: string;
  /** Only http(s) addresses, else empty: the template links it with rel="nofollow ugc". */
  authorUrl: string;
  date: string;
  isoDate: string;
  html: string;
}

function commentView(c: Comment, s: Settings): CommentView {
  return {
    id: c.id,
    author: c.author_name || 'Anonymous',
    authorUrl: /^https?:\/\//i.test(c.author_url) ? c.author_url : '',
    date: formatPostDate(c.created_at, s.date_format, s.timezone),
    isoDate: c.created_at,
    // Sanitised once, when stored (comments/service.ts, and migration 0005 for older rows): not per view.
    html: c.content,
  };
}

export interface PostPage {
  post: PostView;
  comments: CommentView[];
  mentions: (Comment & { parts: MentionParts })[];
  commentsOpen: boolean;
  headers: Record<string, string>;
  head: string;
  afterContent: string;
}

/**
 * `unlocked` says whether this reader gave a protected post's password. Until then the page holds no content,
 * no comments or mentions and no comment form (WordPress's post_password_required hides all of them).
 */
export async function postPage(ctx: AppContext, s: Settings, post: Post, siteUrl: string, unlocked: boolean): Promise<PostPage> {
  const [view, approved] = await Promise.all([postView(ctx, s, post, () => unlocked), unlocked ? listApprovedForPost(ctx.db, post.id) : Promise.resolve([])]);
  const readers = approved.filter((c) => c.kind === 'comment');
  const mentions = approved.filter((c) => c.kind !== 'comment');
  const extras = { headers: {} as Record<string, string>, head: '', afterContent: '' };
  for (const hook of ctx.postPageHooks) {
    try {
      const out = hook(post, siteUrl, s);
      Object.assign(extras.headers, out.headers ?? {});
      if (out.head) extras.head += out.head + '\n';
      if (out.afterContent) extras.afterContent += out.afterContent + '\n';
    } catch (err) {
      // A broken extra must not take the post down with it.
      ctx.log.error({ err, postId: post.id }, 'post page hook failed');
    }
  }
  return {
    post: { ...view, comments: readers.length, mentions: mentions.length },
    comments: readers.map((c) => commentView(c, s)),
    mentions: mentions.map((m) => ({ ...m, parts: mentionParts(m) })),
    commentsOpen: unlocked && commentsOpen(post, s, ctx.clock.now()),
    ...extras,
  };
}
