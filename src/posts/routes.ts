// Public pages: home, permalinks, archives, previews.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export async function postRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
