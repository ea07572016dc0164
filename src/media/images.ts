// Everything sharp does (issue 14 point 2). Every copy we store is re-encoded without withMetadata(), so
// EXIF (GPS and other location data, camera serials), XMP and IPTC are dropped from the original too;
// rotate() with no angle applies the EXIF orientation first, so the pixels stand the right way up without it.
import type SharpModule from 'sharp';
import type { PlannedSize } from './sizes.js';

type Sharp = ReturnType<typeof SharpModule>;

/**
 * sharp (libvips, about 20 MB of RSS) is loaded by the first image, not at start: a web process that never
 * receives an upload never pays for it. Its own cache is off (we never read a file twice).
 */
let loaded: Promise<typeof SharpModule> | null = null;
function sharpModule(): Promise<typeof SharpModule> {
  loaded ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    return sharp;
  });
  return loaded;
}

/** A decoded size cap: bounded work per image. */
const MAX_PIXELS = 100_000_000;

/**
 * One image is decoded at a time in this process: uploads still stream to disk meanwhile, only their
 * re-encoding waits its turn. With ten 27-megapixel JPEGs at once the server peaked at 1.2 GB with mozjpeg and
 * no bound, 726 MB with two at a time, 660 MB with one, in the same wall time on two cores (bench/RESULTS.md).
 */
const IMAGE_SLOTS = 1;
let busy = 0;
const waiting: Array<() => void> = [];
async function inSlot<T>(work: () => Promise<T>): Promise<T> {
  if (busy >= IMAGE_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else busy++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else busy--;
  }
}

const animatedTypes = new Set(['image/gif', 'image/webp']);

async function open(file: string, mime: string): Promise<Sharp> {
  const sharp = await sharpModule();
  return sharp(file, { animated: animatedTypes.has(mime), limitInputPixels: MAX_PIXELS, failOn: 'error', sequentialRead: true });
}

function encode(image: Sharp, format: string): Sharp {
  switch (format) {
    case 'jpg':
      return image.jpeg({ quality: 82 });
    case 'png':
      return image.png();
    case 'gif':
      return image.gif();
    case 'webp':
      return image.webp({ quality: 80 });
    case 'avif':
      return image.avif({ quality: 55 });
    default:
      throw new Error(`no encoder for ${format}`);
  }
}

export interface Encoded {
  width: number;
  height: number;
  bytes: number;
}

/** The upright, metadata-free original, in its own format, written to `to`. Throws on a file sharp cannot read. */
export async function cleanOriginal(from: string, mime: string, ext: string, to: string): Promise<Encoded> {
  return inSlot(async () => {
    // Turning needs the whole image in memory; an upright one (most) is re-encoded in one sequential pass.
    const { orientation } = await (await open(from, mime)).metadata();
    const image = orientation && orientation > 1 ? (await open(from, mime)).rotate() : await open(from, mime);
    const info = await encode(image, ext).toFile(to);
    return { width: info.width, height: info.pageHeight ?? info.height, bytes: info.size };
  });
}

/** One size of an (already upright, clean) original, in `format`, written to `to`. */
export async function resized(from: string, mime: string, size: PlannedSize, format: string, to: string): Promise<Encoded> {
  const image = (await open(from, mime)).resize(size.width, size.height, size.crop ? { fit: 'cover', position: 'centre' } : { fit: 'inside', withoutEnlargement: true });
  const info = await inSlot(() => encode(image, format).toFile(to));
  return { width: info.width, height: info.pageHeight ?? info.height, bytes: info.size };
}
