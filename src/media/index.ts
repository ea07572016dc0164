// The media feature's one entry point (features.ts): its storage, its job, its admin screens and /uploads/.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { mediaAdminRoutes } from './admin-routes.js';
import { mediaLibraryRoutes } from './library-routes.js';
import { serveRoute } from './serve-route.js';
import { mediaSettingsRoutes } from './settings-routes.js';
import { selectStorage } from './select-storage.js';
import { registerMediaJobs } from './sizes-job.js';
import { registerMediaMethods } from './xmlrpc-methods.js';

export async function mediaFeature(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const storage = selectStorage(ctx);
  registerMediaJobs(ctx, storage);
  registerMediaMethods(app.xmlrpcMethods, storage);
  serveRoute(app, ctx, storage);
  await mediaAdminRoutes(app, ctx, storage);
  mediaLibraryRoutes(app, ctx);
  mediaSettingsRoutes(app, ctx);
}
