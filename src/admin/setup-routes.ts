// First run, like WordPress's install screen: while no user exists every /admin page leads here; the form
// creates the first admin, names the site and signs the admin in. Once anyone exists the page is gone.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { inPlainWords } from '../plain-messages.js';
import { settingsSchema } from '../settings/definitions.js';
import { saveSettings } from '../settings/repository.js';
import { hashPassword } from '../users/passwords.js';
import { countUsers, insertUser } from '../users/repository.js';
import { lockFor, LOCK_SPACE } from '../db/advisory-lock.js';
import { accountFields, typedAccount, validateAccount, MIN_PASSWORD } from './account-form.js';
import { formText, inputOf } from '../http/input.js';
import { signInSession } from '../http/auth.js';

/** The site title and the first admin's account (http/input.ts: never throws). */
const setupFormSchema = inputOf({ site_title: formText, ...accountFields });

const SETUP = '/admin/setup';

function isAdminPath(url: string): boolean {
  const path = url.split('?')[0];
  return path === '/admin' || path.startsWith('/admin/');
}

export async function setupRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Users are never deleted back to zero, so once one exists the check need not hit the database again.
  let someoneExists = false;
  const needsSetup = async () => !(someoneExists ||= (await countUsers(ctx.db)) > 0);

  app.addHook('onRequest', async (request, reply) => {
    if (!isAdminPath(request.url) || request.url.split('?')[0] === SETUP) return;
    if (await needsSetup()) return reply.redirect(SETUP, 303);
  });

  const render = (reply: FastifyReply, values: Record<string, string>, errors: Record<string, string>, status = 200) =>
    reply.page('admin/setup', { title: 'Welcome', values, errors, minPassword: MIN_PASSWORD }, status);

  app.get(SETUP, async (_request, reply) => {
    if (!(await needsSetup())) return reply.redirect('/admin/login', 303);
    return render(reply, { site_title: '', username: 'admin', display_name: '', email: '' }, {});
  });

  app.post(SETUP, { preHandler: app.csrfProtection }, async (request: FastifyRequest, reply) => {
    if (!(await needsSetup())) return reply.callNotFound();
    const form = setupFormSchema.parse(request.body);
    const values = { site_title: form.site_title, ...typedAccount(form) };
    const title = settingsSchema.shape.site_title.safeParse(values.site_title, inPlainWords({ '': 'Site title' }));
    const checked = await validateAccount(ctx.db, form, 'admin');
    const errors = checked.ok ? {} : { ...checked.errors };
    if (!title.success) errors.site_title = title.error.issues[0]?.message ?? 'Site title is required';
    if (!checked.ok || !title.success) return render(reply, values, errors, 400);

    const a = checked.account;
    const passwordHash = await hashPassword(a.password);
    const user = await ctx.transaction(async (trx) => {
      // Two browsers (or instances, or ADMIN_USER at start-up) at once: only the first creates the admin.
      await lockFor(trx, ctx.dialect, [[LOCK_SPACE.firstAdmin, 0]]);
      if ((await countUsers(trx)) > 0) return null;
      await saveSettings(trx, { site_title: title.data });
      return insertUser(trx, { username: a.username, displayName: a.displayName, email: a.email, passwordHash, role: 'admin', createdAt: ctx.clock.now().toISOString() });
    });
    if (!user) return reply.callNotFound();
    someoneExists = true;
    await request.session.regenerate();
    signInSession(request, user);
    request.session.set('flash', `Welcome to ${title.data}. Your site is ready.`);
    return reply.redirect('/admin', 303);
  });
}
