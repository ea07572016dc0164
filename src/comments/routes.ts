// Readers' comment form submissions.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export async function commentRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
