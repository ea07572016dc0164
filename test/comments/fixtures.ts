// Posts and comments for the moderation tests, inserted directly so each test states only what it needs.
import type { AppContext } from '../../src/context.js';
import type { Comment, NewComment, Post } from '../../src/db/schema.js';
import { insertPost } from '../../src/posts/repository.js';
import { insertComment } from '../../src/comments/repository.js';
import type { CommentCandidate } from '../../src/comments/rules.js';

let seq = 0;

export async function makePost(ctx: AppContext, authorId: number, changes: Partial<Post> = {}): Promise<Post> {
  const now = ctx.clock.now().toISOString();
  const n = ++seq;
  return insertPost(ctx.db, {
    author_id: authorId,
    title: `Post ${n}`,
    slug: `post-${n}-${Math.floor(Math.random() * 1e9)}`,
    content: '<p>Hello</p>',
    excerpt: '',
    status: 'published',
    status_before_trash: null,
    published_at: now,
    created_at: now,
    updated_at: now,
    comment_status: 'open',
    ping_status: 'open',
    to_ping: '',
    notify_links: 1,
    ...changes,
  } as any);
}

/** Dated an hour ago by default, so fixtures never trip the flood rule of the comment under test. */
export async function makeComment(ctx: AppContext, postId: number, changes: Partial<NewComment> = {}): Promise<Comment> {
  const now = new Date(ctx.clock.now().getTime() - 3_600_000).toISOString();
  const n = ++seq;
  return insertComment(ctx.db, {
    post_id: postId,
    kind: 'comment',
    status: 'pending',
    status_before_trash: null,
    author_name: `Reader ${n}`,
    author_email: `reader${n}@example.test`,
    author_url: '',
    content: `Comment number ${n}`,
    source_url: null,
    target_url: null,
    title: null,
    excerpt: null,
    ip: `192.0.2.${n % 250}`,
    user_agent: 'test',
    created_at: now,
    updated_at: now,
    verification_state: 'unverified',
    verified_at: null,
    verification_note: null,
    moderation_reason: null,
    ...changes,
  });
}

export function readerCandidate(postId: number, changes: Partial<CommentCandidate> = {}): CommentCandidate {
  const n = ++seq;
  return { postId, kind: 'comment', authorName: `Ann ${n}`, authorEmail: `ann${n}@example.test`, authorUrl: '', content: `A thought number ${n}`, ip: `198.51.100.${n % 250}`, userAgent: 'Mozilla/5.0', ...changes };
}

export function pingCandidate(postId: number, sourceUrl: string, changes: Partial<CommentCandidate> = {}): CommentCandidate {
  const n = ++seq;
  return { postId, kind: 'pingback', authorName: 'Some blog', authorEmail: '', authorUrl: sourceUrl, content: `They wrote about it ${n}`, sourceUrl, ip: `203.0.113.${n % 250}`, userAgent: 'Pinger', ...changes };
}

export function linkbackFields(sourceUrl: string, title = 'A post elsewhere') {
  return { sourceUrl, targetUrl: 'http://localhost/target/', title, excerpt: 'an excerpt', verifiedAt: null, verificationState: 'verified' as const };
}
