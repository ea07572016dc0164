// Media in the database, for several instances on one PostgreSQL (issue 14 point 4): a file is a run of
// 256 KB rows in media_chunks, written as the upload streams in and read back one row at a time, so no
// single value (and no buffer of ours) ever holds a whole file. A re-upload replaces its rows in one transaction.
import { Readable } from 'node:stream';
import type { Db, Dialect } from '../db/database.js';
import { writeTransaction } from '../db/write-transaction.js';
import { assertKey, type MediaStorage } from './storage.js';

export const CHUNK_BYTES = 256 * 1024;

/** Regroups a stream's pieces into CHUNK_BYTES blocks (the last one shorter). */
async function* chunked(source: Readable): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let held = 0;
  for await (const piece of source) {
    let buf = Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
    while (held + buf.length >= CHUNK_BYTES) {
      const take = CHUNK_BYTES - held;
      parts.push(buf.subarray(0, take));
      yield Buffer.concat(parts, CHUNK_BYTES);
      parts = [];
      held = 0;
      buf = buf.subarray(take);
    }
    if (buf.length) {
      parts.push(buf);
      held += buf.length;
    }
  }
  if (held) yield Buffer.concat(parts, held);
}

export function databaseStorage(db: Db, dialect: Dialect): MediaStorage {
  return {
    name: 'database',
    async put(key, source) {
      assertKey(key);
      let total = 0;
      // One transaction per file: other instances see the whole file or none of it. The stream is read from
      // local disk (the upload's temp file or sharp's output), never the network, so the transaction is short.
      await writeTransaction(db, dialect, async (trx) => {
        await trx.deleteFrom('media_chunks').where('path', '=', key).execute();
        let seq = 0;
        for await (const block of chunked(source)) {
          await trx.insertInto('media_chunks').values({ path: key, seq: seq++, bytes: block }).execute();
          total += block.length;
        }
      });
      return total;
    },
    async get(key, range) {
      assertKey(key);
      const first = await db.selectFrom('media_chunks').select('seq').where('path', '=', key).where('seq', '=', 0).executeTakeFirst();
      if (!first) return null;
      // A range starts in the row holding its first byte; only the bytes asked for are pushed.
      let seq = range ? Math.floor(range.start / CHUNK_BYTES) : 0;
      let skip = range ? range.start % CHUNK_BYTES : 0;
      let left = range ? range.end - range.start + 1 : Infinity;
      return new Readable({
        async read() {
          try {
            if (left <= 0) return void this.push(null);
            const row = await db.selectFrom('media_chunks').select('bytes').where('path', '=', key).where('seq', '=', seq++).executeTakeFirst();
            if (!row) return void this.push(null);
            let bytes = Buffer.from(row.bytes).subarray(skip);
            skip = 0;
            if (bytes.length > left) bytes = bytes.subarray(0, left);
            left -= bytes.length;
            this.push(bytes);
          } catch (error) {
            this.destroy(error as Error);
          }
        },
      });
    },
    async delete(key) {
      assertKey(key);
      await db.deleteFrom('media_chunks').where('path', '=', key).execute();
    },
  };
}
