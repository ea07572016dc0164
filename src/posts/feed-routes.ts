// RSS 2.0 and Atom feeds.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export async function feedRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
