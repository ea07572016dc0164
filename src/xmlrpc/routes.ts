// The /xmlrpc endpoint.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export async function xmlrpcRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
