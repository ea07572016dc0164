// The sizes job (issue 14 point 2): makes thumbnail/medium/large (and WebP copies when the setting is on)
// from the clean original, off the request path. Idempotent: a re-run writes the same names again. The files
// are stored first and their rows written after, under the media row's lock: an item deleted while the job
// ran gets no rows, and the job removes the files it stored for it.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { AppContext } from '../context.js';
import type { Media, MediaFile } from '../db/schema.js';
import { loadSettings } from '../settings/repository.js';
import { makeSizes, type SizeOutput } from './images.js';
import { sizedKey, splitKey } from './names.js';
import { findMedia, lockMedia, markMediaReady, upsertMediaFile } from './repository.js';
import { SIZES_JOB, tempDir } from './service.js';
import { planSizes, wholeWebpSize } from './sizes.js';
import type { MediaStorage } from './storage.js';

interface Planned extends SizeOutput {
  key: string;
  variant: string;
}

/** Every file the job makes for an image, under the names markup.ts links to. */
export function plannedFiles(media: Media & { width: number; height: number }, settings: Awaited<ReturnType<typeof loadSettings>>, work: string): Planned[] {
  const path = splitKey(media.path);
  const formats = settings.media_webp && path.ext !== 'webp' ? [path.ext, 'webp'] : [path.ext];
  const out: Array<Omit<Planned, 'to'>> = [];
  for (const format of formats) {
    const suffix = format === path.ext ? '' : '-webp';
    for (const size of planSizes(media.width, media.height, settings)) out.push({ ...size, format, key: sizedKey(path, size.width, size.height, format), variant: size.name + suffix });
    if (!suffix) continue;
    const whole = wholeWebpSize(media.width, media.height);
    const key = sizedKey(path, whole.width, whole.height, format);
    if (out.some((o) => o.key === key)) continue;
    const variant = whole.width === media.width && whole.height === media.height ? 'original-webp' : 'scaled-webp';
    out.push({ ...whole, crop: false, format, key, variant });
  }
  return out.map((o) => ({ ...o, to: `${work}-${o.variant}` }));
}

export function registerMediaJobs(ctx: AppContext, storage: MediaStorage): void {
  ctx.handlers.set(SIZES_JOB, async (payload: { mediaId: number }) => {
    const media = await findMedia(ctx.db, payload.mediaId);
    if (!media || media.width === null || media.height === null) return;
    const settings = await loadSettings(ctx.db);
    await mkdir(tempDir(ctx), { recursive: true });
    const work = join(tempDir(ctx), `sizes-${randomBytes(8).toString('hex')}`);
    const outputs = plannedFiles({ ...media, width: media.width, height: media.height }, settings, work);
    const stored: string[] = [];
    try {
      const original = await storage.get(media.path);
      if (!original) throw new Error(`media ${media.id}: original ${media.path} is missing from storage`);
      await pipeline(original, createWriteStream(work));
      const made = await makeSizes(work, media.mime, media.width, media.height, outputs);
      const rows: MediaFile[] = [];
      for (const [i, out] of outputs.entries()) {
        stored.push(out.key);
        const bytes = await storage.put(out.key, createReadStream(out.to));
        rows.push({ path: out.key, media_id: media.id, variant: out.variant, mime: `image/${out.format === 'jpg' ? 'jpeg' : out.format}`, bytes, width: made[i]!.width, height: made[i]!.height });
      }
      const kept = await ctx.transaction(async (trx) => {
        if (!(await lockMedia(trx, ctx.dialect, media.id))) return false;
        for (const row of rows) await upsertMediaFile(trx, row);
        await markMediaReady(trx, media.id, ctx.clock.now().toISOString());
        return true;
      });
      if (!kept) {
        for (const key of stored) await storage.delete(key);
        ctx.log.info({ mediaId: media.id, files: stored.length }, 'media: deleted while its sizes were made; its new files removed');
        return;
      }
      ctx.log.info({ mediaId: media.id, files: outputs.length }, 'media: sizes made');
    } finally {
      await rm(work, { force: true });
      for (const out of outputs) await rm(out.to, { force: true });
    }
  });
}
