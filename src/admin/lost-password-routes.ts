// "Lost your password?" and the page its mailed link opens (issue 16 point 2). The request page answers the
// same for every name (no account enumeration) and is limited per address; the reset page takes the new
// password twice, then sends to the login page with a flash. The rules live in src/mail/password-reset.ts.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { formText, inputOf, queryText } from '../http/input.js';
import { waitInWords } from '../users/authenticate.js';
import { checkResetKey, completePasswordReset, requestPasswordReset } from '../mail/password-reset.js';
import type { LinkRefusal } from '../mail/links.js';
import { REFUSAL_STATUS } from '../mail/links.js';
import { MIN_PASSWORD } from './account-form.js';

const lostForm = inputOf({ login: formText });
const resetQuery = inputOf({ key: queryText });
const resetForm = inputOf({ key: formText, password: formText, password2: formText });

/** The one answer every request gets, whether or not an account matched (WordPress: "Check your email"). */
export const CHECK_EMAIL = 'If that user name or e-mail address belongs to an account, a mail with a link to choose a new password is on its way. The link works once, for 24 hours.';
const BAD_LINK: Record<LinkRefusal, string> = {
  unknown: 'This password reset link is not valid. Ask for a new one below.',
  used: 'This password reset link has already been used. Ask for a new one below if you need to.',
  expired: 'This password reset link has expired (links work for 24 hours). Ask for a new one below.',
};

export async function lostPasswordRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const lostPage = (reply: FastifyReply, data: { login: string; error?: string }, status = 200) => reply.page('admin/lost-password', { title: 'Lost your password?', ...data }, status);
  const resetPage = (reply: FastifyReply, data: { key: string; username?: string; errors?: Record<string, string>; refused?: string }, status = 200) => {
    // The key is in the URL and the form: no Referer may carry it to another site, no cache may keep the page.
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'private, no-store');
    return reply.page('admin/reset-password', { title: 'Set a new password', errors: {}, ...data }, status);
  };

  app.get('/admin/lost-password', async (_request, reply) => lostPage(reply, { login: '' }));

  app.post('/admin/lost-password', { preHandler: app.csrfProtection }, async (request, reply) => {
    const login = lostForm.parse(request.body).login.trim().slice(0, 200);
    if (!login) return lostPage(reply, { login, error: 'Enter your user name or e-mail address.' }, 400);
    const outcome = await requestPasswordReset(ctx, login, request.ip);
    if (!outcome.ok) {
      // RFC 6585 §4; the page says the same whatever was typed, so a limit tells nothing about accounts either.
      reply.header('retry-after', String(Math.ceil(outcome.retryAfterMs / 1000)));
      return lostPage(reply, { login, error: `Too many requests from your address. Wait ${waitInWords(outcome.retryAfterMs)} before asking again.` }, 429);
    }
    request.session.set('flash', CHECK_EMAIL);
    return reply.redirect('/admin/login', 303);
  });

  app.get('/admin/reset-password', async (request, reply) => {
    const { key } = resetQuery.parse(request.query);
    const check = await checkResetKey(ctx, key);
    if (!check.ok) return resetPage(reply, { key: '', refused: BAD_LINK[check.reason] }, REFUSAL_STATUS[check.reason]);
    return resetPage(reply, { key, username: check.username });
  });

  app.post('/admin/reset-password', { preHandler: app.csrfProtection }, async (request, reply) => {
    const form = resetForm.parse(request.body);
    const errors = passwordErrors(form.password, form.password2);
    if (Object.keys(errors).length) {
      const check = await checkResetKey(ctx, form.key);
      if (!check.ok) return resetPage(reply, { key: '', refused: BAD_LINK[check.reason] }, REFUSAL_STATUS[check.reason]);
      return resetPage(reply, { key: form.key, username: check.username, errors }, 400);
    }
    const done = await completePasswordReset(ctx, form.key, form.password);
    if (!done.ok) return resetPage(reply, { key: '', refused: BAD_LINK[done.reason] }, REFUSAL_STATUS[done.reason]);
    // A fresh session: whatever this browser held is gone with the account's other sessions.
    await request.session.regenerate();
    request.session.set('flash', 'Your password has been reset. Log in with your new password.');
    return reply.redirect('/admin/login', 303);
  });
}

/** The same rules as a new account's password (account-form.ts), said per field. */
function passwordErrors(password: string, password2: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (password.length < MIN_PASSWORD) errors.password = `Password needs at least ${MIN_PASSWORD} characters`;
  else if (password.length > 200) errors.password = 'Password is at most 200 characters';
  else if (password !== password2) errors.password2 = 'The two passwords do not match';
  return errors;
}
