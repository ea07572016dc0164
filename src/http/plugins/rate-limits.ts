// Per-route rate limits: nothing is limited unless a route asks (the readers' comment form does). The
// counters live in the database (http/shared-rate-limit-store.ts), so every instance counts together.
import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { AppContext } from '../../context.js';
import { sharedRateLimitStore } from '../shared-rate-limit-store.js';

export async function rateLimits(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(rateLimit, { global: false, store: sharedRateLimitStore(ctx) });
}
