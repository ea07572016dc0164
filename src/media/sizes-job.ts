// The sizes job (issue 14 point 2): makes thumbnail/medium/large (and WebP copies when the setting is on)
// from the clean original, off the request path. Idempotent: a re-run writes the same names again.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { AppContext } from '../context.js';
import { loadSettings } from '../settings/repository.js';
import { resized, type Encoded } from './images.js';
import { sizedKey, splitKey } from './names.js';
import { findMedia, markMediaReady, upsertMediaFile } from './repository.js';
import { SIZES_JOB, tempDir } from './service.js';
import { planSizes } from './sizes.js';
import type { MediaStorage } from './storage.js';

export function registerMediaJobs(ctx: AppContext, storage: MediaStorage): void {
  ctx.handlers.set(SIZES_JOB, async (payload: { mediaId: number }) => {
    const media = await findMedia(ctx.db, payload.mediaId);
    if (!media || media.width === null || media.height === null) return;
    const settings = await loadSettings(ctx.db);
    const plan = planSizes(media.width, media.height, settings);
    const path = splitKey(media.path);
    const formats = settings.media_webp && path.ext !== 'webp' ? [path.ext, 'webp'] : [path.ext];
    await mkdir(tempDir(ctx), { recursive: true });
    const work = join(tempDir(ctx), `sizes-${randomBytes(8).toString('hex')}`);
    try {
      const original = await storage.get(media.path);
      if (!original) throw new Error(`media ${media.id}: original ${media.path} is missing from storage`);
      await pipeline(original, createWriteStream(work));
      const outputs: Array<{ key: string; variant: string; format: string; make: (to: string) => Promise<Encoded> }> = [];
      for (const format of formats) {
        const suffix = format === path.ext ? '' : '-webp';
        for (const size of plan) outputs.push({ key: sizedKey(path, size.width, size.height, format), variant: size.name + suffix, format, make: (to) => resized(work, media.mime, size, format, to) });
        if (suffix) outputs.push({ key: sizedKey(path, media.width, media.height, format), variant: 'original' + suffix, format, make: (to) => resized(work, media.mime, { name: 'large', width: media.width!, height: media.height!, crop: false }, format, to) });
      }
      for (const out of outputs) {
        const file = `${work}-${out.variant}`;
        try {
          const encoded = await out.make(file);
          const bytes = await storage.put(out.key, createReadStream(file));
          await upsertMediaFile(ctx.db, { path: out.key, media_id: media.id, variant: out.variant, mime: `image/${out.format === 'jpg' ? 'jpeg' : out.format}`, bytes, width: encoded.width, height: encoded.height });
        } finally {
          await rm(file, { force: true });
        }
      }
      await markMediaReady(ctx.db, media.id, ctx.clock.now().toISOString());
      ctx.log.info({ mediaId: media.id, files: outputs.length }, 'media: sizes made');
    } finally {
      await rm(work, { force: true });
    }
  });
}
