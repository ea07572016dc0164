// Whether a post takes linkbacks right now: published, ping_status open, and not closed by age when
// "close comments and pings on posts older than N days" is on (WordPress's pings_open with
// _close_comments_for_old_post, wordpress-behaviour §2.1).
import type { Post } from '../../db/schema.js';
import type { Settings } from '../../settings/definitions.js';

export type AgeSettings = Pick<Settings, 'close_comments_for_old_posts' | 'close_comments_days_old'>;

export function pingsOpen(post: Pick<Post, 'status' | 'ping_status' | 'published_at'>, settings: AgeSettings, now: Date): boolean {
  if (post.status !== 'published' || post.ping_status !== 'open') return false;
  if (settings.close_comments_for_old_posts && post.published_at) {
    const ageMs = now.getTime() - new Date(post.published_at).getTime();
    if (ageMs > settings.close_comments_days_old * 86_400_000) return false;
  }
  return true;
}
