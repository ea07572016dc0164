// views/static/ (CSS and the few small scripts) under /static/, cached for an hour.
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { publicDir } from '../../paths.js';

export async function staticFiles(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, { root: publicDir, prefix: '/static/', maxAge: '1h' });
}
