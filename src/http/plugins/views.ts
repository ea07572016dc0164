// Eta templates from views/, auto-escaped; compiled templates are cached unless LOG_LEVEL is debug (so a
// template edit shows on reload while developing).
import type { FastifyInstance } from 'fastify';
import view from '@fastify/view';
import { Eta } from 'eta';
import type { Config } from '../../config.js';
import { viewsDir } from '../../paths.js';

export async function views(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(view, {
    engine: { eta: new Eta({ views: viewsDir, cache: config.logLevel !== 'debug', autoEscape: true }) },
    templates: viewsDir,
    production: true,
  });
}
