// Outbound delivery log: the page for all posts (/admin/deliveries), the per-post fragment the editor loads,
// "retry now" / "skip", and the link preview. Authors see and touch only their own posts' deliveries.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { deliveryInWords, type DeliveryLike } from './delivery-words.js';
import { loadSettings } from '../settings/repository.js';
import type { Post, User } from '../db/schema.js';
import { requireUser } from '../http/auth.js';
import { retryDeliveryNow, skipDelivery, type ActionResult } from '../linkbacks/outbound/actions.js';
import { previewLinks } from '../linkbacks/outbound/preview.js';
import { DELIVERY_COUNT_CAP, listDeliveries, PENDING_STATES, scanPending } from '../linkbacks/outbound/repository.js';
import { findPostById } from '../posts/repository.js';
import { formText, idParam, inputOf, singleText } from '../http/input.js';
import { safeNext } from './safe-next.js';
import { rowIdFrom } from '../db/row-id.js';
import { can, listingScope } from '../users/capabilities.js';

const PER_PAGE = 50;
export const STATE_FILTERS = ['pending', 'queued', 'retrying', 'sent', 'failed', 'no_endpoint', 'skipped', 'internal'] as const;

const deliveryParams = inputOf({ id: idParam });
/** Where to go back to after retry/skip (checked by safeNext). */
const backField = inputOf({ back: formText });

const listQuery = inputOf({
  state: singleText.transform((v) => ((STATE_FILTERS as readonly string[]).includes(v) ? v : '')),
  post: singleText.transform(rowIdFrom),
  page: singleText.transform((v) => (/^\d{1,6}$/.test(v) ? Math.max(1, Number(v)) : 1)),
});

const idParamOf = (params: unknown) => deliveryParams.parse(params).id;
const readQuery = (query: unknown) => listQuery.parse(query);

export function deliveriesUrl(v: { state?: string; post?: number | null; page?: number }): string {
  const p = new URLSearchParams();
  if (v.state) p.set('state', v.state);
  if (v.post) p.set('post', String(v.post));
  if (v.page && v.page > 1) p.set('page', String(v.page));
  const s = p.toString();
  return `/admin/deliveries${s ? `?${s}` : ''}`;
}

export async function deliveryRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const refuse = (reply: FastifyReply, status: number, message: string) =>
    reply.page('error', { status, title: status === 403 ? 'Not allowed' : status === 404 ? 'Not found' : 'Cannot do that', message }, status);

  /** The post if the user may see its deliveries; otherwise the refusal has been sent. */
  async function visiblePost(request: FastifyRequest, reply: FastifyReply): Promise<Post | null> {
    const id = idParamOf(request.params);
    const post = id === null ? undefined : await findPostById(ctx.db, id);
    const user = request.user as User;
    if (!post) {
      await refuse(reply, 404, 'No such post.');
      return null;
    }
    if (!can(user, 'edit_post', post)) {
      await refuse(reply, 403, 'You may see only your own posts’ deliveries.');
      return null;
    }
    return post;
  }

  app.get('/admin/deliveries', { preHandler: requireUser }, async (request, reply) => {
    const user = request.user as User;
    const v = readQuery(request.query);
    const authorId = listingScope(user);
    const list = await listDeliveries(ctx.db, { state: v.state || undefined, postId: v.post ?? undefined, authorId, limit: PER_PAGE, offset: (v.page - 1) * PER_PAGE });
    const pending = list.rows.some((r) => (PENDING_STATES as readonly string[]).includes(r.state));
    const post = v.post ? await findPostById(ctx.db, v.post) : undefined;
    const { timezone } = await loadSettings(ctx.db);
    return reply.page('admin/deliveries', {
      title: 'Deliveries',
      say: (d: DeliveryLike) => deliveryInWords(d, timezone),
      pending,
      view: v,
      rows: list.rows,
      total: list.total,
      cap: DELIVERY_COUNT_CAP,
      pages: Math.max(1, Math.ceil(Math.min(list.total, DELIVERY_COUNT_CAP) / PER_PAGE)),
      filters: STATE_FILTERS,
      postTitle: post && (authorId === undefined || post.author_id === authorId) ? post.title : null,
      url: deliveriesUrl,
      back: deliveriesUrl(v),
      // Refreshes itself while anything shown is still on its way (no script needed).
      head: '<link rel="stylesheet" href="/static/deliveries.css">' + (pending ? '\n<meta http-equiv="refresh" content="5">' : ''),
    });
  });

  app.get('/admin/posts/:id/deliveries', { preHandler: requireUser }, async (request, reply) => {
    const post = await visiblePost(request, reply);
    if (!post) return reply;
    const list = await listDeliveries(ctx.db, { postId: post.id, limit: 200, offset: 0 });
    const scanning = await scanPending(ctx.db, post.id);
    const pending = scanning || list.rows.some((r) => (PENDING_STATES as readonly string[]).includes(r.state));
    const { timezone } = await loadSettings(ctx.db);
    return reply.page('admin/deliveries-fragment', { say: (d: DeliveryLike) => deliveryInWords(d, timezone), rows: list.rows, pending, scanning, post, back: `/admin/posts/${post.id}/edit` });
  });

  app.get('/admin/posts/:id/link-preview', { preHandler: requireUser }, async (request, reply) => {
    const post = await visiblePost(request, reply);
    if (!post) return reply;
    return reply.page('admin/deliveries-preview', { title: 'Links in this post', post, rows: await previewLinks(ctx, post), head: '<link rel="stylesheet" href="/static/deliveries.css">' });
  });

  const act = (fn: (ctx: AppContext, user: User, id: number) => Promise<ActionResult>, done: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    const id = idParamOf(request.params);
    if (id === null) return refuse(reply, 404, 'No such delivery.');
    const result = await fn(ctx, request.user as User, id);
    if (!result.ok) return refuse(reply, result.status, result.message);
    request.session.set('flash', done);
    return reply.redirect(safeNext(backField.parse(request.body).back || '/admin/deliveries'), 303);
  };
  app.post('/admin/deliveries/:id/retry', { preHandler: [requireUser, app.csrfProtection] }, act(retryDeliveryNow, 'The delivery will be tried again now.'));
  app.post('/admin/deliveries/:id/skip', { preHandler: [requireUser, app.csrfProtection] }, act(skipDelivery, 'The delivery was skipped.'));
}
