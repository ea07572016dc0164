// The Media screen and the upload endpoint (issue 14 point 1). Uploads are multipart, one file per request
// (the page's script sends each file on its own so each gets its own progress bar), streamed to a temp
// file with multipart's limits.fileSize as the cap; a declared Content-Length over the cap is refused
// before a byte of the body is read.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { Media, User } from '../db/schema.js';
import { loadSessionUser, requireCapability, requireUser } from '../http/auth.js';
import { formText, idParam, inputOf } from '../http/input.js';
import { loadSettings } from '../settings/repository.js';
import { formatZoned } from '../content/zoned-time.js';
import type { Settings } from '../settings/definitions.js';
import { mediaListUrl, MEDIA_PER_PAGE, monthsSince, readMediaQuery } from './list-query.js';
import { insertMarkup, publicUrl, thumbnailUrl } from './markup.js';
import { filesOf, findMedia, firstMonth, listMedia } from './repository.js';
import { canManageMedia, deleteMedia, editMedia, receiveUpload, tooLarge, uploadLimit, type UploadResult } from './service.js';
import type { MediaStorage } from './storage.js';
import { can } from '../users/capabilities.js';


/** The media library is for roles that upload (WordPress's upload_files: not contributors). */
const uploadFiles = requireCapability('upload_files');

/** The item form's fields as the route reads them (http/input.ts: never throws). */
const mediaFieldsSchema = inputOf({ title: formText, alt: formText, caption: formText });

/** Room for the multipart boundaries and part headers around the one file. */
const ENVELOPE_BYTES = 64 * 1024;

const mediaParams = inputOf({ id: idParam });
const mediaId = (params: unknown): number | null => mediaParams.parse(params).id;

/** The JSON the editor and the Media screen's script get for one item. */
export function mediaJson(media: Media, settings: Settings) {
  return {
    id: media.id,
    title: media.title,
    alt: media.alt,
    kind: media.kind,
    mime: media.mime,
    url: publicUrl(media.path),
    thumbnail: thumbnailUrl(media, settings),
    width: media.width,
    height: media.height,
    edit: `/admin/media/${media.id}`,
    html: insertMarkup(media, settings),
  };
}

const wantsJson = (request: FastifyRequest) => String(request.headers.accept ?? '').includes('application/json');

