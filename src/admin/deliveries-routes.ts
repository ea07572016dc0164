// Outbound delivery log.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export async function deliveryRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
