// Shared set-up for the public-site tests: posts made through the real posts service, comments through
// the real comment service (then approved by the moderation action), and a form-encoded POST.
import type { TestApp } from './app.js';
import type { Post, User } from '../../src/db/schema.js';
import { createPost } from '../../src/posts/service.js';
import type { PostInput } from '../../src/posts/validation.js';
import { submitComment } from '../../src/comments/service.js';
import { moderateComment } from '../../src/comments/moderation.js';

export async function publish(t: TestApp, author: User, title: string, extra: Partial<PostInput> = {}): Promise<Post> {
  const r = await createPost(t.ctx, author, { title, content: `<p>Body of ${title}</p>`, status: 'published', ...extra });
  if (!r.ok) throw new Error(`createPost failed: ${JSON.stringify(r.errors)}`);
  return r.post;
}

let seq = 0;

export async function addComment(t: TestApp, post: Post, fields: { kind?: 'comment' | 'pingback' | 'trackback' | 'webmention'; author?: string; content?: string; approve?: boolean } = {}) {
  const kind = fields.kind ?? 'comment';
  // Each comment comes from its own address and email, past the flood window, so the rules store it.
  const n = ++seq;
  t.clock.advance(16_000);
  const r = await submitComment(
    t.ctx,
    post,
    { postId: post.id, kind, authorName: fields.author ?? 'Reader', authorEmail: `reader${n}@example.org`, authorUrl: '', content: fields.content ?? `Hello ${n}`, ip: `192.0.2.${n % 250}`, userAgent: 'test' },
    kind === 'comment'
      ? undefined
      : { sourceUrl: `http://127.0.0.1:9/${fields.author ?? 'src'}`, targetUrl: 'http://blog.test/', title: fields.author ?? 'Source', excerpt: fields.content ?? 'x', verifiedAt: null, verificationState: 'verified' },
  );
  if (!r.ok) throw new Error(`comment refused: ${r.decision.reason}`);
  if (fields.approve ?? true) await moderateComment(t.ctx, r.comment.id, 'approve');
  return r.comment;
}

export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export const html = { accept: 'text/html' };
