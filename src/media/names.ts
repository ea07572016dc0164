// Stored names are generated here and only here (issue 14 point 3): a random base in the upload's
// year/month folder, WordPress's "-WxH" suffix for sizes. Nothing from the client reaches a path.
import { randomBytes } from 'node:crypto';
import { zonedParts } from '../posts/date-format.js';

export interface MediaPath {
  /** "2026/11/3f9c…" without extension. */
  base: string;
  ext: string;
}

/** The upload's year/month folder in the site's timezone, as WordPress's wp_upload_dir (current_time). */
export function newMediaPath(now: Date, ext: string, timeZone: string): MediaPath {
  return { base: `${monthOf(now, timeZone).replace('-', '/')}/${randomBytes(10).toString('hex')}`, ext };
}

/** "2026-11": the month the Media screen files an upload under, the site's month (not UTC's). */
export function monthOf(now: Date, timeZone: string): string {
  const { year, month } = zonedParts(now, timeZone);
  return `${year}-${String(month).padStart(2, '0')}`;
}

export const originalKey = (p: MediaPath): string => `${p.base}.${p.ext}`;

/** "2026/11/abc.jpg" → { base: "2026/11/abc", ext: "jpg" }. */
export function splitKey(key: string): MediaPath {
  const dot = key.lastIndexOf('.');
  return { base: key.slice(0, dot), ext: key.slice(dot + 1) };
}

export const sizedKey = (p: MediaPath, width: number, height: number, ext = p.ext): string => `${p.base}-${width}x${height}.${ext}`;

/** The client's file name without any folders or control characters, kept for display and overwrite lookups. */
export function fileNameOf(filename: string): string {
  return ((filename.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'file').slice(0, 300);
}

/** A title from the client's file name: the name without its extension, as WordPress does; never a path. */
export function titleFromName(filename: string): string {
  const last = filename.split(/[\\/]/).pop() ?? '';
  const bare = last.replace(/\.[^.]{1,8}$/, '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (bare || 'Untitled').slice(0, 300);
}
