// The Users page: admins list accounts and add one (usually an author), reached from authRoutes because
// features.ts wires one entry per stub.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { requireAdmin } from '../http/auth.js';
import { hashPassword } from '../users/passwords.js';
import { insertUser, listUsers } from '../users/repository.js';
import { accountFormSchema, MIN_PASSWORD, typedAccount, validateAccount } from './account-form.js';

export async function userRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const render = async (reply: FastifyReply, values: Record<string, string>, errors: Record<string, string>, status = 200) =>
    reply.page('admin/users', { title: 'Users', users: await listUsers(ctx.db), values, errors, minPassword: MIN_PASSWORD }, status);

  app.get('/admin/users', { preHandler: requireAdmin }, async (_request, reply) =>
    render(reply, { username: '', display_name: '', email: '', role: 'author' }, {}));

  app.post('/admin/users', { preHandler: [requireAdmin, app.csrfProtection] }, async (request, reply) => {
    const form = accountFormSchema.parse(request.body);
    const checked = await validateAccount(ctx.db, form);
    if (!checked.ok) return render(reply, typedAccount(form), checked.errors, 400);
    const a = checked.account;
    await insertUser(ctx.db, {
      username: a.username,
      displayName: a.displayName,
      email: a.email,
      passwordHash: await hashPassword(a.password),
      role: a.role,
      createdAt: ctx.clock.now().toISOString(),
    });
    request.session.set('flash', `User ${a.username} added as ${a.role}.`);
    return reply.redirect('/admin/users', 303);
  });
}
