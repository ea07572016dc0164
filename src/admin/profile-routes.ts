// Profile (/admin/profile, issue 16 point 2): everyone edits their own display name, e-mail, bio and website,
// and changes their password with the current one; the change signs out every other session of the account
// (users/service.ts moves the session generation on), and this session is moved along so it stays signed in.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import { requireUser, signInSession } from '../http/auth.js';
import { formText, inputOf } from '../http/input.js';
import { MIN_PASSWORD } from '../users/profile-rules.js';
import { changeOwnPassword, editOwnProfile } from '../users/service.js';

const PAGE = '/admin/profile';
const profileForm = inputOf({ display_name: formText, email: formText, bio: formText, website: formText });
const passwordForm = inputOf({ current_password: formText, password: formText, password2: formText });

export async function profileRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const render = (reply: FastifyReply, values: Record<string, string>, errors: Record<string, string>, passwordErrors: Record<string, string>, status = 200) =>
    reply.page('admin/profile', { title: 'Profile', values, errors, passwordErrors, minPassword: MIN_PASSWORD }, status);
  const saved = (user: User) => ({ display_name: user.display_name, email: user.email, bio: user.bio, website: user.website });

  app.get(PAGE, { preHandler: requireUser }, async (request, reply) => render(reply, saved(request.user!), {}, {}));

  app.post(PAGE, { preHandler: [requireUser, app.csrfProtection] }, async (request, reply) => {
    const form = profileForm.parse(request.body);
    const result = await editOwnProfile(ctx, request.user!, form);
    if (!result.ok) return render(reply, form, result.errors, {}, result.status);
    request.session.set('flash', 'Profile updated.');
    return reply.redirect(PAGE, 303);
  });

  app.post(`${PAGE}/password`, { preHandler: [requireUser, app.csrfProtection] }, async (request, reply) => {
    const form = passwordForm.parse(request.body);
    const result = await changeOwnPassword(ctx, request.user!, form.current_password, form.password, form.password2);
    // Passwords are never sent back into a form; the profile half shows what is saved.
    if (!result.ok) return render(reply, saved(request.user!), {}, result.errors, result.status);
    // A fresh session id too, as at sign-in: the old id was the one in use before the change.
    await request.session.regenerate();
    signInSession(request, result.user);
    request.session.set('flash', 'Password changed. Every other place you were signed in has been signed out.');
    return reply.redirect(PAGE, 303);
  });
}
