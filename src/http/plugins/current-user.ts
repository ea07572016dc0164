// request.user: the signed-in account from the session, or null, loaded before every handler.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { loadSessionUser } from '../auth.js';

export function currentUser(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('user', null);
  app.addHook('preHandler', async (request) => {
    request.user = await loadSessionUser(ctx.db, request);
  });
}
