// Settings → Reading and permalinks (admins only), as WordPress's options-reading.php and
// options-permalink.php: what the home page displays (latest posts, or a static page with another page
// listing the posts), the theme's pages menu, and the permalink structure. Saving moves the site
// generation (settings trigger, migration 0006), so every cached page and feed follows at once; posts'
// old URLs keep answering with a 301 (posts/resolve-path.ts reads every structure's shape).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { requireCapability } from '../http/auth.js';
import { formCheckbox, formText, inputOf } from '../http/input.js';
import { parentChoices } from '../posts/repository.js';
import { PERMALINK_STRUCTURES, type Settings } from '../settings/definitions.js';
import { loadSettings, saveSettings } from '../settings/repository.js';

const manageOptions = requireCapability('manage_options');

const readingForm = inputOf({ show_on_front: formText, page_on_front: formText, page_for_posts: formText, pages_menu: formCheckbox, permalink_structure: formText });
type ReadingValues = ReturnType<typeof readingForm.parse>;

/** Each structure as WordPress's Permalinks screen names it, with a sample address. */
export const STRUCTURE_CHOICES = [
  { value: PERMALINK_STRUCTURES[0], label: 'Day and name', sample: '/2026/11/30/sample-post/' },
  { value: PERMALINK_STRUCTURES[1], label: 'Month and name', sample: '/2026/11/sample-post/' },
  { value: PERMALINK_STRUCTURES[2], label: 'Post name', sample: '/sample-post/' },
  { value: PERMALINK_STRUCTURES[3], label: 'Numeric', sample: '/archives/123/' },
];

type Choice = Awaited<ReturnType<typeof parentChoices>>[number];

/** The form's values as settings, or the errors by field (the form keeps what was chosen). */
function check(v: ReadingValues, pages: Choice[]): { ok: true; value: Partial<Settings> } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const published = new Set(pages.filter((p) => p.status === 'published').map((p) => String(p.id)));
  const page = (raw: string, field: string) => {
    if (raw === '' || raw === '0') return 0;
    if (!published.has(raw)) errors[field] = 'Choose one of the published pages.';
    return Number(raw);
  };
  const show = v.show_on_front === 'page' ? 'page' : v.show_on_front === 'posts' ? 'posts' : null;
  if (!show) errors.show_on_front = 'Choose latest posts or a static page.';
  const front = page(v.page_on_front, 'page_on_front');
  const posts = page(v.page_for_posts, 'page_for_posts');
  if (show === 'page' && !front && !errors.page_on_front) errors.page_on_front = 'Choose the page to show as the homepage.';
  // WordPress warns that the same page cannot be both: it would list the posts and be the home page at once.
  if (show === 'page' && front && front === posts) errors.page_for_posts = 'The posts page must be a different page from the homepage.';
  const structure = PERMALINK_STRUCTURES.find((s) => s === v.permalink_structure);
  if (!structure) errors.permalink_structure = 'Choose one of the permalink structures.';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { show_on_front: show!, page_on_front: front, page_for_posts: posts, pages_menu: v.pages_menu, permalink_structure: structure! } };
}

export async function readingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const render = async (reply: FastifyReply, values: ReadingValues, errors: Record<string, string>, status = 200) =>
    reply.page('admin/reading', { title: 'Reading and permalinks', activeMenu: '/admin/settings/reading', values, errors, pages: await parentChoices(ctx.db), structures: STRUCTURE_CHOICES }, status);

  app.get('/admin/settings/reading', { preHandler: manageOptions }, async (_request, reply) => {
    const s = await loadSettings(ctx.db);
    return render(reply, { show_on_front: s.show_on_front, page_on_front: String(s.page_on_front), page_for_posts: String(s.page_for_posts), pages_menu: s.pages_menu, permalink_structure: s.permalink_structure }, {});
  });

  app.post('/admin/settings/reading', { preHandler: [manageOptions, app.csrfProtection] }, async (request, reply) => {
    const values = readingForm.parse(request.body);
    const checked = check(values, await parentChoices(ctx.db));
    if (!checked.ok) return render(reply, values, checked.errors, 400);
    await saveSettings(ctx.db, checked.value);
    request.session.set('flash', 'Settings saved.');
    return reply.redirect('/admin/settings/reading', 303);
  });
}
