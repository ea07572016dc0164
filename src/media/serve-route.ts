// GET /uploads/<year>/<month>/<name> (issue 14 points 3-4): the stored bytes from whichever storage, with
// nosniff, a year of caching (names are never reused for other content), an attachment disposition for
// anything that is not an image, audio or video, and for SVG a policy that runs no script.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { findMediaFile } from './repository.js';
import type { ByteRange, MediaStorage } from './storage.js';
import { inputOf, queryText } from '../http/input.js';

const inline = /^(image|audio|video)\//;

/** One "bytes=a-b", "bytes=a-" or "bytes=-n" range within size; null to send the whole file (no or several ranges). */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  const m = /^bytes=(\d*)-(\d*)$/.exec((header ?? '').trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

const uploadParams = inputOf({ year: queryText, month: queryText, name: queryText });

export function serveRoute(app: FastifyInstance, ctx: AppContext, storage: MediaStorage): void {
  app.get('/uploads/:year/:month/:name', async (request, reply) => {
    const { year, month, name } = uploadParams.parse(request.params);
    const key = `${year}/${month}/${name}`;
    const file = /^\d{4}\/\d{2}\/[a-z0-9][a-z0-9-]*\.[a-z0-9]{2,5}$/.test(key) ? await findMediaFile(ctx.db, key) : undefined;
    if (!file) return reply.callNotFound();
    // Players seek in audio and video with Range requests (RFC 9110 §14): one range is served, several are not.
    const range = parseRange(request.headers.range, file.bytes);
    if (range === 'unsatisfiable') return reply.code(416).header('content-range', `bytes */${file.bytes}`).send();
    const body = await storage.get(key, range ?? undefined);
    if (!body) return reply.callNotFound();
    if (range) reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${file.bytes}`);
    reply
      .header('content-type', file.mime)
      .header('content-length', String(range ? range.end - range.start + 1 : file.bytes))
      .header('accept-ranges', 'bytes')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=31536000, immutable');
    if (!inline.test(file.mime)) reply.header('content-disposition', `attachment; filename="${name}"`);
    if (file.mime === 'image/svg+xml') reply.header('content-security-policy', "script-src 'none'; sandbox");
    return reply.send(body);
  });
}
