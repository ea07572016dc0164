// Admin dashboard (/admin): pending count, latest linkbacks, delivery failures needing attention and a
// 30-day chart of linkbacks received and sent, drawn server-side as inline SVG with a data-table fallback.
// Authors see the same limited to their own posts, without the moderation queue.
import { loadSettings } from '../settings/repository.js';
import { deliveryInWords, type DeliveryLike } from './delivery-words.js';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { requireUser } from '../http/auth.js';
import { chartGeometry, linkbackChart } from './dashboard-stats.js';
import { latestLinkbacks } from '../comments/linkback-stats-repository.js';
import { deliveryFailures } from '../linkbacks/outbound/repository.js';
import { countByStatus } from '../comments/panel-repository.js';
import { joinedPost, permalinkPath, type JoinedPostColumns } from '../posts/permalink.js';
import { countPostsByStatus } from '../posts/repository.js';
import { can, listingScope } from '../users/capabilities.js';

export async function dashboardRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/admin', { preHandler: requireUser }, async (request, reply) => {
    const user = request.user!;
    // Moderators see every comment count; the linkback and delivery panels cover the posts one may edit.
    const isAdmin = can(user, 'moderate_comments');
    const scope = listingScope(user);
    const settings = await loadSettings(ctx.db);
    const [counts, linkbacks, failures, days, postCounts] = await Promise.all([
      isAdmin ? countByStatus(ctx.db, { kind: 'all' }) : null,
      latestLinkbacks(ctx.db, scope),
      deliveryFailures(ctx.db, scope),
      linkbackChart(ctx.db, ctx.clock.now(), settings.timezone, scope),
      // Posts waiting for someone who may publish them (counter rows, migration 0005).
      countPostsByStatus(ctx.db, scope),
    ]);
    return reply.page('admin/dashboard', {
      title: 'Dashboard',
      isAdmin,
      counts,
      pendingPosts: postCounts.pending,
      linkbacks: linkbacks.map((l) => ({ ...l, postPath: permalinkPath(joinedPost(l as unknown as JoinedPostColumns), settings) })),
      failures,
      say: (d: DeliveryLike) => deliveryInWords(d, settings.timezone),
      days,
      totals: { received: days.reduce((n, d) => n + d.received, 0), sent: days.reduce((n, d) => n + d.sent, 0) },
      chart: chartGeometry(days),
      timezone: settings.timezone,
    });
  });
  app.get('/admin/', async (_request, reply) => reply.redirect('/admin', 301));
}
