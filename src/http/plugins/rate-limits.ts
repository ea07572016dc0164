// Per-route rate limits: nothing is limited unless a route asks (the readers' comment form does).
import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';

export async function rateLimits(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false });
}
