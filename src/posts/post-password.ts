// The reader's key to password-protected posts, as WordPress's wp-postpass: one cookie for the site holding
// a hash of the last password given (never the password itself), kept 10 days; a post is unlocked when the
// cookie's hash matches its own password. The hash is keyed with the session secret, so a cookie cannot be
// forged from a guessed password offline and it means nothing on another site.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Post } from '../db/schema.js';

/** WordPress's expiry for the post password cookie (wp-login.php?action=postpass: 10 days). */
export const POSTPASS_MAX_AGE_SECONDS = 10 * 24 * 60 * 60;

/**
 * "wp-postpass_" plus a hash of the site URL, as WordPress's COOKIEHASH: the name the page cache already
 * recognises as a reader cookie (src/cache/cacheable-request.ts), so an unlocked page is never shared.
 */
export function postpassCookieName(siteUrl: string): string {
  return `wp-postpass_${createHash('sha256').update(siteUrl).digest('hex').slice(0, 32)}`;
}

export function postpassValue(secret: string, password: string): string {
  return createHmac('sha256', secret).update(`postpass\0${password}`).digest('hex');
}

/** Whether the cookie's value unlocks this post (a post without a password needs no unlocking). */
export function unlocks(secret: string, post: Pick<Post, 'password'>, cookieValue: string | undefined): boolean {
  if (post.password === '') return true;
  if (!cookieValue || !/^[0-9a-f]{64}$/.test(cookieValue)) return false;
  return timingSafeEqual(Buffer.from(cookieValue), Buffer.from(postpassValue(secret, post.password)));
}

/**
 * The password form's token: like the comment form's, the same for every reader of the post so the locked
 * page stays cacheable; it proves the form came from this site, and the Origin check stops cross-site posts.
 */
export function postpassFormToken(secret: string, postId: number): string {
  return createHmac('sha256', secret).update(`postpass-form:v1:${postId}`).digest('base64url').slice(0, 32);
}

export function validPostpassFormToken(secret: string, postId: number, token: string): boolean {
  const expected = Buffer.from(postpassFormToken(secret, postId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
