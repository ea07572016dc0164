// The mail feature's entry (features.ts): one transport for the process (SMTP or the log, src/config.ts),
// the job handlers that send, and the pages behind the links mails carry.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { COMMENT_NOTICE_JOB } from '../jobs/job-types.js';
import { COMMENT_MAIL_JOB, fanOutCommentNotice, sendCommentMail } from './comment-notices.js';
import { NEW_USER_MAIL_JOB, PASSWORD_RESET_MAIL_JOB, sendNewUserMail, sendPasswordResetMail } from './account-mail.js';
import { createMailTransport } from './transport.js';
import { mailLinkRoutes } from './routes.js';

export { enqueueNewUserMail } from './account-mail.js';

export async function mailFeature(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const transport = createMailTransport(ctx.config.mail);
  ctx.handlers.set(COMMENT_NOTICE_JOB, (p, job) => fanOutCommentNotice(ctx, p, job));
  ctx.handlers.set(COMMENT_MAIL_JOB, (p, job) => sendCommentMail(ctx, transport, p, job));
  ctx.handlers.set(PASSWORD_RESET_MAIL_JOB, (p, job) => sendPasswordResetMail(ctx, transport, p, job));
  ctx.handlers.set(NEW_USER_MAIL_JOB, (p, job) => sendNewUserMail(ctx, transport, p, job));
  app.addHook('onClose', async () => transport.close());
  if (ctx.config.mail.smtpUrl === null) ctx.startupTasks.push(async () => ctx.log.info({ mail: 'log' }, 'SMTP_URL is not set: mail is written to the log instead of sent'));
  await mailLinkRoutes(app, ctx);
}
