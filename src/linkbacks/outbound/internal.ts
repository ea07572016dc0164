// Links between our own posts: recorded directly as approved pingbacks on the linked post, no HTTP round trip
// (WordPress 7.1 auto-approves such self-pings; wordpress-behaviour.md §1.10). Runs in the scan's transaction.
import type { Executor } from '../../db/database.js';
import type { Post } from '../../db/schema.js';
import { addCommentEvent, insertComment } from '../../comments/repository.js';
import { findPostBySlug } from '../../posts/repository.js';
import { parsePermalinkPath } from '../../posts/permalink.js';
import { truncateText } from '../../content/sanitize.js';
import { plainExcerpt } from './links.js';
import { insertDelivery } from './repository.js';

/** The published, unprotected post of ours that `url` is the permalink of, or null. */
export async function resolveOwnPost(db: Executor, site: string, url: string): Promise<Post | null> {
  const base = new URL(site);
  const u = new URL(url);
  if (u.origin !== base.origin) return null;
  const prefix = base.pathname.replace(/\/+$/, '');
  if (!u.pathname.startsWith(prefix + '/')) return null;
  const path = u.pathname.slice(prefix.length);
  const parts = parsePermalinkPath(path);
  if (!parts || u.search) return null;
  const post = await findPostBySlug(db, parts.slug);
  // A protected post takes no linkbacks, ours included (issue 13); a private one is not published at all.
  if (!post || post.status !== 'published' || post.password !== '') return null;
  // The date in the URL must be the post's own, as the public permalink route requires.
  const date = post.published_at ? new Date(post.published_at) : null;
  const sameDay = date !== null && date.getUTCFullYear() === parts.year && date.getUTCMonth() + 1 === parts.month && date.getUTCDate() === parts.day;
  return sameDay ? post : null;
}

export async function recordInternalPingback(trx: Executor, source: Post, sourceUrl: string, targetUrl: string, targetPostId: number, now: string): Promise<void> {
  const row = await insertDelivery(trx, { post_id: source.id, kind: 'link', target_url: targetUrl, state: 'internal', protocol: 'pingback', last_answer: 'Recorded as an approved pingback on our own post', now });
  if (!row) return;
  const excerpt = plainExcerpt(source.content, 250);
  const comment = await insertComment(trx, {
    post_id: targetPostId,
    kind: 'pingback',
    status: 'approved',
    status_before_trash: null,
    author_name: truncateText(source.title, 250),
    author_email: '',
    author_url: sourceUrl,
    content: excerpt,
    source_url: sourceUrl,
    target_url: targetUrl,
    title: source.title,
    excerpt,
    ip: '',
    user_agent: 'Backtalk internal pingback',
    created_at: now,
    updated_at: now,
    verification_state: 'verified',
    verified_at: now,
    verification_note: 'internal link between our own published posts',
    moderation_reason: 'Internal pingback from one of our own published posts',
  });
  await addCommentEvent(trx, comment.id, now, 'internal_pingback', `from post ${source.id}`);
}
