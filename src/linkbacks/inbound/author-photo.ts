// Issue 19: a linkback author's photo, fetched once per URL through the guarded client (the SSRF guard and
// outbound policy every fetch of ours goes through), checked (an image type declared and sniffed, a byte cap,
// the source's timeouts), cut to 64 and 128 px WebP squares by the media pipeline and put in the media
// storage. Pages then point at /avatars/… on our own origin; until then, or when this fails, they keep the
// face drawn locally. Every failure is recorded and logged, never thrown: a photo is worth one try.
import { Readable } from 'node:stream';
import type { AppContext } from '../../context.js';
import { AUTHOR_PHOTO_SIZES, findAuthorPhoto, photoHash, recordAuthorPhoto, type AuthorPhotoSize } from '../../comments/author-photo-repository.js';
import { squareWebps } from '../../media/images.js';
import { isRaster, sniff } from '../../media/sniff.js';
import type { MediaStorage } from '../../media/storage.js';
import { HttpError } from '../../net/types.js';
import { SOURCE_TIMEOUT_MS } from './fetch-source.js';

/** Avatars are small: Mastodon's are at most 2 MB, most under 200 KB. Over this the photo is refused, not cut. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
const PHOTO_MAX_REDIRECTS = 3;

export type PhotoOutcome = 'fetched' | 'already' | 'failed';

export async function fetchAuthorPhoto(ctx: AppContext, storage: MediaStorage, url: string): Promise<PhotoOutcome> {
  const hash = photoHash(url);
  if ((await findAuthorPhoto(ctx.db, hash))?.state === 'fetched') return 'already';
  const fail = async (reason: string): Promise<PhotoOutcome> => {
    ctx.log.warn({ photo: url, reason }, 'author photo not fetched; the drawn face stays');
    await recordAuthorPhoto(ctx.db, url, ctx.clock.now().toISOString(), { failed: reason });
    return 'failed';
  };
  let res;
  try {
    res = await ctx.http.request(url, {
      headers: { accept: 'image/webp, image/png, image/jpeg, image/gif;q=0.9, image/avif;q=0.8' },
      maxBytes: PHOTO_MAX_BYTES,
      failIfTooLarge: true,
      timeoutMs: SOURCE_TIMEOUT_MS,
      maxRedirects: PHOTO_MAX_REDIRECTS,
    });
  } catch (err) {
    return fail(err instanceof HttpError ? `${err.kind}: ${err.message}` : String(err));
  }
  if (res.status < 200 || res.status >= 300) return fail(`HTTP ${res.status}`);
  const declared = String([res.headers['content-type']].flat()[0] ?? '').toLowerCase();
  const sniffed = sniff(res.bytes);
  // Both must agree it is a picture sharp re-encodes: an HTML error page or an SVG (script) is refused.
  if (!declared.startsWith('image/') || !sniffed || !isRaster(sniffed)) return fail(`not a raster image (${declared || 'no type'})`);
  let squares: Buffer[];
  try {
    squares = await squareWebps(res.bytes, [...AUTHOR_PHOTO_SIZES]);
  } catch (err) {
    return fail(`unreadable image: ${err instanceof Error ? err.message : String(err)}`);
  }
  const now = ctx.clock.now();
  const folder = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const keys = {} as Record<AuthorPhotoSize, string>;
  for (const [i, size] of AUTHOR_PHOTO_SIZES.entries()) {
    keys[size] = `${folder}/avatar-${hash.slice(0, 40)}-${size}.webp`;
    await storage.put(keys[size], Readable.from([squares[i]]));
  }
  await recordAuthorPhoto(ctx.db, url, now.toISOString(), { keys });
  ctx.log.info({ photo: url }, 'author photo fetched');
  return 'fetched';
}
