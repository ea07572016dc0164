// First-run setup.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export async function setupRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
