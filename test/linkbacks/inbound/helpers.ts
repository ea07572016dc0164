// Shared set-up for the inbound linkback tests: published posts inserted directly, fixture pages with the
// target filled in, and loopback source peers.
import { readFileSync } from 'node:fs';
import { defaultSettings } from '../../../src/settings/definitions.js';
import { resolve } from 'node:path';
import type { AppContext } from '../../../src/context.js';
import type { Comment, Post } from '../../../src/db/schema.js';
import { permalinkUrl } from '../../../src/posts/permalink.js';
import { insertPost } from '../../../src/posts/repository.js';
import { projectRoot } from '../../../src/paths.js';
import { createUser } from '../../support/app.js';

let seq = 0;

export async function publishedPost(ctx: AppContext, over: Partial<Post> = {}): Promise<Post> {
  const author = await createUser(ctx, 'author');
  const now = ctx.clock.now().toISOString();
  const n = ++seq;
  return insertPost(ctx.db, {
    author_id: author.id,
    title: over.title ?? `Post number ${n}`,
    slug: over.slug ?? `post-number-${n}`,
    content: '<p>Hello</p>',
    excerpt: '',
    status: over.status ?? 'published',
    status_before_trash: null,
    published_at: over.published_at ?? now,
    created_at: now,
    updated_at: now,
    comment_status: 'open',
    ping_status: over.ping_status ?? 'open',
    to_ping: '',
    notify_links: 1,
  });
}

export function permalink(ctx: AppContext, post: Post): string {
  return permalinkUrl(ctx.config.siteUrl, post, defaultSettings);
}

/** A fixture page from fixtures/inbound with {{TARGET}} replaced (HTML-escaped for attributes). */
export function fixture(name: string, target: string): string {
  const escaped = target.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return readFileSync(resolve(projectRoot, 'fixtures', 'inbound', name), 'utf8').replaceAll('{{TARGET}}', escaped);
}

export async function commentsOf(ctx: AppContext, postId: number) {
  return ctx.db.selectFrom('comments').selectAll().where('post_id', '=', postId).orderBy('id').execute();
}

export async function eventsOf(ctx: AppContext, commentId: number) {
  return ctx.db.selectFrom('comment_events').selectAll().where('comment_id', '=', commentId).orderBy('id').execute();
}

let ipSeq = 0;
/** A fresh client address per request, so the per-IP limit and the 15 s flood rule do not mix tests up. */
export function freshIp(): string {
  ipSeq++;
  return `198.51.${Math.floor(ipSeq / 250) % 250}.${(ipSeq % 250) + 1}`;
}

/** A stored linkback row, as if received earlier. */
export async function insertLinkback(ctx: AppContext, postId: number, over: Partial<Comment> & { source_url: string }): Promise<Comment> {
  const now = ctx.clock.now().toISOString();
  return ctx.db
    .insertInto('comments')
    .values({
      post_id: postId,
      kind: 'pingback',
      status: 'approved',
      status_before_trash: null,
      author_name: 'Someone',
      author_email: '',
      author_url: over.source_url,
      content: '',
      target_url: null,
      title: 'A title',
      excerpt: 'An excerpt',
      ip: '',
      user_agent: '',
      created_at: now,
      updated_at: now,
      verification_state: 'verified',
      verified_at: now,
      verification_note: null,
      moderation_reason: null,
      ...over,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
