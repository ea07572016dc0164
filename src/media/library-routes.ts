// The editor's media library dialog (issue 15 point 1, "image from the media library"): GET
// /admin/media/library answers one page of images as JSON, newest first, with a title search and keyset
// cursors, so the dialog lists the library without loading it whole. Every signed-in user sees the whole
// library, as on the Media screen (and in WordPress, where authors may insert anyone's upload); `mine=1`
// narrows it to one's own uploads (media_author_id), and `canEdit` says which items the user may edit.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { Media, User } from '../db/schema.js';
import { MAX_ROW_ID } from '../db/row-id.js';
import { loadSettings } from '../settings/repository.js';
import type { Settings } from '../settings/definitions.js';
import { formatZoned } from '../content/zoned-time.js';
import { namedCandidates, publicUrl, sizesFor, srcsetOf, thumbnailUrl } from './markup.js';
import { listMedia } from './repository.js';
import { canManageMedia } from './service.js';

/** Enough for a few rows of thumbnails on a wide screen; one query of LIMIT + 1 rows. */
export const LIBRARY_PER_PAGE = 24;

const cursor = z.coerce.number().int().positive().max(MAX_ROW_ID).optional().catch(undefined);
const librarySchema = z.object({
  s: z.string().trim().max(200).catch('').default(''),
  mine: z.enum(['1']).optional().catch(undefined),
  before: cursor,
  after: cursor,
});

const sizeLabel = { medium: 'Medium', large: 'Large', full: 'Full size' } as const;

/** One image as the dialog shows and inserts it: each size with its own `sizes`, one srcset for all. */
export function libraryItem(media: Media, settings: Settings, user: User) {
  const all = namedCandidates(media, settings);
  return {
    id: media.id,
    title: media.title,
    alt: media.alt,
    url: publicUrl(media.path),
    thumbnail: thumbnailUrl(media, settings),
    width: media.width,
    height: media.height,
    created: formatZoned(media.created_at, settings.timezone, 'date'),
    canEdit: canManageMedia(user, media),
    edit: `/admin/media/${media.id}`,
    srcset: all.length > 1 ? srcsetOf(all) : '',
    sizes: all.map((c) => ({ name: c.name, label: `${sizeLabel[c.name]} (${c.width} × ${c.height})`, url: c.url, width: c.width, height: c.height, sizes: sizesFor(c) })),
  };
}

export function mediaLibraryRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/admin/media/library', async (request, reply) => {
    const user = request.user;
    if (!user) return reply.code(401).send({ error: 'Not signed in', message: 'Your session has ended. Sign in again in another tab, then try again.' });
    const q = librarySchema.parse(request.query ?? {});
    const [page, settings] = await Promise.all([
      listMedia(ctx.db, { kind: 'image', authorId: q.mine ? user.id : undefined, search: q.s || undefined, before: q.before, after: q.after, limit: LIBRARY_PER_PAGE }),
      loadSettings(ctx.db),
    ]);
    const items = page.items.map((m) => libraryItem(m, settings, user));
    return reply.header('cache-control', 'private, no-store').send({
      items,
      older: page.older && items.length ? items[items.length - 1]!.id : null,
      newer: page.newer && items.length ? items[0]!.id : null,
    });
  });
}
