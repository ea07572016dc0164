// Discussion settings page (/admin/settings/discussion, admins only): WordPress's options and defaults plus
// ours, validated with messages next to each field, and the switch that opens or closes pings (or comments)
// on every existing post, reporting how many posts it changed.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { requireCapability } from '../http/auth.js';
import { loadSettings, saveSettings } from '../settings/repository.js';
import { allPostsForm, discussionFormSchema, formFromSettings, openCounts, setOnAllPosts, validateDiscussion, type DiscussionErrors, type DiscussionForm } from './discussion-settings.js';
import { RULE_ORDER } from '../comments/rules.js';

const manageOptions = requireCapability('manage_options');

const PAGE = '/admin/settings/discussion';

export async function discussionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const render = async (reply: FastifyReply, values: DiscussionForm, errors: DiscussionErrors = {}, status = 200, allPostsError = '') =>
    reply.page('admin/discussion', { title: 'Discussion settings', values, errors, allPostsError, rules: RULE_ORDER, open: await openCounts(ctx) }, status);

  app.get(PAGE, { preHandler: manageOptions }, async (_request, reply) => render(reply, formFromSettings(await loadSettings(ctx.db))));

  app.post(PAGE, { preHandler: [manageOptions, app.csrfProtection] }, async (request, reply) => {
    const form = discussionFormSchema.parse(request.body);
    const checked = validateDiscussion(form);
    if (!checked.ok) return render(reply, form, checked.errors, 400);
    await saveSettings(ctx.db, checked.values);
    request.session.set('flash', 'Discussion settings saved.');
    return reply.redirect(PAGE, 303);
  });

  app.post(`${PAGE}/all-posts`, { preHandler: [manageOptions, app.csrfProtection] }, async (request, reply) => {
    const { what, to } = allPostsForm.parse(request.body);
    // Issue 16 point 4: a mangled button comes back as the settings page, in the admin layout, saying so.
    if (!what || !to) return render(reply, formFromSettings(await loadSettings(ctx.db)), {}, 400, 'Choose one of the buttons below: pings or comments, open or close. Nothing was changed.');
    const n = await setOnAllPosts(ctx, what, to);
    request.session.set('flash', `${to === 'open' ? 'Opened' : 'Closed'} ${what} on ${n} ${n === 1 ? 'post' : 'posts'}.`);
    return reply.redirect(PAGE, 303);
  });
}
