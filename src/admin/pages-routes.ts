// Admin pages list (Pages menu, as WordPress's edit.php?post_type=page): status tabs, the hierarchy shown by
// indentation (pages in path order, so each child follows its parent), 20 a screen. Adding and editing a page
// use the post editor (posts-routes.ts) with the page attributes box; trash and restore are the posts' actions.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import { requireCapability } from '../http/auth.js';
import { countPostsByStatus, listPagesByPath } from '../posts/repository.js';
import { loadSettings } from '../settings/repository.js';
import { listUsers } from '../users/repository.js';
import { isoToLocalInput } from './local-time.js';
import { viewPath } from './posts-routes.js';
import { listQuery, listUrl, PER_PAGE, TABS } from './posts-list.js';
import { listingScope } from '../users/capabilities.js';

const editPages = requireCapability('edit_pages');

export async function adminPageRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/admin/pages', { preHandler: editPages }, async (request, reply) => {
    const user = request.user as User;
    // The list has no search box: the query's s is ignored, as the pages list shows the tree.
    const view = { ...listQuery.parse(request.query), search: '' };
    const authorId = listingScope(user, 'page');
    const [counts, list, users, settings] = await Promise.all([
      countPostsByStatus(ctx.db, authorId, 'page'),
      listPagesByPath(ctx.db, { status: view.status, authorId, limit: PER_PAGE, offset: (view.page - 1) * PER_PAGE }),
      listUsers(ctx.db),
      loadSettings(ctx.db),
    ]);
    const authors = new Map(users.map((u) => [u.id, u.display_name || u.username]));
    const rows = list.pages.map((p) => ({
      post: p,
      depth: (p.page_path ?? '').split('/').length - 1,
      author: authors.get(p.author_id) ?? '—',
      view: encodeURI(viewPath(p, settings)),
      when: p.published_at ? isoToLocalInput(p.published_at, settings.timezone).replace('T', ' ') : '',
      front: settings.show_on_front === 'page' && p.id === settings.page_on_front ? 'Front page' : settings.show_on_front === 'page' && p.id === settings.page_for_posts ? 'Posts page' : '',
    }));
    const pages = Math.max(1, Math.ceil(list.total / PER_PAGE));
    const url = (v: Parameters<typeof listUrl>[0]) => listUrl(v, '/admin/pages');
    return reply.page('admin/pages', { title: 'Pages', timezone: settings.timezone, view, tabs: TABS, counts, rows, pages, listUrl: url, self: url(view) });
  });
}
