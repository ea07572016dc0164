// GET /uploads/<year>/<month>/<name> (issue 14 points 3-4): the stored bytes from whichever storage, with
// nosniff, a year of caching (names are never reused for other content), an attachment disposition for
// anything that is not an image, audio or video, and for SVG a policy that runs no script.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { findMediaFile } from './repository.js';
import type { MediaStorage } from './storage.js';

const inline = /^(image|audio|video)\//;

export function serveRoute(app: FastifyInstance, ctx: AppContext, storage: MediaStorage): void {
  app.get('/uploads/:year/:month/:name', async (request, reply) => {
    const { year, month, name } = request.params as { year: string; month: string; name: string };
    const key = `${year}/${month}/${name}`;
    const file = /^\d{4}\/\d{2}\/[a-z0-9][a-z0-9-]*\.[a-z0-9]{2,5}$/.test(key) ? await findMediaFile(ctx.db, key) : undefined;
    const body = file ? await storage.get(key) : null;
    if (!file || !body) return reply.callNotFound();
    reply
      .header('content-type', file.mime)
      .header('content-length', String(file.bytes))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=31536000, immutable');
    if (!inline.test(file.mime)) reply.header('content-disposition', `attachment; filename="${name}"`);
    if (file.mime === 'image/svg+xml') reply.header('content-security-policy', "script-src 'none'; sandbox");
    return reply.send(body);
  });
}
