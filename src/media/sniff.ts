// The type of an upload, decided by its first bytes only (issue 14 point 3): never by the file name or the
// client's Content-Type. Only the allow-list below is recognised; anything else is refused by the caller.
// Signatures: JPEG (ISO 10918 SOI + marker), PNG (RFC 2083 §3.1), GIF87a/89a, RIFF/WEBP, ISO BMFF `ftyp`
// brands for AVIF and MP4, `%PDF-`, MP3 (ID3v2 tag or an MPEG audio frame sync), SVG (XML text with <svg).

export type MediaKind = 'image' | 'audio' | 'video' | 'document';

export interface SniffedType {
  mime: string;
  ext: string;
  kind: MediaKind;
}

/** How many leading bytes sniff() needs. */
export const SNIFF_BYTES = 4096;

const ascii = (b: Buffer, at: number, text: string) => b.length >= at + text.length && b.toString('latin1', at, at + text.length) === text;

const AVIF_BRANDS = new Set(['avif', 'avis']);
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'M4V ', 'M4A ', 'MSNV', 'f4v ']);

function isoBrand(head: Buffer): string | null {
  return ascii(head, 4, 'ftyp') ? head.toString('latin1', 8, 12) : null;
}

/** The allowed type these bytes start with, or null. SVG is reported here; whether it is allowed is a setting. */
export function sniff(head: Buffer): SniffedType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { mime: 'image/jpeg', ext: 'jpg', kind: 'image' };
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { mime: 'image/png', ext: 'png', kind: 'image' };
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return { mime: 'image/gif', ext: 'gif', kind: 'image' };
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return { mime: 'image/webp', ext: 'webp', kind: 'image' };
  const brand = isoBrand(head);
  if (brand && AVIF_BRANDS.has(brand)) return { mime: 'image/avif', ext: 'avif', kind: 'image' };
  if (brand && MP4_BRANDS.has(brand)) return brand === 'M4A ' ? { mime: 'audio/mp4', ext: 'm4a', kind: 'audio' } : { mime: 'video/mp4', ext: 'mp4', kind: 'video' };
  if (ascii(head, 0, '%PDF-')) return { mime: 'application/pdf', ext: 'pdf', kind: 'document' };
  if (ascii(head, 0, 'ID3') || (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0 && (head[1]! & 0x06) !== 0)) return { mime: 'audio/mpeg', ext: 'mp3', kind: 'audio' };
  if (looksLikeSvg(head)) return { mime: 'image/svg+xml', ext: 'svg', kind: 'image' };
  return null;
}

/** XML text (optionally a BOM, prolog, comments and doctype) whose first element is <svg. */
function looksLikeSvg(head: Buffer): boolean {
  let text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/^\s*(<\?xml[^>]*\?>\s*)?((<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*/i, '');
  return /^<svg[\s>]/i.test(text);
}

export const isSvg = (t: SniffedType) => t.mime === 'image/svg+xml';
/** Images sharp decodes and re-encodes (metadata stripped, sizes made); SVG is served as uploaded. */
export const isRaster = (t: { mime: string }) => ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif'].includes(t.mime);
