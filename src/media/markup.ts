// The <img> an editor inserts (issue 14 point 2): the large size (or the original) as src, every
// same-shaped size in srcset (the cropped thumbnail has another aspect ratio, so WordPress leaves it out,
// and so do we), sizes, width/height from the stored pixels so the page does not jump, loading="lazy".
import type { Media } from '../db/schema.js';
import type { Settings } from '../settings/definitions.js';
import { escapeHtml } from '../content/escape.js';
import { sizedKey, splitKey } from './names.js';
import { planSizes, wholeWebpSize } from './sizes.js';

export const publicUrl = (key: string) => `/uploads/${key}`;

export interface Candidate {
  url: string;
  width: number;
  height: number;
}

export interface NamedCandidate extends Candidate {
  /** WordPress's size names; "full" is the whole picture. */
  name: 'medium' | 'large' | 'full';
}

/** The same-shaped copies of an image, smallest first, in the format the page should serve, each named. */
export function namedCandidates(media: Media, settings: Settings): NamedCandidate[] {
  if (media.width === null || media.height === null) return [];
  const path = splitKey(media.path);
  const webp = settings.media_webp && path.ext !== 'webp';
  const format = webp ? 'webp' : path.ext;
  const list: NamedCandidate[] = planSizes(media.width, media.height, settings)
    .filter((s): s is typeof s & { name: 'medium' | 'large' } => !s.crop && s.name !== 'thumbnail')
    .map((s) => ({ name: s.name, url: publicUrl(sizedKey(path, s.width, s.height, format)), width: s.width, height: s.height }));
  if (!webp) list.push({ name: 'full', url: publicUrl(media.path), width: media.width, height: media.height });
  else {
    // The whole picture in WebP is scaled to WordPress's big-image threshold (sizes.ts), unless a size already is it.
    const whole = wholeWebpSize(media.width, media.height);
    if (!list.some((c) => c.width === whole.width && c.height === whole.height)) list.push({ name: 'full', url: publicUrl(sizedKey(path, whole.width, whole.height, 'webp')), ...whole });
  }
  return list;
}

/** The same-shaped copies of an image, smallest first (srcset's candidates). */
export const candidates = (media: Media, settings: Settings): Candidate[] => namedCandidates(media, settings).map(({ url, width, height }) => ({ url, width, height }));

/** The `srcset` of an image: every same-shaped copy with its width. */
export const srcsetOf = (all: Candidate[]): string => all.map((c) => `${c.url} ${c.width}w`).join(', ');

/** The `sizes` for a copy shown at its own width: the whole column on a narrow screen, its width otherwise. */
export const sizesFor = (shown: Candidate): string => `(max-width: ${shown.width}px) 100vw, ${shown.width}px`;

export function thumbnailUrl(media: Media, settings: Settings): string {
  // Until the job has made the sizes, the (already clean) original stands in for its thumbnail.
  if (media.kind !== 'image' || media.state !== 'ready' || media.width === null || media.height === null) return publicUrl(media.path);
  const thumb = planSizes(media.width, media.height, settings).find((s) => s.crop);
  return publicUrl(thumb ? sizedKey(splitKey(media.path), thumb.width, thumb.height) : media.path);
}

export function imageTag(media: Media, settings: Settings, opts: { className?: string } = {}): string {
  const all = candidates(media, settings);
  if (all.length === 0) return `<a href="${escapeHtml(publicUrl(media.path))}">${escapeHtml(media.title)}</a>`;
  // WordPress inserts the "large" size: the biggest copy that fits the large box, else the original.
  const fits = all.filter((c) => c.width <= settings.large_size && c.height <= settings.large_size);
  const shown = fits[fits.length - 1] ?? all[all.length - 1]!;
  const srcset = srcsetOf(all);
  const cls = opts.className ? ` class="${escapeHtml(opts.className)}"` : '';
  return `<img src="${escapeHtml(shown.url)}" alt="${escapeHtml(media.alt)}" width="${shown.width}" height="${shown.height}" srcset="${escapeHtml(srcset)}" sizes="${escapeHtml(sizesFor(shown))}" loading="lazy"${cls}>`;
}

/** What an editor inserts: the image, or a link to anything else (audio and video as players). */
export function insertMarkup(media: Media, settings: Settings): string {
  const url = escapeHtml(publicUrl(media.path));
  if (media.kind === 'image' && media.mime !== 'image/svg+xml') return imageTag(media, settings);
  if (media.kind === 'image') return `<img src="${url}" alt="${escapeHtml(media.alt)}" loading="lazy">`;
  if (media.kind === 'audio') return `<audio controls preload="none" src="${url}"></audio>`;
  if (media.kind === 'video') return `<video controls preload="none" src="${url}"></video>`;
  return `<a href="${url}">${escapeHtml(media.title)}</a>`;
}