export async function mediaAdminRoutes(app: FastifyInstance, ctx: AppContext, storage: MediaStorage): Promise<void> {
  const refuse = (reply: FastifyReply, status: number, message: string) =>
    reply.page('admin/media-refused', { status, title: status === 403 ? 'Not allowed' : status === 413 ? 'Too large' : status === 404 ? 'Not found' : 'Not accepted', message }, status);

  app.get('/admin/media', { preHandler: uploadFiles }, async (request, reply) => {
    const q = readMediaQuery(request.query);
    const [page, settings, first] = await Promise.all([
      listMedia(ctx.db, { kind: q.type, month: q.month, search: q.s || undefined, before: q.before, after: q.after, limit: MEDIA_PER_PAGE }),
      loadSettings(ctx.db),
      firstMonth(ctx.db),
    ]);
    const user = request.user as User;
    const items = page.items.map((m) => ({ ...mediaJson(m, settings), month: m.month, bytes: m.bytes, state: m.state, canDelete: canManageMedia(user, m), created: formatZoned(m.created_at, settings.timezone, 'date') }));
    const filters = { s: q.s, type: q.type, month: q.month, mode: q.mode };
    const older = page.older && page.items.length ? mediaListUrl({ ...filters, before: page.items[page.items.length - 1]!.id }) : null;
    const newer = page.newer && page.items.length ? mediaListUrl({ ...filters, after: page.items[0]!.id }) : null;
    return reply.page('admin/media', {
      title: 'Media',
      q,
      items,
      older,
      newer,
      months: monthsSince(first, ctx.clock.now(), settings.timezone),
      gridUrl: mediaListUrl({ ...filters, mode: 'grid', before: q.before, after: q.after }),
      listUrl: mediaListUrl({ ...filters, mode: 'list', before: q.before, after: q.after }),
      maxMb: settings.media_max_upload_mb,
      allowSvg: settings.media_allow_svg,
    });
  });

  // Multipart only inside this scope: every other route keeps its own body rules.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { files: 1, fields: 4, fieldSize: 1024, parts: 6, headerPairs: 50 } });
    const signedInBeforeBody = async (request: FastifyRequest, reply: FastifyReply) => {
      request.user = await loadSessionUser(ctx.db, request);
      if (!request.user) {
        if (wantsJson(request)) return reply.code(401).send({ error: 'Not signed in', message: 'Your session has ended. Sign in again, then upload.' });
        return requireUser(request, reply);
      }
      if (!can(request.user, 'upload_files')) return answer(request, reply, { ok: false, status: 403, message: 'Your role may not upload files. Ask an editor to add the file for you.' }, true);
      // The declared size is known before the body: a file over the cap is refused without reading it.
      const limit = await uploadLimit(ctx);
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > limit + ENVELOPE_BYTES) return answer(request, reply, tooLarge(limit), true);
    };
    scope.post('/admin/media', { onRequest: signedInBeforeBody, preHandler: scope.csrfProtection }, async (request, reply) => {
      const limit = await uploadLimit(ctx);
      let result: UploadResult = { ok: false, status: 400, message: 'Choose a file to upload.' };
      let part;
      try {
        part = await request.file({ limits: { fileSize: limit } });
      } catch (error) {
        ctx.log.info({ err: (error as Error).message }, 'media: unreadable upload');
        return answer(request, reply, { ok: false, status: 400, message: 'The upload could not be read. Try again.' }, false);
      }
      if (part) {
        const file = part.file;
        result = await receiveUpload(ctx, storage, request.user as User, { stream: file, filename: part.filename, truncated: () => file.truncated }, limit);
      }
      return answer(request, reply, result, result.ok ? false : result.status === 413);
    });
  });

  /** JSON for the page's script, a page in the admin layout (or back to the library) for a plain form. */
  async function answer(request: FastifyRequest, reply: FastifyReply, result: UploadResult, closeAfter: boolean) {
    // After a refusal mid-body the rest of the upload is not worth reading: close the connection once answered.
    if (closeAfter) reply.header('connection', 'close');
    if (!result.ok) {
      if (wantsJson(request)) return reply.code(result.status).send({ error: result.status === 413 ? 'Too large' : 'Not accepted', message: result.message });
      return refuse(reply, result.status, result.message);
    }
    if (wantsJson(request)) return reply.code(201).send(mediaJson(result.media, await loadSettings(ctx.db)));
    request.session.set('flash', `Uploaded “${result.media.title}”.`);
    return reply.redirect('/admin/media', 303);
  }

  app.get('/admin/media/:id', { preHandler: uploadFiles }, async (request, reply) => {
    const id = mediaId(request.params);
    const media = id === null ? undefined : await findMedia(ctx.db, id);
    if (!media) return refuse(reply, 404, 'There is no such media item.');
    const settings = await loadSettings(ctx.db);
    if (wantsJson(request)) return reply.send(mediaJson(media, settings));
    const files = ((await filesOf(ctx.db, [media.id])).get(media.id) ?? []).sort((a, b) => (a.width ?? 0) - (b.width ?? 0));
    return reply.page('admin/media-edit', { title: 'Edit media', activeMenu: '/admin/media', media, item: mediaJson(media, settings), files: files.map((f) => ({ ...f, url: publicUrl(f.path) })), canManage: canManageMedia(request.user as User, media) });
  });

  app.post('/admin/media/:id', { preHandler: [uploadFiles, app.csrfProtection] }, async (request, reply) => {
    const id = mediaId(request.params);
    const fields = mediaFieldsSchema.parse(request.body);
    const result = id === null ? { ok: false as const, status: 404 as const, message: 'There is no such media item.' } : await editMedia(ctx, request.user as User, id, fields);
    if (!result.ok) return refuse(reply, result.status, result.message);
    request.session.set('flash', 'Media item updated.');
    return reply.redirect(`/admin/media/${id}`, 303);
  });

  app.post('/admin/media/:id/delete', { preHandler: [uploadFiles, app.csrfProtection] }, async (request, reply) => {
    const id = mediaId(request.params);
    const result = id === null ? { ok: false as const, status: 404 as const, message: 'There is no such media item.' } : await deleteMedia(ctx, storage, request.user as User, id);
    if (!result.ok) return refuse(reply, result.status, result.message);
    request.session.set('flash', 'Media item deleted permanently.');
    return reply.redirect('/admin/media', 303);
  });
}
