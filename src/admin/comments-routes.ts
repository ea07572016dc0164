// Moderation panel (/admin/comments, admins only): status tabs with counts, filters, search, pagination,
// per-row and bulk actions, empty spam/trash, undo, "Re-verify now" and one comment's history. Every action
// is a plain POST form with CSRF, answered by a redirect back to the same view (works without JavaScript).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { requireCapability } from '../http/auth.js';
import { moderateMany } from './comments-bulk.js';
import { emptyStatus } from '../comments/purge.js';
import { countByStatus, listComments, postIdsWithComments, SEARCH_COUNT_CAP } from '../comments/panel-repository.js';
import { postTitles } from '../posts/repository.js';
import type { ModerationAction } from '../comments/moderation.js';
import { type PanelFilters, isPanelAction, panelForm, panelQuery, panelUrl, plainExcerpt, readIds, resultMessage, undoFor } from './comments-panel.js';
import { requestReverify } from '../comments/reverify-request.js';
import { spamAndBlockHosts } from './comments-block-host.js';
import { isLinkbackKind } from '../comments/matching.js';
import { joinedPost, permalinkPath } from '../posts/permalink.js';
import { loadSettings } from '../settings/repository.js';
import { commentReplyRoutes } from './comments-reply.js';

const moderateComments = requireCapability('moderate_comments');

const PER_PAGE = 20;

export async function moderationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  /**
   * The panel for these filters. `refused` (issue 16 point 4): an action that could not run comes back as
   * the panel itself, in the admin layout, with the action and the selection as they were and why, not as
   * a public-theme error page.
   */
  const showPanel = async (reply: FastifyReply, asked: PanelFilters, done: { action: string; n: number; ids: number[] } | null, refused?: { message: string; action: string; ids: number[] }) => {
    const counts = await countByStatus(ctx.db, { kind: asked.kind, postId: asked.postId, search: asked.search });
    // A search counts at most SEARCH_COUNT_CAP matches; other counts are exact.
    const pages = Math.max(1, Math.ceil(Math.min(counts[asked.status], asked.search ? SEARCH_COUNT_CAP : Infinity) / PER_PAGE));
    // After a bulk action empties the last page, show the new last page rather than an empty one.
    const f = { ...asked, page: Math.min(asked.page, pages) };
    const rows = await listComments(ctx.db, { ...f, perPage: PER_PAGE });
    const [posts, settings] = await Promise.all([postIdsWithComments(ctx.db, 300).then((ids) => postTitles(ctx.db, ids)), loadSettings(ctx.db)]);
    const action = done?.action ?? '';
    const result = done && isPanelAction(action) ? { message: resultMessage(action, done.n), undo: undoFor(action), ids: done.ids.join(',') } : null;
    return reply.page(
      'admin/comments',
      {
        title: 'Comments',
        f,
        counts,
        countCap: SEARCH_COUNT_CAP,
        result,
        refused: refused ? { message: refused.message, action: refused.action, ids: new Set(refused.ids) } : null,
        pages,
        posts,
        seenAt: ctx.clock.now().toISOString(),
        url: (change: Parameters<typeof panelUrl>[1]) => panelUrl(f, change),
        rows: rows.map((c) => ({ ...c, linkback: isLinkbackKind(c.kind), postPath: permalinkPath(joinedPost(c), settings), text: plainExcerpt(c.excerpt ?? c.content) })),
      },
      refused ? 400 : 200,
    );
  };

  app.get('/admin/comments', { preHandler: moderateComments }, async (request, reply) => {
    const q = panelQuery.parse(request.query);
    return showPanel(reply, q.filters, { action: q.done, n: q.n, ids: q.ids });
  });

  app.post('/admin/comments', { preHandler: [moderateComments, app.csrfProtection] }, async (request, reply) => {
    const body = panelForm.parse(request.body);
    const f = body.filters;
    const actor = request.user!.username;
    const [oneAction, oneId] = body.one.split(':');
    const wanted = oneAction || (body.empty ? `empty-${body.empty}` : body.action);
    if (!isPanelAction(wanted)) return showPanel(reply, f, null, { message: 'Choose an action in “Bulk actions”, then press Apply. Your selection is kept below.', action: '', ids: body.ids });
    const ids = oneAction ? readIds(oneId) : body.ids;
    let changed: number[] = [];
    if (wanted === 'empty-spam' || wanted === 'empty-trash') {
      const n = await emptyStatus(ctx, wanted === 'empty-spam' ? 'spam' : 'trash', body.seenAt || undefined);
      return reply.redirect(panelUrl(f, { page: f.page, extra: { done: wanted, n: String(n) } }), 303);
    }
    if (ids.length === 0) return showPanel(reply, f, null, { message: 'Select at least one comment (tick its box), then press Apply.', action: wanted, ids: [] });
    if (wanted === 'reverify') {
      for (const id of ids) if (await requestReverify(ctx, id, actor)) changed.push(id);
    } else if (wanted === 'block-host') {
      const blocked = await spamAndBlockHosts(ctx, ids, actor);
      changed = blocked.changed;
      if (blocked.hosts.length) request.session.set('flash', `Blocked source hosts: ${blocked.hosts.join(', ')}. Undo puts the comments back but keeps the hosts blocked; edit the list in Discussion settings.`);
    } else {
      changed = await moderateMany(ctx, ids, wanted as ModerationAction, actor);
    }
    return reply.redirect(panelUrl(f, { page: f.page, extra: { done: wanted, n: String(changed.length), ids: changed.join(',') } }), 303);
  });

  await commentReplyRoutes(app, ctx);
}
