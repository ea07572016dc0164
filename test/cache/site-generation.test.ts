// The site generation every cached page and memo checks (src/cache/site-generation.ts). On SQLite it is read
// straight from better-sqlite3 unless a transaction is open on the connection: a bump inside an open write
// transaction must be neither seen early nor kept after a rollback, or a page rendered from the rolled-back
// state could be cached under a number a later commit reuses.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSiteGeneration } from '../../src/cache/site-generation.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { writeTransaction } from '../../src/db/write-transaction.js';
import { openTestDatabase } from '../support/database.js';

let handle: DatabaseHandle;
beforeEach(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
});
afterEach(() => handle.close());

let n = 0;
const touchSettings = (db: DatabaseHandle['db']) => db.insertInto('settings').values({ key: `test_setting_${++n}`, value: '1' }).execute();

describe('readSiteGeneration', () => {
  it('moves with every committed public change', async () => {
    const before = await readSiteGeneration(handle.db);
    await touchSettings(handle.db);
    const after = await readSiteGeneration(handle.db);
    expect(after.generation).toBeGreaterThan(before.generation);
    expect(Date.parse(after.changedAt)).not.toBeNaN();
  });

  it('waits for an open write transaction and never reports a bump it rolled back', async () => {
    const before = await readSiteGeneration(handle.db);
    let releaseWriter!: () => void;
    const writerMayFinish = new Promise<void>((resolve) => (releaseWriter = resolve));
    let bumped!: () => void;
    const writerBumped = new Promise<void>((resolve) => (bumped = resolve));
    const writer = writeTransaction(handle.db, handle.dialect, async (trx) => {
      await touchSettings(trx);
      bumped();
      await writerMayFinish;
      throw new Error('roll back');
    }).catch((err: Error) => err.message);

    await writerBumped;
    let readerDone = false;
    const reader = readSiteGeneration(handle.db).then((g) => ((readerDone = true), g));
    // The reader must not answer while the bump is uncommitted (on SQLite the direct read is skipped then).
    await new Promise((resolve) => setImmediate(resolve));
    expect(readerDone).toBe(false);
    releaseWriter();
    expect(await writer).toBe('roll back');
    expect((await reader).generation).toBe(before.generation);
  });
});
