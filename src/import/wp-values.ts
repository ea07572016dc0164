// WordPress's stored values in Backtalk's terms, pure: dates, post and comment statuses, comment kinds,
// slugs. Anything unknown is reported by the caller, never guessed silently.
import type { CommentKind, CommentStatus, PostStatus } from '../db/schema.js';
import { SLUG_PATTERN, slugify } from '../posts/permalink.js';

const MYSQL_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** "2025-01-14 08:40:00" (UTC) → ISO-8601; null for WordPress's zero date or anything unreadable. */
export function gmtToIso(value: string): string | null {
  const m = MYSQL_DATE.exec(value.trim());
  if (!m || m[1] === '0000') return null;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The post's date: post_date_gmt, else post_date read as UTC (WXR 1.0 files from sites left on UTC). */
export function itemDate(gmt: string, local: string): string | null {
  return gmtToIso(gmt) ?? gmtToIso(local);
}

export type StatusMapping = { status: PostStatus; note?: string } | { skip: string };

/** wp:status → Backtalk's; an unknown status is kept as a draft (nothing lost) and said so. */
export function postStatus(wp: string, hasDate: boolean): StatusMapping {
  switch (wp) {
    case 'publish':
      return { status: 'published' };
    case 'future':
      return hasDate ? { status: 'scheduled' } : { status: 'draft', note: 'scheduled without a date: imported as a draft' };
    case 'draft':
    case 'pending':
    case 'private':
    case 'trash':
      return { status: wp };
    case 'auto-draft':
      return { skip: 'an auto-draft (WordPress discards these too)' };
    default:
      return { status: 'draft', note: `unknown status "${wp.slice(0, 40)}": imported as a draft` };
  }
}

/** wp:comment_approved → status; unknown values wait for moderation. */
export function commentStatus(approved: string): { status: CommentStatus; note?: string } {
  switch (approved) {
    case '1':
    case 'approve':
      return { status: 'approved' };
    case '0':
    case 'hold':
      return { status: 'pending' };
    case 'spam':
      return { status: 'spam' };
    case 'trash':
    case 'post-trashed':
      return { status: 'trash' };
    default:
      return { status: 'pending', note: `unknown comment status "${approved.slice(0, 40)}": imported as pending` };
  }
}

/** wp:comment_type → kind; other plugins' types become readers' comments, said so. */
export function commentKind(type: string): { kind: CommentKind; note?: string } {
  if (type === '' || type === 'comment') return { kind: 'comment' };
  if (type === 'pingback' || type === 'trackback' || type === 'webmention') return { kind: type };
  return { kind: 'comment', note: `comment type "${type.slice(0, 40)}" imported as a comment` };
}

/** WordPress stores non-Latin slugs percent-encoded (lower-case hex); Backtalk stores the letters. */
export function importedSlug(postName: string, title: string): string {
  let slug = postName;
  try {
    slug = decodeURIComponent(postName);
  } catch {
    /* a stray % is kept and slugified below */
  }
  if (slug && SLUG_PATTERN.test(slug)) return slug.slice(0, 190);
  return slugify(slug || title || 'untitled');
}

export const openOrClosed = (v: string, fallback: 'open' | 'closed'): 'open' | 'closed' => (v === 'open' || v === 'closed' ? v : fallback);
