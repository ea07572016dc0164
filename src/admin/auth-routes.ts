// Login and logout. The credential check is the shared one (src/users/authenticate.ts), so the form and
// XML-RPC draw on one failed-login throttle per IP and per account.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { authenticate } from '../users/authenticate.js';
import { bodyOf, field } from './form-values.js';
import { safeNext } from './safe-next.js';
import { userRoutes } from './users-routes.js';

const BAD_CREDENTIALS = 'The user name or password is incorrect.';
const THROTTLED = 'Too many failed login attempts. Wait 15 minutes before trying again.';

export async function authRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const render = (reply: FastifyReply, data: { username: string; next: string; error?: string; notice?: string }, status = 200) =>
    reply.page('admin/login', { title: 'Log in', ...data }, status);

  app.get('/admin/login', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const next = safeNext(query.next);
    if (request.user) return reply.redirect(next, 303);
    const notice = query.loggedout !== undefined ? 'You are now logged out.' : undefined;
    return render(reply, { username: '', next, notice });
  });

  app.post('/admin/login', { preHandler: app.csrfProtection }, async (request, reply) => {
    const body = bodyOf(request.body);
    const username = field(body, 'username').trim().slice(0, 200);
    const next = safeNext(field(body, 'next'));
    const result = await authenticate(ctx.db, ctx.clock, username, field(body, 'password'), request.ip);
    if (!result.ok) {
      if (result.reason === 'throttled') reply.header('retry-after', '900');
      const throttled = result.reason === 'throttled';
      return render(reply, { username, next, error: throttled ? THROTTLED : BAD_CREDENTIALS }, throttled ? 429 : 401);
    }
    // A new session id on every sign-in defeats session fixation.
    await request.session.regenerate();
    request.session.set('userId', result.user.id);
    return reply.redirect(next, 303);
  });

  app.post('/admin/logout', { preHandler: app.csrfProtection }, async (request, reply) => {
    await request.session.destroy();
    return reply.redirect('/admin/login?loggedout', 303);
  });

  await userRoutes(app, ctx);
}
