// Discussion settings page.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export async function discussionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
