// The Users screen (issue 16 point 2): administrators list accounts, add one with a role, edit one (role,
// display name, e-mail, bio, website) and delete one with everything they wrote given to someone chosen.
// Reached from authRoutes because features.ts wires one entry per stub; the Profile screen is profile-routes.ts.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import { requireCapability } from '../http/auth.js';
import { formText, idParam, inputOf } from '../http/input.js';
import { hashPassword } from '../users/passwords.js';
import { countPostsOf, findUserById, insertUser, listUsers } from '../users/repository.js';
import { enqueueNewUserMail } from '../mail/index.js';
import { ROLE_LABEL, ROLES } from '../users/capabilities.js';
import { deleteUser, editUser } from '../users/service.js';
import { accountFormSchema, MIN_PASSWORD, typedAccount, validateAccount } from './account-form.js';
import { profileRoutes } from './profile-routes.js';

const manageUsers = requireCapability('list_users');
const userParams = inputOf({ id: idParam });
const editForm = inputOf({ display_name: formText, email: formText, bio: formText, website: formText, role: formText });
const deleteForm = inputOf({ reassign: idParam });
const BACK = { href: '/admin/users', label: 'All users' };

export async function userRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const roles = ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }));
  const render = async (reply: FastifyReply, values: Record<string, string>, errors: Record<string, string>, status = 200) =>
    reply.page('admin/users', { title: 'Users', users: await listUsers(ctx.db), roles, roleNames: ROLE_LABEL, values, errors, minPassword: MIN_PASSWORD }, status);
  const missing = (reply: FastifyReply) =>
    reply.page('admin/error', { status: 404, title: 'Not found', message: 'There is no such user. The account may have been deleted.', back: BACK }, 404);
  const editPage = (reply: FastifyReply, target: User, values: Record<string, string>, errors: Record<string, string>, status = 200) =>
    reply.page('admin/user-edit', { title: `Edit user ${target.username}`, activeMenu: '/admin/users', target, roles, values, errors }, status);
  const deletePage = async (reply: FastifyReply, target: User, chosen: number | null, errors: Record<string, string>, status = 200) => {
    const others = (await listUsers(ctx.db)).filter((u) => u.id !== target.id);
    return reply.page('admin/user-delete', { title: `Delete user ${target.username}`, activeMenu: '/admin/users', target, others, chosen, posts: await countPostsOf(ctx.db, target.id), roleNames: ROLE_LABEL, errors }, status);
  };
  const target = async (params: unknown) => {
    const id = userParams.parse(params).id;
    return id === null ? undefined : findUserById(ctx.db, id);
  };

  app.get('/admin/users', { preHandler: manageUsers }, async (_request, reply) => render(reply, { username: '', display_name: '', email: '', role: 'author' }, {}));

  app.post('/admin/users', { preHandler: [manageUsers, app.csrfProtection] }, async (request, reply) => {
    const form = accountFormSchema.parse(request.body);
    const checked = await validateAccount(ctx.db, form);
    if (!checked.ok) return render(reply, typedAccount(form), checked.errors, 400);
    const a = checked.account;
    const passwordHash = await hashPassword(a.password);
    // WordPress's "Send the new user an email about their account", queued with the account (never sent in the request).
    await ctx.transaction(async (trx) => {
      const user = await insertUser(trx, { username: a.username, displayName: a.displayName, email: a.email, passwordHash, role: a.role, createdAt: ctx.clock.now().toISOString() });
      await enqueueNewUserMail(trx, ctx.clock, user.id);
    });
    ctx.wakeWorker();
    request.session.set('flash', `User ${a.username} added as ${ROLE_LABEL[a.role].toLowerCase()}; a mail tells them their user name and how to choose a password.`);
    return reply.redirect('/admin/users', 303);
  });

  app.get('/admin/users/:id', { preHandler: manageUsers }, async (request, reply) => {
    const user = await target(request.params);
    if (!user) return missing(reply);
    // One's own account is edited on the Profile screen (WordPress sends user-edit.php?user_id=me to profile.php).
    if (user.id === request.user!.id) return reply.redirect('/admin/profile', 303);
    return editPage(reply, user, { display_name: user.display_name, email: user.email, bio: user.bio, website: user.website, role: user.role }, {});
  });

  app.post('/admin/users/:id', { preHandler: [manageUsers, app.csrfProtection] }, async (request, reply) => {
    const user = await target(request.params);
    if (!user) return missing(reply);
    const form = editForm.parse(request.body);
    const result = await editUser(ctx, request.user!, user.id, form);
    if (!result.ok) return result.status === 404 ? missing(reply) : editPage(reply, user, form, result.errors, result.status);
    request.session.set('flash', `User ${user.username} updated.`);
    return reply.redirect('/admin/users', 303);
  });

  app.get('/admin/users/:id/delete', { preHandler: manageUsers }, async (request, reply) => {
    const user = await target(request.params);
    if (!user) return missing(reply);
    return deletePage(reply, user, request.user!.id, {});
  });

  app.post('/admin/users/:id/delete', { preHandler: [manageUsers, app.csrfProtection] }, async (request, reply) => {
    const user = await target(request.params);
    if (!user) return missing(reply);
    const { reassign } = deleteForm.parse(request.body);
    const result = await deleteUser(ctx, request.user!, user.id, reassign);
    if (!result.ok) return result.status === 404 ? missing(reply) : deletePage(reply, user, reassign, result.errors, result.status);
    const n = result.posts;
    request.session.set('flash', `User ${result.user.username} deleted.${n ? ` ${n} post${n === 1 ? '' : 's'} now belong${n === 1 ? 's' : ''} to ${result.to.display_name || result.to.username}.` : ''}`);
    return reply.redirect('/admin/users', 303);
  });

  await profileRoutes(app, ctx);
}
