// Issue 14 point 4: `npm run backup` takes data/uploads/ with the SQLite snapshot (every file the snapshot
// names is in the backup), and `npm run restore -- FILE` brings the folder back as it was at the backup: a
// file deleted since returns, a file uploaded since goes. Real uploads, the real commands as processes.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { missingFiles, uploadsBeside } from '../../src/db/backup-media.js';
import { ManualClock } from '../support/clock.js';
import { testDialect } from '../support/database.js';
import { createUser, type TestApp } from '../support/app.js';
import { signIn } from '../support/session.js';
import { createSharedDatabase, type SharedDatabase } from '../support/process-database.js';
import { spawnEntry } from '../support/spawned.js';
import { jpegWithGps, png, upload } from '../media/helpers.js';

let shared: SharedDatabase;
let blog: { app: FastifyInstance; handle: DatabaseHandle } | null = null;

async function startBlog(): Promise<TestApp> {
  const handle = openDatabase(shared.url);
  const app = await buildApp(testConfig({ databaseUrl: shared.url, dataDir: shared.dir }), { database: handle, clock: new ManualClock() });
  await app.ready();
  blog = { app, handle };
  return { app, ctx: app.ctx, clock: new ManualClock(), close: stopBlog };
}

async function stopBlog(): Promise<void> {
  await blog?.app.close();
  await blog?.handle.close();
  blog = null;
}

const run = (script: string, args: string[] = []) => spawnEntry(script, { DATABASE_URL: shared.url, DATA_DIR: shared.dir }, args);
const live = (path: string) => join(shared.dir, 'uploads', path);

beforeEach(async () => {
  shared = await createSharedDatabase();
  await shared.handle.close();
});

afterEach(async () => {
  await stopBlog();
  await shared.close();
});

describe.runIf(testDialect === 'sqlite')('backups with media', () => {
  it('backs up every stored file with the snapshot, and restore brings the folder back as it was', async () => {
    const t = await startBlog();
    const author = await signIn(t, await createUser(t.ctx, 'author'));
    const photo = (await upload(t, author, 'photo.jpg', await jpegWithGps(1200, 800))).json();
    const doc = (await upload(t, author, 'doc.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'))).json();
    await t.app.worker.runUntilIdle();
    const files = await t.ctx.db.selectFrom('media_files').select(['path', 'media_id']).orderBy('path').execute();
    expect(files.length).toBe(5); // the photo's original, thumbnail, medium, large; the PDF
    const bytes = new Map(files.map((f) => [f.path, readFileSync(live(f.path))]));

    const backup = run('src/db/backup-cli.ts');
    expect((await backup.exited).code, backup.stderr()).toBe(0);
    const path = /^Backup written to (.+) \(integrity_check: ok\)/.exec(backup.lines.find((l) => l.startsWith('Backup written to '))!)![1]!;
    expect(backup.lines).toContain(`Media: 5 files in ${path.replace(/\.db$/, '')}.uploads/`);
    for (const [p, b] of bytes) expect(readFileSync(join(uploadsBeside(path), p))).toEqual(b);
    expect(missingFiles(path, uploadsBeside(path))).toEqual([]);

    // After the backup: the photo is deleted (its files go), another file is uploaded.
    const del = await t.app.inject({ method: 'POST', url: `/admin/media/${photo.id}/delete`, headers: { ...author.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: author.form({}) });
    expect(del.statusCode).toBe(303);
    const later = (await upload(t, author, 'later.png', await png(40, 40))).json();
    const laterPath = (await t.ctx.db.selectFrom('media').select('path').where('id', '=', later.id).executeTakeFirstOrThrow()).path;
    for (const f of files.filter((f) => f.media_id === photo.id)) expect(existsSync(live(f.path))).toBe(false);
    await stopBlog();

    const restore = run('src/db/restore-cli.ts', [path]);
    expect((await restore.exited).code, restore.stderr()).toBe(0);
    expect(restore.lines).toContain(`Media: 5 files restored to ${shared.dir}/uploads/`);
    for (const [p, b] of bytes) expect(readFileSync(live(p))).toEqual(b);
    expect(existsSync(live(laterPath))).toBe(false);

    const again = await startBlog();
    const served = await again.app.inject({ url: `/uploads/${files.find((f) => f.media_id === photo.id)!.path}` });
    expect(served.statusCode).toBe(200);
    expect(doc.id).toBeGreaterThan(photo.id);
  }, 120_000);

  it('reports a file the snapshot names that the backup lacks, and exits non-zero', async () => {
    const t = await startBlog();
    const author = await signIn(t, await createUser(t.ctx, 'author'));
    await upload(t, author, 'doc.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    const [file] = await t.ctx.db.selectFrom('media_files').select('path').execute();
    // A file gone from the folder while its row stays (as if deleted by hand): the backup must say so.
    rmSync(live(file!.path));
    const backup = run('src/db/backup-cli.ts');
    expect((await backup.exited).code).toBe(1);
    expect(backup.stderr()).toContain(`1 files the backup's database names are missing`);
    expect(backup.stderr()).toContain(file!.path);
  }, 120_000);
});
