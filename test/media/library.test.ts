// The editor's media library dialog reads GET /admin/media/library (issue 15 point 1): images only, newest
// first, a title search, keyset pages of LIBRARY_PER_PAGE, "mine only", each size with width and height, one
// srcset, dates in the site's timezone; signed-out callers get a JSON 401.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { signIn, type SignedIn } from '../support/session.js';
import { saveSettings } from '../../src/settings/repository.js';
import { LIBRARY_PER_PAGE } from '../../src/media/library-routes.js';
import { jpegWithGps, upload } from './helpers.js';

describe('media library for the editor', () => {
  let t: TestApp;
  let dir: string;
  let admin: SignedIn;
  let author: SignedIn;
  let photoId = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backtalk-library-'));
    // 23:30 UTC on 30 November: already 1 December in Paris.
    t = await createTestApp({ dataDir: dir }, { clock: new ManualClock(new Date('2026-11-30T23:30:00.000Z')) });
    await saveSettings(t.ctx.db, { timezone: 'Europe/Paris' });
    const adminUser = await createUser(t.ctx, 'admin');
    admin = await signIn(t, adminUser);
    author = await signIn(t, await createUser(t.ctx, 'author'));
    // Older rows first (ids grow): the admin's images and a PDF, then the author's photo.
    const now = t.clock.now().toISOString();
    for (let i = 0; i < LIBRARY_PER_PAGE; i++) {
      const path = `2026/11/seeded${i}.png`;
      await t.ctx.db.insertInto('media').values({ author_id: adminUser.id, title: `Seeded ${i}`, alt: '', caption: '', original_name: `s${i}.png`, mime: 'image/png', kind: 'image', path, month: '2026-11', bytes: 10, width: 200, height: 100, state: 'ready', created_at: now, updated_at: now }).execute();
    }
    await t.ctx.db.insertInto('media').values({ author_id: adminUser.id, title: 'Seeded PDF', alt: '', caption: '', original_name: 'a.pdf', mime: 'application/pdf', kind: 'document', path: '2026/11/a.pdf', month: '2026-11', bytes: 10, width: null, height: null, state: 'ready', created_at: now, updated_at: now }).execute();
    const res = await upload(t, author, 'Harbour at dawn.jpg', await jpegWithGps(1600, 1200));
    expect(res.statusCode, res.body).toBe(201);
    photoId = res.json().id;
    await t.app.worker.runUntilIdle();
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const library = (who: SignedIn | null, query = '') => t.app.inject({ url: `/admin/media/library${query}`, headers: who ? who.headers : {} });

  it('lists images newest first, one page at a time, with each size and a srcset', async () => {
    const first = (await library(author)).json();
    expect(first.items).toHaveLength(LIBRARY_PER_PAGE);
    expect(first.items.some((i: { title: string }) => i.title === 'Seeded PDF')).toBe(false);
    const photo = first.items[0];
    expect(photo).toMatchObject({ id: photoId, title: 'Harbour at dawn', width: 1600, height: 1200, canEdit: true, created: '2026-12-01' });
    expect(photo.sizes.map((s: { name: string; width: number; height: number }) => [s.name, s.width, s.height])).toEqual([['medium', 300, 225], ['large', 1024, 768], ['full', 1600, 1200]]);
    expect(photo.sizes[0]).toMatchObject({ label: 'Medium (300 × 225)', sizes: '(max-width: 300px) 100vw, 300px' });
    // Uploaded at 00:30 on 1 December in Paris: filed under the site's month, as WordPress does.
    expect(photo.sizes[0].url).toMatch(/^\/uploads\/2026\/12\/[0-9a-f]{20}-300x225\.jpg$/);
    expect(photo.srcset).toBe(photo.sizes.map((s: { url: string; width: number }) => `${s.url} ${s.width}w`).join(', '));
    expect(photo.thumbnail).toMatch(/-150x150\.jpg$/);
    expect(first.items[1]).toMatchObject({ title: `Seeded ${LIBRARY_PER_PAGE - 1}`, canEdit: false });
    expect(first.newer).toBeNull();
    expect(first.older).toBe(first.items[LIBRARY_PER_PAGE - 1].id);

    const second = (await library(author, `?before=${first.older}`)).json();
    expect(second.items.map((i: { title: string }) => i.title)).toEqual(['Seeded 0']);
    expect(second.older).toBeNull();
    expect(second.newer).toBe(second.items[0].id);
    const back = (await library(author, `?after=${second.newer}`)).json();
    expect(back.items.map((i: { id: number }) => i.id)).toEqual(first.items.map((i: { id: number }) => i.id));
  });

  it('searches titles, narrows to the user’s own uploads, and lets an admin edit any', async () => {
    expect((await library(author, '?s=HARBOUR')).json().items.map((i: { id: number }) => i.id)).toEqual([photoId]);
    expect((await library(author, '?s=nothing-like-this')).json().items).toEqual([]);
    expect((await library(author, '?mine=1')).json().items.map((i: { id: number }) => i.id)).toEqual([photoId]);
    expect((await library(admin, '?s=seeded 3')).json().items.every((i: { canEdit: boolean }) => i.canEdit)).toBe(true);
  });

  it('answers a bad query with the first page and a signed-out caller with a JSON 401', async () => {
    const odd = await library(author, '?before=-4&after=x&mine=yes&s=' + 'x'.repeat(500));
    expect(odd.statusCode).toBe(200);
    expect(odd.json().items).toHaveLength(LIBRARY_PER_PAGE);
    const out = await library(null);
    expect(out.statusCode).toBe(401);
    expect(out.json().message).toMatch(/Sign in/);
  });
});
