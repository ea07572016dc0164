// Issue 14 points 1-2: the editor's featured image (kept, refused when it is not an image, unset when the
// media item is deleted) and the WebP copies made when the setting is on.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { loadSettings, saveSettings } from '../../src/settings/repository.js';
import { findPostById } from '../../src/posts/repository.js';
import { png, upload } from './helpers.js';

const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const base = { title: 'With a picture', slug: '', content: '<p>Hi</p>', excerpt: '', status: 'draft', date: '', to_ping: '' };

describe('featured image and WebP copies', () => {
  let t: TestApp;
  let dir: string;
  let author: SignedIn;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backtalk-featured-'));
    t = await createTestApp({ dataDir: dir });
    author = await signIn(t, await createUser(t.ctx, 'author'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('saves the featured image with the post, shows it in the editor, and refuses what is not an image', async () => {
    const image = (await upload(t, author, 'cover.png', await png(500, 400))).json();
    const pdf = (await upload(t, author, 'doc.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'))).json();
    const created = await t.app.inject({ method: 'POST', url: '/admin/posts', headers: { ...author.headers, ...form }, payload: author.form({ ...base, featured_media_id: String(image.id) }) });
    expect(created.statusCode).toBe(303);
    const id = Number(/\/admin\/posts\/(\d+)\/edit/.exec(String(created.headers.location))![1]);
    expect((await findPostById(t.ctx.db, id))!.featured_media_id).toBe(image.id);
    const editor = await t.app.inject({ url: `/admin/posts/${id}/edit`, headers: author.headers });
    expect(editor.body).toContain(`name="featured_media_id" value="${image.id}"`);
    expect(editor.body).toContain(`src="${image.thumbnail}"`);
    expect(editor.body).toContain('data-upload data-editor');

    const refused = await t.app.inject({ method: 'POST', url: `/admin/posts/${id}`, headers: { ...author.headers, ...form }, payload: author.form({ ...base, featured_media_id: String(pdf.id) }) });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('The featured image no longer exists.');
    expect((await findPostById(t.ctx.db, id))!.featured_media_id).toBe(image.id);

    const removed = await t.app.inject({ method: 'POST', url: `/admin/posts/${id}`, headers: { ...author.headers, ...form }, payload: author.form({ ...base, featured_media_id: '' }) });
    expect(removed.statusCode).toBe(303);
    expect((await findPostById(t.ctx.db, id))!.featured_media_id).toBeNull();

    await t.app.inject({ method: 'POST', url: `/admin/posts/${id}`, headers: { ...author.headers, ...form }, payload: author.form({ ...base, featured_media_id: String(image.id) }) });
    await t.app.inject({ method: 'POST', url: `/admin/media/${image.id}/delete`, headers: { ...author.headers, ...form }, payload: author.form({}) });
    expect((await findPostById(t.ctx.db, id))!.featured_media_id).toBeNull();
  });

  it('makes WebP copies of every size when the setting is on, and the markup serves them', async () => {
    await saveSettings(t.ctx.db, { media_webp: true });
    try {
      const item = (await upload(t, author, 'wide.png', await png(1600, 900))).json();
      await t.app.worker.runUntilIdle();
      const files = await t.ctx.db.selectFrom('media_files').select(['variant', 'mime', 'path', 'width']).where('media_id', '=', item.id).orderBy('variant').execute();
      expect(files.map((f) => [f.variant, f.mime, f.width])).toEqual([
        ['large', 'image/png', 1024],
        ['large-webp', 'image/webp', 1024],
        ['medium', 'image/png', 300],
        ['medium-webp', 'image/webp', 300],
        ['original', 'image/png', 1600],
        ['original-webp', 'image/webp', 1600],
        ['thumbnail', 'image/png', 150],
        ['thumbnail-webp', 'image/webp', 150],
      ]);
      const webp = files.find((f) => f.variant === 'large-webp')!;
      const served = await t.app.inject({ url: `/uploads/${webp.path}` });
      expect((await sharp(served.rawPayload).metadata()).format).toBe('webp');
      const markup = (await t.app.inject({ url: `/admin/media/${item.id}`, headers: { ...author.headers, accept: 'application/json' } })).json().html;
      expect(markup).toMatch(/srcset="[^"]+-300x169\.webp 300w, [^"]+-1024x576\.webp 1024w, [^"]+-1600x900\.webp 1600w"/);
    } finally {
      await saveSettings(t.ctx.db, { media_webp: false });
    }
  });
});

describe('Settings → Media', () => {
  let t: TestApp;
  let admin: SignedIn;
  let author: SignedIn;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, await createUser(t.ctx, 'admin'));
    author = await signIn(t, await createUser(t.ctx, 'author'));
  });
  afterAll(() => t.close());
  const post = (who: SignedIn, fields: Record<string, string>) => t.app.inject({ method: 'POST', url: '/admin/settings/media', headers: { ...who.headers, ...form }, payload: who.form(fields) });

  it('saves the cap, the sizes and the switches for admins, keeps a refused form as typed, and is closed to authors', async () => {
    const page = await t.app.inject({ url: '/admin/settings/media', headers: admin.headers });
    expect(page.body).toContain('name="media_max_upload_mb" type="number" min="1" max="1024" value="20"');
    expect((await t.app.inject({ url: '/admin/settings/media', headers: author.headers })).statusCode).toBe(403);
    expect((await post(author, { media_max_upload_mb: '5', thumbnail_size: '100', medium_size: '300', large_size: '1024' })).statusCode).toBe(403);
    const refused = await post(admin, { media_max_upload_mb: 'lots', thumbnail_size: '100', medium_size: '300', large_size: '1024', media_webp: '1' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('value="lots"');
    expect(refused.body).toMatch(/name="media_webp" value="1" checked/);
    expect((await post(admin, { media_max_upload_mb: '5', thumbnail_size: '100', medium_size: '320', large_size: '900', media_allow_svg: '1' })).statusCode).toBe(303);
    const s = await loadSettings(t.ctx.db);
    expect([s.media_max_upload_mb, s.thumbnail_size, s.medium_size, s.large_size, s.media_allow_svg, s.media_webp]).toEqual([5, 100, 320, 900, true, false]);
  });
});

