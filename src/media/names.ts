// Stored names are generated here and only here (issue 14 point 3): a random base in the upload's
// year/month folder, WordPress's "-WxH" suffix for sizes. Nothing from the client reaches a path.
import { randomBytes } from 'node:crypto';

export interface MediaPath {
  /** "2026/11/3f9c…" without extension. */
  base: string;
  ext: string;
}

export function newMediaPath(now: Date, ext: string): MediaPath {
  const year = String(now.getUTCFullYear());
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return { base: `${year}/${month}/${randomBytes(10).toString('hex')}`, ext };
}

export const monthOf = (now: Date): string => now.toISOString().slice(0, 7);

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
