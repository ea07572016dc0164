// Issue 14 points 1-3: uploads through the admin endpoint (multipart), type by magic bytes, SVG refused by
// default, metadata stripped and orientation applied in every stored copy, sizes made by the queued job,
// the size cap, the serving headers and who may delete.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { saveSettings } from '../../src/settings/repository.js';
import { hasGpsTag, jpegWithGps, png, upload } from './helpers.js';

describe('media uploads', () => {
  let t: TestApp;
  let dir: string;
  let admin: SignedIn;
  let author: SignedIn;
  let other: SignedIn;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backtalk-media-'));
    t = await createTestApp({ dataDir: dir });
    admin = await signIn(t, await createUser(t.ctx, 'admin'));
    author = await signIn(t, await createUser(t.ctx, 'author'));
    other = await signIn(t, await createUser(t.ctx, 'author'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const fetchFile = (url: string) => t.app.inject({ url });

  it('stores a JPEG under a generated name, without GPS, upright, and makes the sizes in a job', async () => {
    // 1200×800 stored sideways: orientation 6 means a viewer shows it 800 wide and 1200 high.
    const photo = await jpegWithGps(1200, 800, 6);
    const input = await sharp(photo).metadata();
    expect([input.orientation, hasGpsTag(input.exif)]).toEqual([6, true]);
    const res = await upload(t, author, '../../etc/My Holiday.jpg', photo, 'text/html');
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json();
    expect(item.title).toBe('My Holiday');
    expect(item.url).toMatch(/^\/uploads\/\d{4}\/\d{2}\/[0-9a-f]{20}\.jpg$/);
    expect([item.width, item.height]).toEqual([800, 1200]);

    const original = await fetchFile(item.url);
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe('image/jpeg');
    expect(original.headers['x-content-type-options']).toBe('nosniff');
    expect(original.headers['cache-control']).toMatch(/max-age=31536000/);
    expect(original.headers['content-disposition']).toBeUndefined();
    const meta = await sharp(original.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation ?? 1).toBe(1);
    expect([meta.width, meta.height]).toEqual([800, 1200]);

    expect(await t.app.worker.runUntilIdle()).toBeGreaterThan(0);
    const files = await t.ctx.db.selectFrom('media_files').selectAll().where('media_id', '=', item.id).orderBy('variant').execute();
    expect(files.map((f) => [f.variant, f.width, f.height])).toEqual([
      ['large', 683, 1024],
      ['medium', 200, 300],
      ['original', 800, 1200],
      ['thumbnail', 150, 150],
    ]);
    for (const f of files) {
      const served = await fetchFile(`/uploads/${f.path}`);
      expect(served.statusCode).toBe(200);
      const m = await sharp(served.rawPayload).metadata();
      expect(m.exif, f.variant).toBeUndefined();
      expect([m.width, m.height]).toEqual([f.width, f.height]);
    }
    const row = await t.ctx.db.selectFrom('media').select('state').where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(row.state).toBe('ready');
    // The inserted markup lists the same-shaped sizes (not the square crop) and says how large it is.
    expect(item.html).toMatch(/^<img src="\/uploads\/.+-683x1024\.jpg" alt="" width="683" height="1024" srcset="[^"]+-200x300\.jpg 200w, [^"]+-683x1024\.jpg 683w, [^"]+\.jpg 800w" sizes="[^"]+" loading="lazy">$/);
  });

  it('refuses HTML named .jpg and sent as image/jpeg: the type comes from the content', async () => {
    const res = await upload(t, author, 'photo.jpg', Buffer.from('<!doctype html><script>alert(1)</script>'), 'image/jpeg');
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toMatch(/not allowed/);
    expect(await t.ctx.db.selectFrom('media').select('id').where('title', '=', 'photo').execute()).toEqual([]);
  });

  it('refuses SVG unless allowed, and then serves it with a policy that runs no script', async () => {
    const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    const refused = await upload(t, admin, 'logo.svg', svg, 'image/svg+xml');
    expect(refused.statusCode).toBe(415);
    expect(refused.json().message).toMatch(/SVG/);
    await saveSettings(t.ctx.db, { media_allow_svg: true });
    try {
      const ok = await upload(t, admin, 'logo.svg', svg, 'image/svg+xml');
      expect(ok.statusCode).toBe(201);
      const served = await fetchFile(ok.json().url);
      expect(served.headers['content-security-policy']).toBe("script-src 'none'; sandbox");
      expect(served.headers['content-type']).toBe('image/svg+xml');
    } finally {
      await saveSettings(t.ctx.db, { media_allow_svg: false });
    }
  });

  it('serves a PDF as an attachment', async () => {
    const res = await upload(t, author, 'paper.pdf', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'));
    expect(res.statusCode).toBe(201);
    const served = await fetchFile(res.json().url);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.headers['content-disposition']).toMatch(/^attachment/);
  });

  it('serves byte ranges, as audio and video players seek', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300_000, 7), Buffer.from('tail-bytes')]);
    const url = (await upload(t, author, 'ranged.pdf', bytes)).json().url;
    const middle = await t.app.inject({ url, headers: { range: 'bytes=5-14' } });
    expect(middle.statusCode).toBe(206);
    expect(middle.headers['content-range']).toBe(`bytes 5-14/${bytes.length}`);
    expect(middle.rawPayload.equals(bytes.subarray(5, 15))).toBe(true);
    const last = await t.app.inject({ url, headers: { range: 'bytes=-10' } });
    expect(last.body).toBe('tail-bytes');
    const past = await t.app.inject({ url, headers: { range: `bytes=${bytes.length}-` } });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${bytes.length}`);
    const whole = await t.app.inject({ url, headers: { range: 'bytes=0-1,5-9' } });
    expect([whole.statusCode, whole.headers['accept-ranges'], whole.rawPayload.length]).toEqual([200, 'bytes', bytes.length]);
  });

  it('answers a file over the cap with 413 and stores nothing, whether the size is declared or found while reading', async () => {
    await saveSettings(t.ctx.db, { media_max_upload_mb: 1 });
    try {
      const before = await t.ctx.db.selectFrom('media').select('id').execute();
      const big = Buffer.concat([await png(10, 10), Buffer.alloc(1_200_000, 1)]);
      const declared = await upload(t, author, 'big.png', Buffer.concat([big, Buffer.alloc(200_000)]));
      expect(declared.statusCode).toBe(413);
      expect(declared.json().message).toMatch(/larger than the upload limit of 1 MB/);
      // Just over the cap, within the envelope allowance: multipart's fileSize limit stops the read.
      const found = await upload(t, author, 'big.png', big.subarray(0, 1_048_576 + 1000));
      expect(found.statusCode).toBe(413);
      expect(await t.ctx.db.selectFrom('media').select('id').execute()).toEqual(before);
      const html = await t.app.inject({ method: 'POST', url: '/admin/media', headers: { ...author.headers, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(5_000_000), accept: 'text/html', 'x-csrf-token': author.csrf }, payload: Buffer.alloc(0) });
      expect(html.statusCode).toBe(413);
      expect(html.body).toContain('admin-menu');
      expect(html.body).toContain('larger than the upload limit');
    } finally {
      await saveSettings(t.ctx.db, { media_max_upload_mb: 20 });
    }
  });

  it('refuses an upload without the CSRF token or without a session', async () => {
    const body = await png(20, 20);
    const noToken = await upload(t, { ...author, csrf: 'nope' }, 'a.png', body);
    expect(noToken.statusCode).toBe(403);
    const anonymous = await upload(t, { ...author, headers: {} }, 'a.png', body);
    expect(anonymous.statusCode).toBe(401);
  });

  it('lets only the uploader or an admin delete, and removes every stored file', async () => {
    const res = await upload(t, author, 'mine.png', await png(400, 300));
    const item = res.json();
    await t.app.worker.runUntilIdle();
    const paths = (await t.ctx.db.selectFrom('media_files').select('path').where('media_id', '=', item.id).execute()).map((r) => r.path);
    expect(paths.length).toBe(3);
    const del = (who: SignedIn) => t.app.inject({ method: 'POST', url: `/admin/media/${item.id}/delete`, headers: { ...who.headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: who.form({}) });
    expect((await del(other)).statusCode).toBe(403);
    expect((await fetchFile(item.url)).statusCode).toBe(200);
    expect((await del(author)).statusCode).toBe(303);
    for (const p of paths) expect((await fetchFile(`/uploads/${p}`)).statusCode).toBe(404);

    const adminDeletes = (await upload(t, other, 'theirs.png', await png(40, 40))).json();
    expect((await del(admin).then(() => null)) ?? null).toBeNull();
    const r = await t.app.inject({ method: 'POST', url: `/admin/media/${adminDeletes.id}/delete`, headers: { ...admin.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: admin.form({}) });
    expect(r.statusCode).toBe(303);
    expect((await fetchFile(adminDeletes.url)).statusCode).toBe(404);
  });

  it('edits title, alt text and caption, for the uploader only', async () => {
    const item = (await upload(t, author, 'edit-me.png', await png(30, 30))).json();
    const save = (who: SignedIn) => t.app.inject({ method: 'POST', url: `/admin/media/${item.id}`, headers: { ...who.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: who.form({ title: 'New title', alt: 'A blue square', caption: 'Blue' }) });
    expect((await save(other)).statusCode).toBe(403);
    expect((await save(author)).statusCode).toBe(303);
    const page = await t.app.inject({ url: `/admin/media/${item.id}`, headers: author.headers });
    expect(page.body).toContain('value="A blue square"');
    const json = (await t.app.inject({ url: `/admin/media/${item.id}`, headers: { ...author.headers, accept: 'application/json' } })).json();
    expect(json.html).toContain('alt="A blue square"');
  });

  it('lists the library as grid and list, filtered by type, month and title, page by page', async () => {
    for (let i = 0; i < 41; i++) await upload(t, admin, `pdf-${i}.pdf`, Buffer.from(`%PDF-1.4\n${i}\n%%EOF\n`));
    const page1 = await t.app.inject({ url: '/admin/media?type=document', headers: admin.headers });
    expect(page1.statusCode).toBe(200);
    expect(page1.body).toContain('pdf-40');
    expect(page1.body).not.toContain('>pdf-0<');
    const older = /href="(\/admin\/media\?type=document&amp;before=\d+)"/.exec(page1.body)?.[1]?.replace(/&amp;/g, '&');
    expect(older).toBeTruthy();
    const page2 = await t.app.inject({ url: older!, headers: admin.headers });
    expect(page2.body).toContain('>pdf-0<');
    expect(page2.body).toMatch(/Newer/);
    const search = await t.app.inject({ url: '/admin/media?s=pdf-1&mode=list', headers: admin.headers });
    expect(search.body).toContain('<table class="list media-table">');
    expect(search.body).toContain('pdf-12');
    expect(search.body).not.toContain('pdf-22');
    const month = t.clock.now().toISOString().slice(0, 7);
    expect((await t.app.inject({ url: `/admin/media?month=${month}&type=image`, headers: admin.headers })).body).toContain('media-grid');
    expect((await t.app.inject({ url: '/admin/media?month=1999-01', headers: admin.headers })).body).toContain('No media found.');
  });
});
