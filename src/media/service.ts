// The one way media change, for the admin screens and XML-RPC alike: an upload is written to a temp file
// while it streams in (never held in memory), its type decided by its first bytes, an image re-encoded
// upright and without metadata before anything is stored under its public name, then the row and the
// sizes job written in one transaction (issue 14 points 1-3).
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppContext } from '../context.js';
import type { Media, User } from '../db/schema.js';
import { enqueue } from '../jobs/queue.js';
import { loadSettings } from '../settings/repository.js';
import { cleanOriginal } from './images.js';
import { fileNameOf, monthOf, newMediaPath, originalKey, titleFromName } from './names.js';
import { deleteMediaRows, findMedia, lockMedia, insertMedia, updateMediaText, upsertMediaFile } from './repository.js';
import { isRaster, isSvg, sniff, SNIFF_BYTES } from './sniff.js';
import type { MediaStorage } from './storage.js';
import { can } from '../users/capabilities.js';

export const SIZES_JOB = 'media.sizes';

export type UploadRefusal = { ok: false; status: 413 | 415 | 400 | 403; message: string };
export type UploadResult = { ok: true; media: Media } | UploadRefusal;

export const megabytes = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;
export const tooLarge = (limit: number): UploadRefusal => ({ ok: false, status: 413, message: `This file is larger than the upload limit of ${megabytes(limit)}. Nothing was stored.` });

export const ALLOWED_WORDS = 'JPEG, PNG, GIF, WebP or AVIF images, PDF documents, MP3 audio and MP4 video';

/** The upload cap in bytes (setting media_max_upload_mb). */
export async function uploadLimit(ctx: AppContext): Promise<number> {
  return (await loadSettings(ctx.db)).media_max_upload_mb * 1_048_576;
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export const tempDir = (ctx: AppContext) => join(ctx.config.dataDir, 'tmp');

export interface IncomingFile {
  stream: Readable;
  filename: string;
  /** True when the stream was cut at the size limit (multipart's truncated flag). */
  truncated(): boolean;
}

/**
 * Stores an upload. `file.stream` must fail or end truncated once it passes the limit (multipart's
 * limits.fileSize, the XML-RPC reader's cap): we stop reading it there.
 */
export async function receiveUpload(ctx: AppContext, storage: MediaStorage, actor: User, file: IncomingFile, limit: number, opts: { parentId?: number | null; title?: string } = {}): Promise<UploadResult> {
  await mkdir(tempDir(ctx), { recursive: true });
  const temp = join(tempDir(ctx), `upload-${randomBytes(8).toString('hex')}`);
  const clean = `${temp}-clean`;
  try {
    try {
      await pipeline(file.stream, createWriteStream(temp));
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(limit);
      throw error;
    }
    if (file.truncated()) return tooLarge(limit);
    const head = await readHead(temp);
    if (head.length === 0) return { ok: false, status: 400, message: 'The file is empty.' };
    const type = sniff(head);
    const settings = await loadSettings(ctx.db);
    if (!type) return { ok: false, status: 415, message: `This kind of file is not allowed. Upload ${ALLOWED_WORDS}. (The type is read from the file's content, not its name.)` };
    if (isSvg(type) && !settings.media_allow_svg) return { ok: false, status: 415, message: 'SVG files are not allowed: they can carry scripts. An administrator may allow them in Settings.' };

    const now = ctx.clock.now();
    const key = originalKey(newMediaPath(now, type.ext, settings.timezone));
    let width: number | null = null;
    let height: number | null = null;
    let source = temp;
    if (isRaster(type)) {
      try {
        const encoded = await cleanOriginal(temp, type.mime, type.ext, clean);
        width = encoded.width;
        height = encoded.height;
        source = clean;
      } catch (error) {
        ctx.log.info({ err: (error as Error).message }, 'media: image refused by the decoder');
        return { ok: false, status: 415, message: 'This image could not be read: it is damaged, or larger than 100 megapixels.' };
      }
    }
    // Only the clean copy ever reaches its public name: no file with GPS data is served even for a moment.
    const bytes = await storage.put(key, createReadStream(source));
    const iso = now.toISOString();
    const media = await ctx.transaction(async (trx) => {
      const row = await insertMedia(trx, {
        author_id: actor.id,
        title: opts.title ?? titleFromName(file.filename),
        alt: '',
        caption: '',
        original_name: fileNameOf(file.filename),
        parent_id: opts.parentId ?? null,
        mime: type.mime,
        kind: type.kind,
        path: key,
        month: monthOf(now, settings.timezone),
        bytes,
        width,
        height,
        state: isRaster(type) ? 'processing' : 'ready',
        created_at: iso,
        updated_at: iso,
      });
      await upsertMediaFile(trx, { path: key, media_id: row.id, variant: 'original', mime: type.mime, bytes, width, height });
      if (isRaster(type)) await enqueue(trx, ctx.clock, { type: SIZES_JOB, payload: { mediaId: row.id }, subjectKey: `media:${row.id}`, maxAttempts: 3 });
      return row;
    });
    ctx.wakeWorker();
    ctx.log.info({ mediaId: media.id, mime: type.mime, bytes }, 'media: stored');
    return { ok: true, media };
  } finally {
    await rm(temp, { force: true });
    await rm(clean, { force: true });
  }
}

/** Authors may upload; only the uploader or an admin may change or delete an item (issue 14 point 3). */
export const canManageMedia = (actor: User, media: Media) => can(actor, 'edit_media', media);

export type MediaChange = { ok: true } | { ok: false; status: 403 | 404; message: string };

export async function editMedia(ctx: AppContext, actor: User, id: number, text: { title: string; alt: string; caption: string }): Promise<MediaChange> {
  const media = await findMedia(ctx.db, id);
  if (!media) return { ok: false, status: 404, message: 'There is no such media item.' };
  if (!canManageMedia(actor, media)) return { ok: false, status: 403, message: 'You may edit only the media you uploaded.' };
  await updateMediaText(ctx.db, id, { title: text.title.trim().slice(0, 300) || media.title, alt: text.alt.trim().slice(0, 1000), caption: text.caption.trim().slice(0, 5000) }, ctx.clock.now().toISOString());
  return { ok: true };
}

export async function deleteMedia(ctx: AppContext, storage: MediaStorage, actor: User, id: number): Promise<MediaChange> {
  const media = await findMedia(ctx.db, id);
  if (!media) return { ok: false, status: 404, message: 'There is no such media item.' };
  if (!canManageMedia(actor, media)) return { ok: false, status: 403, message: 'You may delete only the media you uploaded.' };
  const paths = await ctx.transaction(async (trx) => ((await lockMedia(trx, ctx.dialect, id)) ? deleteMediaRows(trx, id) : []));
  // Rows first: once they are gone nothing serves the files, so a failed unlink leaves only unreachable bytes.
  for (const path of paths) await storage.delete(path);
  ctx.log.info({ mediaId: id, by: actor.id }, 'media: deleted');
  return { ok: true };
}
