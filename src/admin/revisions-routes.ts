// The revisions screen (issue 15): a post's revisions newest first, any one compared with the one before it
// (or with any other chosen), and Restore, which saves that revision's writing as the post again.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import { requireUser } from '../http/auth.js';
import { idParam, inputOf } from '../http/input.js';
import { findPostById } from '../posts/repository.js';
import { canEditPost } from '../posts/service.js';
import { listRevisions } from '../posts/revisions-repository.js';
import { accessibleRevision, restoreRevision } from '../posts/revision-actions.js';
import { loadSettings } from '../settings/repository.js';
import { formatZoned } from '../content/zoned-time.js';
import { listUsers } from '../users/repository.js';
import { compareRevisions } from './revision-diff.js';

const postParams = inputOf({ id: idParam });
const compareQuery = inputOf({ revision: idParam, from: idParam });

export async function adminRevisionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const refuse = (reply: FastifyReply, status: number, message: string) =>
    reply.page('error', { status, title: status === 403 ? 'Not allowed' : 'Not found', message }, status);

  app.get('/admin/posts/:id/revisions', { preHandler: requireUser }, async (request, reply) => {
    const { id } = postParams.parse(request.params);
    const post = id === null ? undefined : await findPostById(ctx.db, id);
    if (!post || post.status === 'trash') return refuse(reply, 404, 'There is no such post.');
    if (!canEditPost(request.user as User, post)) return refuse(reply, 403, 'You may see only the revisions of your own posts.');
    const [revisions, users, settings] = await Promise.all([listRevisions(ctx.db, post.id), listUsers(ctx.db), loadSettings(ctx.db)]);
    const names = new Map(users.map((u) => [u.id, u.display_name || u.username]));
    const q = compareQuery.parse(request.query);
    const index = Math.max(0, revisions.findIndex((r) => r.id === q.revision));
    const shown = revisions[index];
    const from = q.from !== null ? revisions.find((r) => r.id === q.from) : revisions[index + 1];
    return reply.page('admin/revisions', {
      title: `Revisions: ${post.title || '(no title)'}`,
      activeMenu: '/admin/posts',
      post,
      rows: revisions.map((r) => ({ revision: r, author: names.get(r.author_id) ?? '—', when: formatZoned(r.created_at, settings.timezone), current: r === revisions[0] })),
      shown: shown ?? null,
      from: from ?? null,
      fromWhen: from ? formatZoned(from.created_at, settings.timezone) : '',
      shownWhen: shown ? formatZoned(shown.created_at, settings.timezone) : '',
      diff: shown ? compareRevisions(from ?? null, shown) : [],
      timezone: settings.timezone,
    });
  });

  app.post('/admin/revisions/:id/restore', { preHandler: [requireUser, app.csrfProtection] }, async (request, reply) => {
    const { id } = postParams.parse(request.params);
    const user = request.user as User;
    const access = id === null ? null : await accessibleRevision(ctx, user, id);
    if (!access) return refuse(reply, 404, 'There is no such revision.');
    if (!access.ok) return refuse(reply, access.status, access.message);
    const result = await restoreRevision(ctx, user, access.revision);
    if (!result.ok) return refuse(reply, result.status === 400 ? 400 : result.status, Object.values(result.errors).join(' ') || 'The revision could not be restored.');
    const { timezone } = await loadSettings(ctx.db);
    request.session.set('flash', `Restored the revision from ${formatZoned(access.revision.created_at, timezone)}.`);
    return reply.redirect(`/admin/posts/${result.post.id}/edit`, 303);
  });
}
