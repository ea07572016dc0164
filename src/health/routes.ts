// Probes for a load balancer or orchestrator (issue 18 point 6). /healthz: the process answers (no database,
// so a slow database never gets a healthy instance restarted). /readyz: this instance can serve, i.e. the
// database answers and has every migration this code expects; 503 otherwise, so the balancer sends no
// traffic to an instance started before `npm run migrate`. JSON, never cached, no session touched.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { pendingMigrations } from '../db/migrator.js';

function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').type('application/json; charset=utf-8');
}

export async function healthRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/healthz', async (_request, reply) => noStore(reply).send({ status: 'ok', pid: process.pid, uptimeSeconds: Math.round(process.uptime()) }));

  app.get('/readyz', async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      const pending = await pendingMigrations(ctx.db);
      if (pending.length > 0) return noStore(reply).code(503).send({ status: 'not ready', database: 'ok', pendingMigrations: pending });
      return noStore(reply).send({ status: 'ready', database: 'ok', dialect: ctx.dialect });
    } catch (err) {
      ctx.log.warn({ err }, 'readiness check failed');
      return noStore(reply).code(503).send({ status: 'not ready', database: 'unreachable' });
    }
  });
}
