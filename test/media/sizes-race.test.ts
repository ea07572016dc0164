// Issue 14: a media item deleted while its sizes job runs leaves no file behind. The job is stepped: its
// storage is wrapped so the deletion happens exactly while the job stores its second size (after the delete
// has read the rows it removes, before the job writes any of its own), with no sleeps.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { selectStorage } from '../../src/media/select-storage.js';
import { registerMediaJobs } from '../../src/media/sizes-job.js';
import type { MediaStorage } from '../../src/media/storage.js';
import { jpegWithGps, upload } from './helpers.js';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('a media item deleted while its sizes are made', () => {
  let t: TestApp;
  let dir: string;
  let author: SignedIn;
  let storage: MediaStorage;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backtalk-sizes-race-'));
    t = await createTestApp({ dataDir: dir });
    author = await signIn(t, await createUser(t.ctx, 'author'));
    storage = selectStorage(t.ctx);
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The job on a storage that runs `during` once, while it stores its `at`-th file. */
  function jobWith(at: number, during: () => Promise<void>): string[] {
    const put: string[] = [];
    registerMediaJobs(t.ctx, {
      ...storage,
      get: storage.get.bind(storage),
      delete: storage.delete.bind(storage),
      async put(key, source) {
        put.push(key);
        const bytes = await storage.put(key, source);
        if (put.length === at) await during();
        return bytes;
      },
    });
    return put;
  }

  const remove = (id: number) => t.app.inject({ method: 'POST', url: `/admin/media/${id}/delete`, headers: { ...author.headers, ...form }, payload: author.form({}) });

  it('removes the sizes the job stored once it finds the item gone, and writes no row for them', async () => {
    const item = (await upload(t, author, 'photo.jpg', await jpegWithGps(1600, 1200))).json();
    const original = (await t.ctx.db.selectFrom('media').select('path').where('id', '=', item.id).executeTakeFirstOrThrow()).path;
    const put = jobWith(2, async () => {
      expect((await remove(item.id)).statusCode).toBe(303);
    });
    await t.app.worker.runUntilIdle();
    expect(put.length).toBe(3); // thumbnail, medium, large: all stored before the job looked again
    for (const key of [original, ...put]) expect(await storage.get(key), key).toBeNull();
    expect(await t.ctx.db.selectFrom('media_files').select('path').where('media_id', '=', item.id).execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('media').select('id').where('id', '=', item.id).execute()).toEqual([]);
  });

  it('keeps the sizes of an item that is still there, and a later delete removes every one', async () => {
    const item = (await upload(t, author, 'photo.jpg', await jpegWithGps(1600, 1200))).json();
    const put = jobWith(99, async () => undefined);
    await t.app.worker.runUntilIdle();
    const rows = await t.ctx.db.selectFrom('media_files').select('path').where('media_id', '=', item.id).execute();
    expect(rows.map((r) => r.path).sort()).toEqual(expect.arrayContaining(put.sort()));
    expect(rows.length).toBe(4);
    for (const key of put) expect(await storage.get(key)).not.toBeNull();
    expect((await remove(item.id)).statusCode).toBe(303);
    for (const r of rows) expect(await storage.get(r.path), r.path).toBeNull();
  });
});
