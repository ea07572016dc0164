// "Lost your password?" (issue 16 point 2): a request names an account by user name or e-mail and always
// gets the same answer, so nobody learns which accounts exist; a matching account with an address gets a
// mail (a job) with a single-use link valid 24 hours (tokens.ts). Using the link sets the new password,
// spends every reset link of that account and signs the account out everywhere (its session rows deleted).
import type { AppContext } from '../context.js';
import { countEvent } from '../db/rate-counters.js';
import { deleteUserSessions } from '../http/session-store.js';
import { hashPassword } from '../users/passwords.js';
import { findMailUser, findUserByLogin } from '../users/mail-repository.js';
import { updatePasswordHash } from '../users/repository.js';
import { enqueuePasswordResetMail } from './account-mail.js';
import { lookUpLink, spendLink, type LinkRefusal } from './links.js';
import { spendAllFor } from './token-repository.js';

const HOUR = 3_600_000;
/** Requests one address may make an hour, whatever they name (then 429): stops mail bombing from one place. */
export const RESET_REQUESTS_PER_IP_PER_HOUR = 5;
/** Mails one account gets an hour, however many addresses ask: further requests are answered alike and dropped. */
export const RESET_MAILS_PER_ACCOUNT_PER_HOUR = 3;

export type ResetRequestOutcome = { ok: true } | { ok: false; retryAfterMs: number };

export async function requestPasswordReset(ctx: AppContext, login: string, ip: string): Promise<ResetRequestOutcome> {
  const now = ctx.clock.now();
  const perIp = await countEvent(ctx.db, 'lost-password-ip', ip || 'unknown', now, HOUR);
  if (perIp.n > RESET_REQUESTS_PER_IP_PER_HOUR) return { ok: false, retryAfterMs: perIp.window.resetMs };
  const user = await findUserByLogin(ctx.db, login);
  if (!user?.email) return { ok: true };
  const queued = await ctx.transaction(async (trx) => {
    const perUser = await countEvent(trx, 'lost-password-user', String(user.id), now, HOUR);
    if (perUser.n > RESET_MAILS_PER_ACCOUNT_PER_HOUR) return false;
    await enqueuePasswordResetMail(trx, ctx.clock, user.id, ip);
    return true;
  });
  if (queued) ctx.wakeWorker();
  else ctx.log.info({ userId: user.id }, 'password reset mail not queued: the account had its hourly share');
  return { ok: true };
}

/** Whether a reset link still works (the page shows the form, or says why not); the account's user name. */
export async function checkResetKey(ctx: AppContext, key: string): Promise<{ ok: true; username: string } | { ok: false; reason: LinkRefusal }> {
  const found = await lookUpLink(ctx.db, ctx, key, ['password.reset']);
  if (!found.ok) return found;
  const user = await findMailUser(ctx.db, found.token.subject_id);
  return user ? { ok: true, username: user.username } : { ok: false, reason: 'unknown' };
}

/** Spends the link and sets the password, all or nothing; signs the account out of every session. */
export async function completePasswordReset(ctx: AppContext, key: string, password: string): Promise<{ ok: true; userId: number } | { ok: false; reason: LinkRefusal }> {
  // A link that cannot work is refused before scrypt runs, so made-up keys cost no hashing. scrypt is slow
  // on purpose: hash before the write transaction, which must stay short (SQLite has one writer).
  const usable = await lookUpLink(ctx.db, ctx, key, ['password.reset']);
  if (!usable.ok) return usable;
  const hash = await hashPassword(password);
  return ctx.transaction(async (trx) => {
    const spent = await spendLink(trx, ctx, key, ['password.reset']);
    if (!spent.ok) return spent;
    const userId = spent.token.subject_id;
    if (!(await findMailUser(trx, userId))) return { ok: false, reason: 'unknown' };
    // A new session generation as well as the deleted rows: sessions saved before their user id was recorded are
    // signed out too (users/repository.ts).
    await updatePasswordHash(trx, userId, hash);
    await spendAllFor(trx, 'password.reset', userId, ctx.clock.now().toISOString());
    const ended = await deleteUserSessions(trx, userId);
    ctx.log.info({ userId, sessionsEnded: ended }, 'password reset through a mailed link');
    return { ok: true, userId };
  });
}
