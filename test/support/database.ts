// A fresh database for one test file: in-memory SQLite by default; a throw-away PostgreSQL database when
// the "postgres" test project runs (TEST_DATABASE_URL set, BACKTALK_TEST_DIALECT=postgres).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type OpenOptions } from '../../src/db/database.js';

export const testDialect = process.env.BACKTALK_TEST_DIALECT === 'postgres' && process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

export async function openTestDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (testDialect === 'sqlite') return openDatabase('sqlite::memory:', options);
  const { url, drop } = await createPostgresDatabase();
  const handle = openDatabase(url, options);
  return {
    ...handle,
    async close() {
      await handle.close();
      await drop();
    },
  };
}

/**
 * One throw-away database that several instances of the blog open (issue 18). On PostgreSQL a fresh
 * database, and open() gives each instance its own pool, as separate processes would have. On SQLite a
 * temporary file with ONE connection that open() hands to every instance: better-sqlite3 waits for a lock
 * synchronously, so a second connection in the same process waiting for the write lock would block the very
 * event loop the holder needs to commit (separate processes do not have that problem). The instances still
 * differ in everything but the connection, and SQLite's BEGIN IMMEDIATE serialises their writes as it would
 * between processes. drop() closes and removes the database once the instances are closed.
 */
export async function createSharedTestDatabase(): Promise<{ open(): DatabaseHandle; drop(): Promise<void> }> {
  if (testDialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'backtalk-shared-'));
    const handle = openDatabase(`sqlite:${join(dir, 'blog.db')}`);
    return {
      open: () => ({ ...handle, close: async () => undefined }),
      drop: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const { url, drop } = await createPostgresDatabase();
  return { open: () => openDatabase(url), drop };
}

async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL as string;
  const name = `backtalk_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