describe('the featured image on the post page', () => {
  let t: TestApp;
  let dir: string;
  let admin: SignedIn;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backtalk-featured-page-'));
    t = await createTestApp({ dataDir: dir });
    admin = await signIn(t, await createUser(t.ctx, 'admin'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is shown above the content with its sizes, and a change to the item reaches the cached page', async () => {
    const image = (await upload(t, admin, 'cover.png', await png(1600, 900))).json();
    await t.app.worker.runUntilIdle();
    const created = await t.app.inject({ method: 'POST', url: '/admin/posts', headers: { ...admin.headers, ...form }, payload: admin.form({ ...base, status: 'published', featured_media_id: String(image.id) }) });
    const id = Number(/\/admin\/posts\/(\d+)\/edit/.exec(String(created.headers.location))![1]);
    const url = `/?p=${id}`;
    const permalink = String((await t.app.inject(url)).headers.location ?? url);
    const first = await t.app.inject(permalink);
    expect(first.statusCode).toBe(200);
    const tag = /<img[^>]*class="featured-image"[^>]*>/.exec(first.body)?.[0] ?? '';
    expect(tag).toMatch(/srcset="[^"]*\d+w/);
    expect(tag).toMatch(/width="\d+" height="\d+"/);
    expect(first.body.indexOf('class="featured-image"')).toBeLessThan(first.body.indexOf('class="post-content'));
    expect((await t.app.inject(permalink)).headers['x-cache']).toBe('hit');

    const edited = await t.app.inject({ method: 'POST', url: `/admin/media/${image.id}`, headers: { ...admin.headers, ...form }, payload: admin.form({ title: 'Cover', alt: 'A lighthouse at dusk', caption: '' }) });
    expect(edited.statusCode).toBeLessThan(400);
    const after = await t.app.inject(permalink);
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.body).toMatch(/<img[^>]*alt="A lighthouse at dusk"[^>]*class="featured-image"|<img[^>]*class="featured-image"[^>]*alt="A lighthouse at dusk"/);
  });
});
