// Test helper: a published post and comments of any kind and status, written straight to the database.
import type { AppContext } from '../../src/context.js';
import type { Comment, CommentKind, CommentStatus, Post, User } from '../../src/db/schema.js';
import { insertComment } from '../../src/comments/repository.js';
import { createPost } from '../../src/posts/service.js';

export async function publishedPost(ctx: AppContext, author: User, title: string): Promise<Post> {
  const result = await createPost(ctx, author, { title, content: `<p>${title}</p>`, status: 'published' });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.post;
}

export function addComment(ctx: AppContext, post: Post, fields: { kind?: CommentKind; status?: CommentStatus; author?: string; content?: string; sourceUrl?: string } = {}): Promise<Comment> {
  const at = ctx.clock.now().toISOString();
  return insertComment(ctx.db, {
    post_id: post.id,
    kind: fields.kind ?? 'comment',
    status: fields.status ?? 'pending',
    status_before_trash: null,
    author_name: fields.author ?? 'Reader',
    author_email: fields.kind && fields.kind !== 'comment' ? '' : 'reader@example.test',
    author_url: fields.sourceUrl ?? '',
    content: fields.content ?? 'Nice post',
    source_url: fields.sourceUrl ?? null,
    target_url: null,
    title: null,
    excerpt: null,
    ip: '192.0.2.1',
    user_agent: 'test',
    created_at: at,
    updated_at: at,
    verification_state: 'unverified',
    verified_at: null,
    verification_note: null,
    moderation_reason: null,
  });
}
