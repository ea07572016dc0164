// Application passwords (issue 16 point 5), /admin/application-passwords: every signed-in user manages their
// own. A new password is shown once, in the answer to the form that made it (never stored, never put in the
// session), with no-store so no cache keeps it. Revoking one or all is immediate: the next XML-RPC call
// with it is refused.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import { requireUser } from '../http/auth.js';
import { formText, idParam, inputOf } from '../http/input.js';
import { loadSettings } from '../settings/repository.js';
import { createApplicationPassword, APPLICATION_PASSWORD_NAME_MAX } from '../users/application-passwords.js';
import { deleteAllApplicationPasswords, deleteApplicationPassword, listApplicationPasswords, MAX_APPLICATION_PASSWORDS } from '../users/application-password-repository.js';

const PAGE = '/admin/application-passwords';
const createForm = inputOf({ name: formText });
const idParams = inputOf({ id: idParam });

interface Shown {
  name?: string;
  error?: string;
  created?: { name: string; password: string };
}

export async function applicationPasswordRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const render = async (reply: FastifyReply, user: User, shown: Shown, status = 200) => {
    reply.header('cache-control', 'private, no-store');
    const { xmlrpc_require_application_passwords: required } = await loadSettings(ctx.db);
    return reply.page('admin/application-passwords', {
      title: 'Application passwords', items: await listApplicationPasswords(ctx.db, user.id), required, nameMax: APPLICATION_PASSWORD_NAME_MAX, max: MAX_APPLICATION_PASSWORDS,
      name: shown.name ?? '', error: shown.error ?? null, created: shown.created ?? null,
    }, status);
  };

  app.get(PAGE, { preHandler: requireUser }, async (request, reply) => render(reply, request.user as User, {}));

  app.post(PAGE, { preHandler: [requireUser, app.csrfProtection] }, async (request, reply) => {
    const user = request.user as User;
    const { name } = createForm.parse(request.body);
    const result = await createApplicationPassword(ctx, user.id, name);
    if (!result.ok) return render(reply, user, { name: name.slice(0, 500), error: result.error }, 400);
    return render(reply, user, { created: { name: result.item.name, password: result.password } }, 201);
  });

  app.post(`${PAGE}/:id/revoke`, { preHandler: [requireUser, app.csrfProtection] }, async (request, reply) => {
    const user = request.user as User;
    const { id } = idParams.parse(request.params);
    if (id === null || !(await deleteApplicationPassword(ctx.db, user.id, id))) {
      return reply.page('admin/error', { status: 404, title: 'Not found', message: 'You have no such application password. It may have been revoked already.', back: { href: PAGE, label: 'Application passwords' } }, 404);
    }
    request.session.set('flash', 'Application password revoked. Programs using it can no longer sign in.');
    return reply.redirect(PAGE, 303);
  });

  app.post(`${PAGE}/revoke-all`, { preHandler: [requireUser, app.csrfProtection] }, async (request, reply) => {
    const n = await deleteAllApplicationPasswords(ctx.db, (request.user as User).id);
    request.session.set('flash', n ? `${n} application ${n === 1 ? 'password' : 'passwords'} revoked.` : 'You had no application passwords to revoke.');
    return reply.redirect(PAGE, 303);
  });
}
