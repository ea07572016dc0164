// Everything sharp does (issue 14 point 2). Every copy we store is re-encoded without withMetadata(), so
// EXIF (GPS and other location data, camera serials), XMP and IPTC are dropped from the original too;
// rotate() with no angle applies the EXIF orientation first, so the pixels stand the right way up without it.
import type SharpModule from 'sharp';
import type { OutputInfo } from 'sharp';
import { imageSlot } from './image-slot.js';

type Sharp = ReturnType<typeof SharpModule>;

/**
 * sharp (libvips, about 20 MB of RSS) is loaded by the first image, not at start: a web process that never
 * receives an upload never pays for it. Its cache is off (we never read a file twice), and libvips runs one
 * thread per pipeline: images are background work, one pipeline holds one set of buffers, and the other
 * cores stay free for requests (sharp's own default on glibc without jemalloc, made explicit so it does not
 * change with the allocator).
 */
let loaded: Promise<typeof SharpModule> | null = null;
function sharpModule(): Promise<typeof SharpModule> {
  loaded ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  });
  return loaded;
}

/** A decoded size cap: bounded work per image. */
export const MAX_PIXELS = 100_000_000;

/**
 * Huffman-table optimisation makes libjpeg keep every DCT coefficient of the image until the end (a 27-megapixel
 * photo: about 160 MB more and four times the time, bench/RESULTS.md); it saves a few per cent of bytes, so it
 * is kept for images up to this size only.
 */
const OPTIMISE_JPEG_UP_TO = 4_000_000;

const animatedTypes = new Set(['image/gif', 'image/webp']);

async function open(file: string, mime: string): Promise<Sharp> {
  const sharp = await sharpModule();
  return sharp(file, { animated: animatedTypes.has(mime), limitInputPixels: MAX_PIXELS, failOn: 'error', sequentialRead: true });
}

function encode(image: Sharp, format: string, pixels: number): Sharp {
  switch (format) {
    case 'jpg':
      return image.jpeg({ quality: 82, optimiseCoding: pixels <= OPTIMISE_JPEG_UP_TO });
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

const encoded = (info: OutputInfo): Encoded => ({ width: info.width, height: info.pageHeight ?? info.height, bytes: info.size });

/** The upright, metadata-free original, in its own format, written to `to`. Throws on a file sharp cannot read. */
export async function cleanOriginal(from: string, mime: string, ext: string, to: string): Promise<Encoded> {
  return imageSlot(async () => {
    // Turning needs the whole image in memory; an upright one (most) is re-encoded in one sequential pass.
    const { orientation, width = 0, height = 0 } = await (await open(from, mime)).metadata();
    const image = orientation && orientation > 1 ? (await open(from, mime)).rotate() : await open(from, mime);
    return encoded(await encode(image, ext, width * height).toFile(to));
  });
}

export interface SizeOutput {
  width: number;
  height: number;
  /** Cropped to fill the box (the thumbnail), else the whole picture scaled to exactly width×height. */
  crop: boolean;
  format: string;
  to: string;
}

/**
 * Every size of an (already upright, clean) original in one turn of the slot. A still image is decoded once,
 * shrunk on load to the largest size any output needs and kept as raw pixels (a few MB at most), and every
 * output is cut from those pixels: one decode of the big file instead of one per size, and no encoder ever
 * sees the full-size picture. Animated images keep their frames, so each output is made from the file.
 */
export async function makeSizes(from: string, mime: string, width: number, height: number, outputs: SizeOutput[]): Promise<Encoded[]> {
  if (outputs.length === 0) return [];
  return imageSlot(async () => {
    const made: Encoded[] = [];
    if (animatedTypes.has(mime) && ((await (await open(from, mime)).metadata()).pages ?? 1) > 1) {
      for (const out of outputs) made.push(encoded(await encode(fit(await open(from, mime), out), out.format, out.width * out.height).toFile(out.to)));
      return made;
    }
    // Enough pixels in both directions for every output (a cropped thumbnail needs its short side covered).
    const scale = Math.min(1, Math.max(...outputs.map((o) => Math.max(o.width / width, o.height / height))));
    const master = { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
    const { data, info } = await (await open(from, mime)).resize(master.width, master.height, { fit: 'fill', fastShrinkOnLoad: true }).raw().toBuffer({ resolveWithObject: true });
    const sharp = await sharpModule();
    for (const out of outputs) {
      const pixels = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
      made.push(encoded(await encode(fit(pixels, out), out.format, out.width * out.height).toFile(out.to)));
    }
    return made;
  });
}

function fit(image: Sharp, out: SizeOutput): Sharp {
  return image.resize(out.width, out.height, out.crop ? { fit: 'cover', position: 'centre' } : { fit: 'fill' });
}

/** A size cap for pictures that are only ever shown small (linkback authors' photos): 25 megapixels. */
export const AVATAR_MAX_PIXELS = 25_000_000;

/**
 * Square WebP copies of a photo fetched from another site (issue 19): the first frame only, upright, cropped to
 * the centre and re-encoded without metadata, one per size. Throws on bytes sharp cannot read or on a picture
 * over AVATAR_MAX_PIXELS. The bytes stay in memory: the fetch capped them at a few hundred KB.
 */
export async function squareWebps(input: Buffer, sizes: number[]): Promise<Buffer[]> {
  return imageSlot(async () => {
    const sharp = await sharpModule();
    const upright = await sharp(input, { animated: false, limitInputPixels: AVATAR_MAX_PIXELS, failOn: 'error' })
      .rotate()
      .resize(Math.max(...sizes), Math.max(...sizes), { fit: 'cover', position: 'centre' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const out: Buffer[] = [];
    for (const size of sizes) {
      const { data, info } = upright;
      out.push(await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).resize(size, size, { fit: 'cover' }).webp({ quality: 80 }).toBuffer());
    }
    return out;
  });
}
