// The single-use links mails carry. A token is 32 random bytes (base64url) sent only in the mail; the
// database keeps HMAC-SHA256(session secret, token), so neither a copy of the table nor write access to it
// without the secret yields a working link (the "signed" part), and a lookup is one indexed equality.
import { createHmac, randomBytes } from 'node:crypto';

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(secret: string, token: string): string {
  return createHmac('sha256', secret).update(`backtalk-mail-token\n${token}`).digest('hex');
}

export type TokenPurpose = 'comment.approve' | 'comment.spam' | 'comment.trash' | 'password.reset';

/** A moderation link names its action in its purpose; the page and the POST read it from there, never from the URL. */
export const MODERATION_PURPOSES = { approve: 'comment.approve', spam: 'comment.spam', trash: 'comment.trash' } as const;
export type MailModerationAction = keyof typeof MODERATION_PURPOSES;

export function moderationActionOf(purpose: string): MailModerationAction | null {
  const hit = Object.entries(MODERATION_PURPOSES).find(([, p]) => p === purpose);
  return hit ? (hit[0] as MailModerationAction) : null;
}

/**
 * How long a link works. Password reset: 24 hours, WordPress's default (check_password_reset_key() with
 * the password_reset_expiration filter, DAY_IN_SECONDS). Moderation links: 7 days, long enough for a
 * holiday's backlog; after that the moderation panel still works.
 */
export const RESET_TTL_MS = 24 * 3_600_000;
export const MODERATION_TTL_MS = 7 * 24 * 3_600_000;
