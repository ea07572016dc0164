// A database several spawned processes open by URL: an SQLite file in a temporary folder, or a throw-away
// PostgreSQL database when the postgres project runs. Migrated here first, so the children never race to.
// (shared-database.ts is the in-process kind: several connections with query counters.)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { testDialect } from './database.js';

export interface SharedDatabase {
  url: string;
  /** A folder for the children's DATA_DIR. */
  dir: string;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

export async function createSharedDatabase(): Promise<SharedDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'backtalk-shared-'));
  let url = `sqlite:${join(dir, 'blog.db')}`;
  let drop: () => Promise<void> = async () => {};
  if (testDialect === 'postgres') {
    const adminUrl = process.env.TEST_DATABASE_URL as string;
    const name = `backtalk_s_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = async (query: string) => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(query);
      } finally {
        await c.end();
      }
    };
    await admin(`CREATE DATABASE ${name}`);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const handle = openDatabase(url);
  await migrateToLatest(handle.db);
  return {
    url,
    dir,
    handle,
    async close() {
      // A test may have closed it already (to leave the file to the processes it starts).
      await handle.close().catch(() => undefined);
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
