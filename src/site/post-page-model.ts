// What a single post page shows, as a plain view model: the post (posts/), a page of its readers' comment
// threads (comment-section.ts) and its mentions (comments/), whether the form is open, and the extras features add through ctx.postPageHooks.
import type { AppContext } from '../context.js';
import type { Comment, Post } from '../db/schema.js';
import { approvedMentions } from '../comments/thread-repository.js';
import { commentsOpen } from '../comments/reader-comment.js';
import { mentionParts, mentionSemanticsView, type MentionParts, type MentionSemanticsView } from '../comments/mention-parts.js';
import type { Settings } from '../settings/definitions.js';
import { postView, type PostView } from '../posts/public-service.js';
import { formatPostDate } from '../posts/date-format.js';
import { reactionsOf, type Reactions } from './reactions.js';
import { fetchedPhotos } from '../comments/author-photo-repository.js';
import { linkbackAvatar, type LinkbackAvatar } from './linkback-avatar.js';
import { commentSection, type CommentPaging, type CommentSection } from './comment-section.js';

export interface PostPage {
  post: PostView;
  comments: CommentSection;
  /** `avatar`: for a mention whose mf2 named its author (issue 19), our copy of their photo or a drawn face. */
  /** `date`: when it was published (mf2) or received, in the site's date format and timezone, as comments are dated. */
  mentions: (Comment & { parts: MentionParts; semantics: MentionSemanticsView; avatar: LinkbackAvatar | null; date: string })[];
  /** Likes, reposts and bookmarks as a facepile (issue 19). */
  reactions: Reactions;
  commentsOpen: boolean;
  headers: Record<string, string>;
  head: string;
  afterContent: string;
}

/**
 * `paging` says which page of readers' comments (site/comment-section.ts); `heldIds` the reader's own held ones.
 * `unlocked` says whether this reader gave a protected post's password. Until then the page holds no content,
 * no comments or mentions and no comment form (WordPress's post_password_required hides all of them).
 */
export async function postPage(ctx: AppContext, s: Settings, post: Post, siteUrl: string, paging: CommentPaging, heldIds: number[] = [], unlocked = true): Promise<PostPage> {
  const open = unlocked && commentsOpen(post, s, ctx.clock.now());
  const [view, mentions, reactions] = await Promise.all([
    postView(ctx, s, post, () => unlocked),
    unlocked ? approvedMentions(ctx.db, post.id) : Promise.resolve([]),
    unlocked ? reactionsOf(ctx, post.id) : Promise.resolve({ summary: '', groups: [] }),
  ]);
  const photos = await fetchedPhotos(ctx.db, mentions.map((m) => m.mention_author_photo));
  const section = await commentSection(ctx, s, post, view.permalink, paging, { open, heldIds });
  const comments = unlocked ? section : { ...section, count: 0, threads: [], pages: 1, olderUrl: null, newerUrl: null };
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
    post: { ...view, comments: comments.count, mentions: mentions.length },
    comments,
    mentions: mentions.map((m) => ({
      ...m,
      parts: mentionParts(m),
      semantics: mentionSemanticsView(m),
      date: formatPostDate(m.mention_published ?? m.created_at, s.date_format, s.timezone),
      avatar: m.mention_author_name ? linkbackAvatar(ctx, photos, { photo: m.mention_author_photo, authorUrl: m.mention_author_url, name: m.mention_author_name }) : null,
    })),
    reactions,
    commentsOpen: open,
    ...extras,
  };
}
