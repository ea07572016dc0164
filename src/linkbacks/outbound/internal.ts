// Links between our own posts: recorded directly as approved pingbacks on the linked post, no HTTP round trip
// (WordPress 7.1 auto-approves such self-pings; wordpress-behaviour.md §1.10). Runs in the scan's transaction.
import type { Executor } from '../../db/database.js';
import type { Post } from '../../db/schema.js';
import { addCommentEvent, insertComment } from '../../comments/repository.js';
import { resolvePath } from '../../posts/resolve-path.js';
import { truncateText } from '../../content/sanitize.js';
import { plainExcerpt } from './links.js';
import { insertDelivery } from './repository.js';

/**
 * The published, unprotected post or page of ours that `url` is the permalink of, or null. Only its exact permalink
 * counts, with or without its trailing slash (an old URL that redirects is a link to a redirect), decided by
 * the public site's one resolver (posts/resolve-path.ts).
 */
export async function resolveOwnPost(db: Executor, site: string, url: string): Promise<Post | null> {
  const base = new URL(site);
  const u = new URL(url);
  if (u.origin !== base.origin) return null;
  const prefix = base.pathname.replace(/\/+$/, '');
  if (!u.pathname.startsWith(prefix + '/')) return null;
  const path = u.pathname.slice(prefix.length);
  if (u.search || path === '/') return null;
  const resolved = await resolvePath(db, path);
  const post = resolved.kind === 'show' ? resolved.post : resolved.kind === 'redirect' && resolved.to === `${path}/` ? resolved.post : null;
  // A protected post takes no linkbacks, ours included (issue 13); a private one never resolves for nobody.
  return post && post.password === '' ? post : null;
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
