// Admin dashboard (/admin): pending count, latest linkbacks, delivery failures needing attention and a
// 30-day chart of linkbacks received and sent, drawn server-side as inline SVG with a data-table fallback.
// Authors see the same limited to their own posts, without the moderation queue.
import { loadSettings } from '../settings/settings.js';
import { deliveryInWords, type DeliveryLike } from './delivery-words.js';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { requireUser } from '../http/auth.js';
import { chartGeometry, linkbackChart } from './dashboard-stats.js';
import { latestLinkbacks } from '../comments/linkback-stats-repository.js';
import { deliveryFailures } from '../linkbacks/outbound/repository.js';
import { countByStatus } from '../comments/panel-repository.js';
import { permalinkPath } from '../posts/permalink.js';

export async function dashboardRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/admin', { preHandler: requireUser }, async (request, reply) => {
    const user = request.user!;
    const isAdmin = user.role === 'admin';
    const scope = isAdmin ? undefined : user.id;
    const [counts, linkbacks, failures, days, settings] = await Promise.all([
      isAdmin ? countByStatus(ctx.db, { kind: 'all' }) : null,
      latestLinkbacks(ctx.db, scope),
      deliveryFailures(ctx.db, scope),
      linkbackChart(ctx.db, ctx.clock.now(), scope),
      loadSettings(ctx.db),
    ]);
    return reply.page('admin/dashboard', {
      title: 'Dashboard',
      isAdmin,
      counts,
      linkbacks: linkbacks.map((l) => ({ ...l, postPath: permalinkPath({ slug: l.post_slug, published_at: l.post_published_at }) })),
      failures,
      say: (d: DeliveryLike) => deliveryInWords(d, settings.timezone),
      days,
      totals: { received: days.reduce((n, d) => n + d.received, 0), sent: days.reduce((n, d) => n + d.sent, 0) },
      chart: chartGeometry(days),
    });
  });
  app.get('/admin/', async (_request, reply) => reply.redirect('/admin', 301));
}
