// Mails about an account: the password reset link ("Lost your password?") and the new-user mail (user name
// and a link to choose a password, as wp_new_user_notification() sends since WordPress 4.3, never the
// password). Both are jobs queued in the caller's transaction; the link is made when the job runs, so the
// raw token lives only in the mail, never in the jobs table.
import type { Clock } from '../clock.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import { enqueue } from '../jobs/queue.js';
import type { JobContext } from '../jobs/worker.js';
import { loadSettings } from '../settings/repository.js';
import { siteUrl } from '../settings/site-url.js';
import { findMailUser } from '../users/mail-repository.js';
import { issueLinks } from './issue-links.js';
import { newUserMail, passwordResetMail } from './templates.js';
import { RESET_TTL_MS } from './tokens.js';
import type { MailTransport } from './transport.js';
import { MAIL_HOST } from './comment-notices.js';

export const PASSWORD_RESET_MAIL_JOB = 'mail.password-reset';
export const NEW_USER_MAIL_JOB = 'mail.new-user';

export interface PasswordResetPayload {
  userId: number;
  /** The address the request came from, told in the mail as WordPress does. */
  ip: string;
}

export interface NewUserPayload {
  userId: number;
}

/** Queues the reset mail; call inside the transaction that records the request. */
export async function enqueuePasswordResetMail(db: Executor, clock: Clock, userId: number, ip: string): Promise<void> {
  await enqueue(db, clock, { type: PASSWORD_RESET_MAIL_JOB, payload: { userId, ip: ip.slice(0, 64) } satisfies PasswordResetPayload, host: MAIL_HOST });
}

/**
 * Queues the new-user mail for an account just created. Call it inside the transaction that inserts the
 * user (so the mail exists exactly when the account does), then ctx.wakeWorker() after the commit:
 *   await ctx.transaction(async (trx) => { const u = await insertUser(trx, …); await enqueueNewUserMail(trx, ctx.clock, u.id); });
 *   ctx.wakeWorker();
 */
export async function enqueueNewUserMail(db: Executor, clock: Clock, userId: number): Promise<void> {
  await enqueue(db, clock, { type: NEW_USER_MAIL_JOB, payload: { userId } satisfies NewUserPayload, host: MAIL_HOST, dedupeKey: `${NEW_USER_MAIL_JOB}:${userId}` });
}

export const resetLink = (base: string, token: string) => `${base}/admin/reset-password?key=${token}`;

export async function sendPasswordResetMail(ctx: AppContext, transport: MailTransport, p: PasswordResetPayload, job: JobContext): Promise<void> {
  const user = await findMailUser(ctx.db, p.userId);
  if (!user?.email) return job.log.warn({ userId: p.userId }, 'password reset mail not sent: the account is gone or has no address');
  const settings = await loadSettings(ctx.db);
  const base = siteUrl(ctx.config, settings);
  const t = await issueLinks(ctx, ['password.reset'], user.id, RESET_TTL_MS);
  const mail = passwordResetMail({ site: settings.site_title, siteUrl: base, username: user.username, link: resetLink(base, t['password.reset']), ip: p.ip, expiresInHours: RESET_TTL_MS / 3_600_000 });
  await transport.send({ to: user.email, ...mail }, job.log);
}

export async function sendNewUserMail(ctx: AppContext, transport: MailTransport, p: NewUserPayload, job: JobContext): Promise<void> {
  const user = await findMailUser(ctx.db, p.userId);
  if (!user?.email) return job.log.warn({ userId: p.userId }, 'new-user mail not sent: the account is gone or has no address');
  const settings = await loadSettings(ctx.db);
  const base = siteUrl(ctx.config, settings);
  const t = await issueLinks(ctx, ['password.reset'], user.id, RESET_TTL_MS);
  const mail = newUserMail({ site: settings.site_title, username: user.username, link: resetLink(base, t['password.reset']), loginUrl: `${base}/admin/login`, expiresInHours: RESET_TTL_MS / 3_600_000 });
  await transport.send({ to: user.email, ...mail }, job.log);
}
