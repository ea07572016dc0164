// Login and logout.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export async function authRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
