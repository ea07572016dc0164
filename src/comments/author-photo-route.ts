// GET /avatars/<hash>-<size>.webp (issue 19): a linkback author's photo as the job stored it, from our own
// origin, so no reader's browser asks the author's site for it. Only fetched rows are served, by the hash the
// page was given; the bytes are our own WebP re-encoding, never what the other site sent.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import type { MediaStorage } from '../media/storage.js';
import { inputOf, queryText } from '../http/input.js';
import { findAuthorPhoto } from './author-photo-repository.js';

const avatarParams = inputOf({ name: queryText });

export function authorPhotoRoute(app: FastifyInstance, ctx: AppContext, storage: MediaStorage): void {
  app.get('/avatars/:name', async (request, reply) => {
    const m = /^([0-9a-f]{64})-(64|128)\.webp$/.exec(avatarParams.parse(request.params).name);
    const row = m ? await findAuthorPhoto(ctx.db, m[1]) : undefined;
    const key = row?.state === 'fetched' ? (m![2] === '64' ? row.key_64 : row.key_128) : null;
    const body = key ? await storage.get(key) : null;
    if (!body) return reply.callNotFound();
    return reply
      .header('content-type', 'image/webp')
      .header('x-content-type-options', 'nosniff')
      // The name is the photo URL's hash: a changed photo comes with a new URL, so a day is safe and bounded.
      .header('cache-control', 'public, max-age=86400')
      .send(body);
  });
}
