// The admin's optional zip of wp-content/uploads, unpacked into a folder the importer reads like --uploads.
// Entries are streamed one at a time (yauzl, lazily, validating each name: no "..", no absolute paths), with
// caps on the number of entries and the unpacked bytes, so neither a zip bomb nor a "zip slip" gets through.
// A leading "wp-content/uploads/" or "uploads/" in the names is dropped, so either way of zipping works.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { fileInside } from './import-media.js';

export const MAX_ZIP_ENTRIES = 100_000;

export class ZipRefused extends Error {}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => yauzl.open(path, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (err, zip) => (err ? reject(err) : resolve(zip))));
}

export function uploadsRelative(name: string): string {
  return name.replace(/^(?:.*?\/)?wp-content\/uploads\//, '').replace(/^uploads\//, '');
}

/** Unpacks `zipPath` into `dir`; returns how many files. Throws ZipRefused with a reason a person can act on. */
export async function unzipUploads(zipPath: string, dir: string, maxBytes: number): Promise<number> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(zipPath);
  } catch (error) {
    throw new ZipRefused(`The uploads file is not a zip archive that can be read (${(error as Error).message}).`);
  }
  let files = 0;
  let bytes = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        void (async () => {
          if (++files > MAX_ZIP_ENTRIES) throw new ZipRefused(`The uploads zip has more than ${MAX_ZIP_ENTRIES} entries.`);
          if (entry.fileName.endsWith('/')) return;
          const target = fileInside(dir, uploadsRelative(entry.fileName));
          if (!target) throw new ZipRefused(`The uploads zip holds a path outside its folder ("${entry.fileName.slice(0, 100)}"); it was refused.`);
          await mkdir(dirname(target), { recursive: true });
          const counter = new Transform({
            transform(chunk: Buffer, _enc, done) {
              bytes += chunk.length;
              done(bytes > maxBytes ? new ZipRefused(`The uploads zip unpacks to more than ${Math.round(maxBytes / 1_048_576)} MB; it was refused.`) : null, chunk);
            },
          });
          await pipeline(await zip.openReadStreamPromise(entry), counter, createWriteStream(target));
        })().then(() => zip.readEntry(), reject);
      });
      zip.readEntry();
    });
  } catch (error) {
    if (error instanceof ZipRefused) throw error;
    throw new ZipRefused(`The uploads zip could not be unpacked: ${(error as Error).message}`);
  } finally {
    zip.close();
  }
  return files;
}
