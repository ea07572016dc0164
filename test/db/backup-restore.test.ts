// Issue 18 point 7, with the real commands as separate processes: `npm run backup` while the blog runs and
// writes; `npm run restore -- FILE` after a crash left stale -wal/-shm files (they used to be replayed onto
// the restored copy: "database disk image is malformed", home page 500); and a restore refused while the
// database is open. SQLite only (PostgreSQL's tools are pg_dump / pg_restore).
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { testDialect } from '../support/database.js';
import { createSharedDatabase, type SharedDatabase } from '../support/process-database.js';
import { spawnEntry, type Spawned } from '../support/spawned.js';

let shared: SharedDatabase;
let file: string;
let blog: FastifyInstance | null;
let handle: DatabaseHandle | null;

async function startBlog(): Promise<FastifyInstance> {
  handle = openDatabase(shared.url);
  blog = await buildApp(testConfig({ databaseUrl: shared.url }), { database: handle });
  await blog.ready();
  return blog;
}

async function stopBlog(): Promise<void> {
  await blog?.close();
  await handle?.close();
  blog = null;
  handle = null;
}

const write = (app: FastifyInstance, n: number) => app.ctx.db.insertInto('settings').values({ key: `row:${n}`, value: JSON.stringify('x'.repeat(500)) }).execute();

function rowsIn(path: string): number[] {
  const db = new SQLite(path, { readonly: true });
  try {
    return (db.prepare(`select key from settings where key like 'row:%'`).all() as Array<{ key: string }>).map((r) => Number(r.key.slice(4))).sort((a, b) => a - b);
  } finally {
    db.close();
  }
}

function run(script: string, args: string[] = []): Spawned {
  return spawnEntry(script, { DATABASE_URL: shared.url, DATA_DIR: shared.dir }, args);
}

beforeEach(async () => {
  shared = await createSharedDatabase();
  file = shared.url.slice('sqlite:'.length);
  // Only the blog below holds the file open, as on a real machine.
  await shared.handle.close();
  blog = null;
  handle = null;
});

afterEach(async () => {
  await stopBlog();
  await shared.close();
});

describe.runIf(testDialect === 'sqlite')('npm run backup and npm run restore', () => {
  it('backs up while the blog writes, and restores over a crash’s stale WAL files to a blog that serves', async () => {
    const app = await startBlog();
    let n = 0;
    for (; n < 50; n++) await write(app, n);
    const backup = run('src/db/backup-cli.ts');
    let backupDone = false;
    void backup.exited.then(() => (backupDone = true));
    // The blog keeps writing for as long as the backup runs (each write lets the event loop turn, so the
    // child's exit is noticed: better-sqlite3 answers without ever leaving the microtask queue).
    while (!backupDone) {
      await write(app, n++);
      await new Promise((r) => setImmediate(r));
    }
    const exit = await backup.exited;
    expect(exit.code, backup.stderr()).toBe(0);
    expect(n).toBeGreaterThan(50);
    const line = backup.lines.find((l) => l.startsWith('Backup written to '))!;
    expect(line).toContain('(integrity_check: ok)');
    const path = /^Backup written to (.+) \(integrity_check/.exec(line)![1];
    expect(path.startsWith(`${shared.dir}/backups/blog-`)).toBe(true);
    // A consistent snapshot: every row up to some point, none missing in between.
    const inBackup = rowsIn(path);
    expect(inBackup.length).toBeGreaterThanOrEqual(50);
    expect(inBackup).toEqual(Array.from({ length: inBackup.length }, (_, i) => i));

    // More writes, then a crash: the WAL and its index are left beside the file.
    for (let k = 0; k < 200; k++) await write(app, n++);
    expect(existsSync(`${file}-wal`)).toBe(true);
    copyFileSync(`${file}-wal`, `${shared.dir}/stale-wal`);
    copyFileSync(`${file}-shm`, `${shared.dir}/stale-shm`);
    await stopBlog();
    writeFileSync(`${file}-wal`, readFileSync(`${shared.dir}/stale-wal`));
    writeFileSync(`${file}-shm`, readFileSync(`${shared.dir}/stale-shm`));

    const restored = run('src/db/restore-cli.ts', [path]);
    const done = await restored.exited;
    expect(done.code, restored.stderr()).toBe(0);
    expect(restored.lines.join('\n')).toContain('(integrity_check: ok)');
    expect(rowsIn(file)).toEqual(inBackup);

    const again = await startBlog();
    const home = await again.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(200);
  }, 90_000);

  it('refuses while the blog has the database open, and leaves it as it was', async () => {
    const app = await startBlog();
    for (let n = 0; n < 10; n++) await write(app, n);
    const backup = run('src/db/backup-cli.ts');
    expect((await backup.exited).code).toBe(0);
    const path = /^Backup written to (.+) \(/.exec(backup.lines.find((l) => l.startsWith('Backup written to '))!)![1];
    await write(app, 10);

    const restore = run('src/db/restore-cli.ts', [path]);
    const exit = await restore.exited;
    expect(exit.code).toBe(1);
    expect(restore.stderr()).toContain('is in use');
    expect((await app.ctx.db.selectFrom('settings').select('key').where('key', 'like', 'row:%').execute()).length).toBe(11);
  }, 90_000);
});
