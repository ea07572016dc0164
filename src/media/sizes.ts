// Which sizes an image gets (issue 14 point 2), WordPress's rules: thumbnail is cropped to a square, medium
// and large fit inside a square box keeping the aspect ratio; a size is made only when the original is
// larger than it. The same plan names the files the job writes and the srcset the editor inserts.
import type { Settings } from '../settings/definitions.js';

export interface PlannedSize {
  name: 'thumbnail' | 'medium' | 'large';
  width: number;
  height: number;
  crop: boolean;
}

export function planSizes(width: number, height: number, settings: Pick<Settings, 'thumbnail_size' | 'medium_size' | 'large_size'>): PlannedSize[] {
  const planned: PlannedSize[] = [];
  const t = settings.thumbnail_size;
  if (width > t || height > t) planned.push({ name: 'thumbnail', width: Math.min(t, width), height: Math.min(t, height), crop: true });
  for (const [name, box] of [['medium', settings.medium_size], ['large', settings.large_size]] as const) {
    if (width <= box && height <= box) continue;
    const scale = Math.min(box / width, box / height);
    planned.push({ name, width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)), crop: false });
  }
  return planned;
}

/**
 * WordPress's big_image_size_threshold (5.3+): a photo larger than this is served scaled down to it. We keep
 * the clean original at full size for its own URL, but the WebP copy of the whole picture is made at most this
 * big: a full-size WebP of a 27-megapixel photo needs the encoder to hold the whole picture (over 400 MB,
 * bench/RESULTS.md) and no page shows it.
 */
export const BIG_IMAGE_THRESHOLD = 2560;

/** The size of the WebP copy of the whole picture: the original's, or scaled to fit the threshold. */
export function wholeWebpSize(width: number, height: number): { width: number; height: number } {
  if (width <= BIG_IMAGE_THRESHOLD && height <= BIG_IMAGE_THRESHOLD) return { width, height };
  const scale = Math.min(BIG_IMAGE_THRESHOLD / width, BIG_IMAGE_THRESHOLD / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
