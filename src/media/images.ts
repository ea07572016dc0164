// Everything sharp does (issue 14 point 2). Every copy we store is re-encoded without withMetadata(), so
// EXIF (GPS and other location data, camera serials), XMP and IPTC are dropped from the original too;
// rotate() with no angle applies the EXIF orientation first, so the pixels stand the right way up without it.
import sharp from 'sharp';

type Sharp = ReturnType<typeof sharp>;
import type { PlannedSize } from './sizes.js';

// Bounded work per image: libvips' own cache off (we never read a file twice), a decoded size cap.
sharp.cache(false);
const MAX_PIXELS = 100_000_000;

const animatedTypes = new Set(['image/gif', 'image/webp']);

function open(file: string, mime: string) {
  return sharp(file, { animated: animatedTypes.has(mime), limitInputPixels: MAX_PIXELS, failOn: 'error' });
}

function encode(image: Sharp, format: string): Sharp {
  switch (format) {
    case 'jpg':
      return image.jpeg({ quality: 82, mozjpeg: true });
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
  const info = await encode(open(from, mime).rotate(), ext).toFile(to);
  return { width: info.width, height: info.pageHeight ?? info.height, bytes: info.size };
}

/** One size of an (already upright, clean) original, in `format`, written to `to`. */
export async function resized(from: string, mime: string, size: PlannedSize, format: string, to: string): Promise<Encoded> {
  const image = open(from, mime).resize(size.width, size.height, size.crop ? { fit: 'cover', position: 'centre' } : { fit: 'inside', withoutEnlargement: true });
  const info = await encode(image, format).toFile(to);
  return { width: info.width, height: info.pageHeight ?? info.height, bytes: info.size };
}
