// "Your comment is awaiting moderation" for its writer only (issue 16 point 1). WordPress shows a held
// comment to the browser that sent it (its commenter cookies, or the short-lived unapproved + moderation-hash
// URL); here a short-lived signed cookie lists the writer's held comments. Its name starts with backtalk_, so
// a request carrying it bypasses the shared page cache (cache/cacheable-request.ts) and gets a private page:
// the held comment is never stored where another reader could be served it.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const PENDING_COOKIE = 'backtalk_pending';
/** An hour: long enough to see the comment and come back to the page, short enough to leave no trace. */
export const PENDING_TTL_SECONDS = 3600;
const MAX_IDS = 5;

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`pending-comments:v1:${body}`).digest('base64url').slice(0, 32);
}

/** The ids a valid, unexpired cookie names (at most five), else none. */
export function readPendingCookie(secret: string, value: string | undefined, now: Date): number[] {
  const m = /^([\d,]{1,80})\.(\d{1,12})\.([\w-]{32})$/.exec(value ?? '');
  if (!m) return [];
  const expected = Buffer.from(sign(secret, `${m[1]}.${m[2]}`));
  const given = Buffer.from(m[3]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return [];
  if (Number(m[2]) * 1000 < now.getTime()) return [];
  return m[1].split(',').filter((s) => /^[1-9]\d{0,9}$/.test(s)).map(Number).slice(0, MAX_IDS);
}

/** The cookie value naming `id` and the writer's other recent held comments (newest kept). */
export function pendingCookieValue(secret: string, previous: number[], id: number, now: Date): string {
  const ids = [id, ...previous.filter((p) => p !== id)].slice(0, MAX_IDS).join(',');
  const body = `${ids}.${Math.floor(now.getTime() / 1000) + PENDING_TTL_SECONDS}`;
  return `${body}.${sign(secret, body)}`;
}

/**
 * WordPress's moderation-hash: the address a writer is sent to after a held comment (…?unapproved=ID&
 * moderation-hash=H) shows it to whoever holds the address for ten minutes, for browsers that keep no cookie.
 */
export const MODERATION_HASH_SECONDS = 600;

export function moderationHash(secret: string, commentId: number): string {
  return sign(secret, `moderation-hash:${commentId}`).slice(0, 20);
}

export function validModerationHash(secret: string, commentId: number, hash: string): boolean {
  const expected = Buffer.from(moderationHash(secret, commentId));
  const given = Buffer.from(hash);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
