// application/x-www-form-urlencoded bodies (every admin and comment form), up to 1 MB like JSON bodies.
import type { FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';

export async function formBodies(app: FastifyInstance): Promise<void> {
  await app.register(formbody, { bodyLimit: 1_048_576 });
}
