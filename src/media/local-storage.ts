// Media in the local folder DATA_DIR/uploads/<year>/<month>/<name>, WordPress's layout. A file is written
// under a temporary name and renamed, so a reader never sees half of one.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertKey, type MediaStorage } from './storage.js';

export function localStorage(root: string): MediaStorage {
  const fileOf = (key: string) => (assertKey(key), join(root, key));
  return {
    name: 'local',
    async put(key, source) {
      const file = fileOf(key);
      await mkdir(dirname(file), { recursive: true });
      const partial = `${file}.${randomBytes(6).toString('hex')}.part`;
      try {
        await pipeline(source, createWriteStream(partial, { mode: 0o644 }));
        await rename(partial, file);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      return (await stat(file)).size;
    },
    async get(key, range) {
      const file = fileOf(key);
      try {
        await stat(file);
      } catch {
        return null;
      }
      return createReadStream(file, range);
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
