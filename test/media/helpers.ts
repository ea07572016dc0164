// Building uploads for the media tests: images made with sharp (with GPS EXIF, rotated), a multipart body.
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { SignedIn } from '../support/session.js';
import type { TestApp } from '../support/app.js';

/** A JPEG width×height carrying GPS EXIF and an orientation tag (6 = shown rotated 90° clockwise). */
export async function jpegWithGps(width: number, height: number, orientation = 1): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg()
    .withMetadata({ orientation })
    .withExifMerge({
      IFD0: { Make: 'TestCam' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 7/1' },
    })
    .toBuffer();
}

/** Whether EXIF holds a GPS IFD pointer (tag 0x8825, either byte order). */
export const hasGpsTag = (exif: Buffer | undefined) => !!exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])));

export const png = (width: number, height: number) => sharp({ create: { width, height, channels: 4, background: '#3366cc' } }).png().toBuffer();

export function multipart(filename: string, content: Buffer, type = 'application/octet-stream'): { body: Buffer; contentType: string } {
  const boundary = `----backtalk${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function upload(t: TestApp, who: SignedIn, filename: string, content: Buffer, type?: string) {
  const { body, contentType } = multipart(filename, content, type);
  return t.app.inject({ method: 'POST', url: '/admin/media', headers: { ...who.headers, 'content-type': contentType, accept: 'application/json', 'x-csrf-token': who.csrf }, payload: body });
}
