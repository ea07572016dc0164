// HTTP validators for anonymous pages and feeds (RFC 9110 §8.8, §13.1): a strong ETag of the bytes, a
// Last-Modified from the site generation, and the 304 decision for a conditional GET.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export function entityTag(body: Buffer | string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** An HTTP-date, truncated to the second as the format requires. */
export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}

/**
 * Not modified? If-None-Match wins when present (§13.1.2: If-Modified-Since is then ignored); weak
 * comparison, as GET allows. Otherwise If-Modified-Since against Last-Modified at one-second precision.
 */
export function notModified(headers: IncomingHttpHeaders, etag: string, lastModifiedIso: string): boolean {
  const inm = headers['if-none-match'];
  if (typeof inm === 'string' && inm !== '') {
    const tags = inm.split(',').map((v) => v.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(etag);
  }
  const ims = headers['if-modified-since'];
  if (typeof ims !== 'string' || ims === '') return false;
  const since = Date.parse(ims);
  if (Number.isNaN(since)) return false;
  const modified = Math.floor(Date.parse(lastModifiedIso) / 1000) * 1000;
  return modified <= since;
}
