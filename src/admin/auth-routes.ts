// Login and logout. The credential check is the shared one (src/users/authenticate.ts), so the form and
// XML-RPC draw on one failed-login throttle (per address, per account and address, and the account's
// growing delay: src/users/login-throttle.ts).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { authenticate, waitInWords } from '../users/authenticate.js';
import { formText, inputOf, present, singleText } from '../http/input.js';
import { safeNext } from './safe-next.js';
import { signInSession } from '../http/auth.js';
import { userRoutes } from './users-routes.js';

const loginForm = inputOf({ username: formText, password: formText, next: formText });
/** ?next= where to go once signed in (a repeated one is no target: the dashboard); ?loggedout after logging out. */
const loginQuery = inputOf({ next: singleText, loggedout: present });

const BAD_CREDENTIALS = 'The user name or password is incorrect.';
const throttled = (ms: number) => `Too many failed login attempts. Wait ${waitInWords(ms)} before trying again.`;

export async function authRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const render = (reply: FastifyReply, data: { username: string; next: string; error?: string; notice?: string }, status = 200) =>
    reply.page('admin/login', { title: 'Log in', ...data }, status);

  app.get('/admin/login', async (request, reply) => {
    const query = loginQuery.parse(request.query);
    const next = safeNext(query.next);
    if (request.user) return reply.redirect(next, 303);
    const notice = query.loggedout ? 'You are now logged out.' : undefined;
    return render(reply, { username: '', next, notice });
  });

  app.post('/admin/login', { preHandler: app.csrfProtection }, async (request, reply) => {
    const form = loginForm.parse(request.body);
    const username = form.username.trim().slice(0, 200);
    const next = safeNext(form.next);
    const result = await authenticate(ctx, username, form.password, request.ip);
    if (!result.ok && result.reason === 'throttled') {
      // RFC 6585 §4: 429 with Retry-After; the page is the login form again, the name still typed.
      reply.header('retry-after', String(Math.ceil(result.retryAfterMs / 1000)));
      return render(reply, { username, next, error: throttled(result.retryAfterMs) }, 429);
    }
    if (!result.ok) return render(reply, { username, next, error: BAD_CREDENTIALS }, 401);
    // A new session id on every sign-in defeats session fixation.
    await request.session.regenerate();
    signInSession(request, result.user);
    return reply.redirect(next, 303);
  });

  app.post('/admin/logout', { preHandler: app.csrfProtection }, async (request, reply) => {
    await request.session.destroy();
    return reply.redirect('/admin/login?loggedout', 303);
  });

  await userRoutes(app, ctx);
}
