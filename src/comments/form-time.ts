// The comment form's signed time stamp: when the page was rendered, signed so a bot cannot claim an older
// one. A person reads a post and types before sending; a form sent within MIN_SECONDS of being shown was
// filled by a program (issue 16 point 1: spam defence without a third-party service). Post pages are shared
// in the page cache, so the stamp is the render time and a cached page makes it older than the reader's
// visit: the check can only err towards letting a comment through, never towards holding a person's.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MIN_SECONDS = 3;

function sign(secret: string, postId: number, at: number): string {
  return createHmac('sha256', secret).update(`comment-time:v1:${postId}:${at}`).digest('base64url').slice(0, 22);
}

export function formTimeStamp(secret: string, postId: number, now: Date): string {
  const at = Math.floor(now.getTime() / 1000);
  return `${at}.${sign(secret, postId, at)}`;
}

/** Seconds between the form being shown and sent, or null when the stamp is missing or not ours. */
export function secondsSinceShown(secret: string, postId: number, stamp: string, now: Date): number | null {
  const m = /^(\d{1,12})\.([\w-]{22})$/.exec(stamp);
  if (!m) return null;
  const expected = Buffer.from(sign(secret, postId, Number(m[1])));
  const given = Buffer.from(m[2]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Math.floor(now.getTime() / 1000) - Number(m[1]);
}
