// The database questions the moderation rules ask: is this a duplicate, is this sender flooding, has this
// sender been approved before. Kept apart from rules.ts so the order of the rules reads in one screen.
import type { Executor } from '../db/database.js';
import type { CommentKind } from '../db/schema.js';
import { hostOf } from '../net/hosts.js';
import { isLinkbackKind, LINKBACK_KINDS } from './matching.js';

/** WordPress's wp_throttle_comment_flood(): a second comment within 15 seconds is a flood. */
export const FLOOD_WINDOW_MS = 15_000;
/** Linkbacks: this many from one source host within LINKBACK_FLOOD_WINDOW_MS is a flood. */
export const LINKBACK_BURST = 20;
export const LINKBACK_FLOOD_WINDOW_MS = 60_000;

export interface RuleSubject {
  postId: number;
  kind: CommentKind;
  authorName: string;
  authorEmail: string;
  content: string;
  sourceUrl: string | null;
  ip: string;
}

/** A source as the sender wrote it and as URL parsing writes it ("http://A.example" / "http://a.example/"): the same page. */
function sourceForms(sourceUrl: string): string[] {
  try {
    return [...new Set([sourceUrl, new URL(sourceUrl).href])];
  } catch {
    return [sourceUrl];
  }
}

/** Comments: same post, author and content (and email when one is given), not trashed. Linkbacks: same post and source. */
export async function isDuplicate(db: Executor, s: RuleSubject): Promise<boolean> {
  let q = db.selectFrom('comments').select('id').where('post_id', '=', s.postId).limit(1);
  if (isLinkbackKind(s.kind)) {
    if (!s.sourceUrl) return false;
    q = q.where('kind', 'in', [...LINKBACK_KINDS]).where('source_url', 'in', sourceForms(s.sourceUrl));
  } else {
    q = q.where('kind', '=', 'comment').where('status', '!=', 'trash').where('author_name', '=', s.authorName).where('content', '=', s.content);
    if (s.authorEmail) q = q.where('author_email', '=', s.authorEmail);
  }
  return (await q.executeTakeFirst()) !== undefined;
}

/**
 * Why this is a flood, or null. Readers' comments: another one within 15 s from the same IP, or the same
 * email when one is given (WordPress matches empty emails too, so every ping looks like every other).
 * Linkbacks: not by IP (shared senders such as webmention relays send for many blogs) but by source host,
 * and as a burst rather than a 15 s gap, because one blog legitimately pings several of our posts at once:
 * LINKBACK_BURST or more from one host within a minute is a flood. A source page already registered on
 * another post does not count against itself.
 */
export async function floodReason(db: Executor, s: RuleSubject, now: Date): Promise<string | null> {
  const linkback = isLinkbackKind(s.kind);
  const since = new Date(now.getTime() - (linkback ? LINKBACK_FLOOD_WINDOW_MS : FLOOD_WINDOW_MS)).toISOString();
  const recent = await db
    .selectFrom('comments')
    .select(['kind', 'ip', 'author_email', 'source_url'])
    .where('created_at', '>=', since)
    .where('kind', linkback ? 'in' : '=', linkback ? [...LINKBACK_KINDS] : 'comment')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  if (linkback) {
    const host = hostOf(s.sourceUrl);
    if (!host) return null;
    const fromHost = recent.filter((r) => r.source_url !== s.sourceUrl && hostOf(r.source_url) === host).length;
    return fromHost >= LINKBACK_BURST ? `${fromHost} linkbacks from ${host} in the last minute` : null;
  }
  for (const r of recent) {
    if (s.ip && r.ip === s.ip) return `another comment came from IP ${s.ip} less than 15 seconds ago`;
    if (s.authorEmail && r.author_email.toLowerCase() === s.authorEmail.toLowerCase()) return 'another comment with this email came less than 15 seconds ago';
  }
  return null;
}

/** A reader's comment: the same email already has an approved reader's comment (never a linkback: they have no email). */
export async function emailPreviouslyApproved(db: Executor, email: string): Promise<boolean> {
  if (!email.trim()) return false;
  const row = await db
    .selectFrom('comments')
    .select('id')
    .where('kind', '=', 'comment')
    .where('status', '=', 'approved')
    .where((eb) => eb(eb.fn('lower', ['author_email']), '=', email.trim().toLowerCase()))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A linkback: an approved linkback from the same source host exists. */
export async function hostPreviouslyApproved(db: Executor, host: string | null): Promise<boolean> {
  if (!host) return false;
  const rows = await db
    .selectFrom('comments')
    .select('source_url')
    .where('kind', 'in', [...LINKBACK_KINDS])
    .where('status', '=', 'approved')
    .where((eb) => eb.or(['http', 'https'].map((scheme) => eb('source_url', 'like', `${scheme}://${host.includes(':') ? `[${host}]` : host}%`))))
    .limit(50)
    .execute();
  return rows.some((r) => hostOf(r.source_url) === host);
}
