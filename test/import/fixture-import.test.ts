// Importing WordPress 6.1's own export of the "Harbour Notes" blog (fixtures/wordpress, issue 17): what it
// holds, counted against its manifest; threading, statuses, linkbacks in Mentions, old URLs, idempotence.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { saveSettings } from '../../src/settings/repository.js';
import type { User } from '../../src/db/schema.js';
import type { ImportReport } from '../../src/import/report.js';
import { FIXTURE_DIR, FIXTURE_FILE, FIXTURE_UPLOADS, importFile, tableCounts } from './helpers.js';
import { rpcOk } from '../xmlrpc/client.js';

const manifest = JSON.parse(readFileSync(`${FIXTURE_DIR}wxr-6.1-harbour.expected.json`, 'utf8'));

describe('importing the WordPress 6.1 fixture', () => {
  let t: TestApp;
  let admin: User & { password: string };
  let dir: string;
  let report: ImportReport;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backtalk-import-'));
    t = await createTestApp({ dataDir: dir });
    admin = await createUser(t.ctx, 'admin', 'owner');
    report = await importFile(t, admin, FIXTURE_FILE, FIXTURE_UPLOADS);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const posts = () => t.ctx.db.selectFrom('posts').selectAll().execute();
  const comments = () => t.ctx.db.selectFrom('comments').selectAll().execute();

  it('reports every kind as the manifest counts it, nothing skipped', () => {
    expect(report.error).toBeNull();
    expect(report.ok).toBe(true);
    const c = manifest.counts;
    expect(report.created).toMatchObject({ authors: 2, posts: c.posts, pages: c.pages, attachments: c.attachments, categories: c.categories - 1, tags: c.tags });
    // "Uncategorized" is the new blog's default category already.
    expect(report.existing.categories).toBe(1);
    expect(report.created.comments + report.created.pingbacks + report.created.trackbacks).toBe(c.comments);
    expect(report.created.pingbacks).toBe(c.comments_by_type.pingback);
    expect(report.created.trackbacks).toBe(c.comments_by_type.trackback);
    expect(report.skipped).toEqual([]);
  });

  it('keeps statuses, sticky, passwords, excerpts, dates and slugs', async () => {
    const all = await posts();
    const onlyPosts = all.filter((p) => p.type === 'post');
    const by = (s: string) => onlyPosts.filter((p) => p.status === s).length;
    expect({ publish: by('published'), draft: by('draft'), future: by('scheduled'), private: by('private') }).toEqual(manifest.counts.posts_by_status);
    expect(onlyPosts.filter((p) => p.password !== '').length).toBe(manifest.counts.posts_password_protected);
    expect(onlyPosts.filter((p) => p.sticky === 1).length).toBe(manifest.counts.posts_sticky);
    expect(onlyPosts.filter((p) => p.excerpt !== '').length).toBe(manifest.counts.posts_with_excerpt);
    for (const m of manifest.posts) {
      const p = onlyPosts.find((x) => x.title === m.title)!;
      expect(p, m.title).toBeDefined();
      // Backtalk's slugs are letters, digits and hyphens: the emoji goes, and its old address 301s (below).
      if (m.slug) expect(p.slug).toBe(m.slug_decoded.replace('-🌊', ''));
      if (m.status !== 'draft') expect(p.published_at).toBe(`${m.date_gmt.replace(' ', 'T')}.000Z`);
      expect(p.comment_status).toBe(m.comment_status);
      expect(p.ping_status).toBe(m.ping_status);
    }
    // Block comments are gone, the HTML they wrapped is kept; classic text got its paragraphs.
    expect(all.some((p) => p.content.includes('<!-- wp:'))).toBe(false);
    const history = all.find((p) => p.slug === 'harbour-history-in-brief')!;
    expect(history.content).toMatch(/^<p>The stone quay/);
  });

  it('keeps pages with their parent, path and menu order', async () => {
    const pages = (await posts()).filter((p) => p.type === 'page');
    for (const m of manifest.pages) {
      const p = pages.find((x) => x.slug === m.slug)!;
      expect(`/${p.page_path}/`).toBe(m.path);
      expect(p.menu_order).toBe(m.menu_order);
    }
  });

  it('keeps the category tree and the tags, and files posts under them', async () => {
    const terms = await t.ctx.db.selectFrom('terms').selectAll().execute();
    for (const m of manifest.categories) {
      const term = terms.find((x) => x.taxonomy === 'category' && x.slug === m.slug)!;
      expect(term, m.slug).toBeDefined();
      const parent = m.parent ? terms.find((x) => x.slug === m.parent)!.id : null;
      expect(term.parent_id).toBe(parent);
    }
    expect(terms.find((x) => x.slug === 'harbour-boats-ferries')!.name).toBe('Harbour Boats & Ferries');
    for (const m of manifest.tags) expect(terms.some((x) => x.taxonomy === 'post_tag' && x.slug === m.slug && x.name === m.name)).toBe(true);
    const cafe = terms.find((x) => x.slug === 'harbour-cafe')!;
    const filed = await t.ctx.db.selectFrom('term_relationships').select('post_id').where('term_id', '=', cafe.id).execute();
    expect(filed.length).toBe(2);
  });

  it('keeps comment statuses and threads three deep', async () => {
    const all = await comments();
    const by = (s: string) => all.filter((c) => c.status === s).length;
    expect({ approved: by('approved'), pending: by('pending'), trash: by('trash') }).toEqual(manifest.counts.comments_by_status);
    expect(all.filter((c) => c.parent_id !== null).length).toBe(manifest.counts.comment_replies);
    const depth = (id: number | null): number => (id === null ? 0 : 1 + depth(all.find((c) => c.id === id)!.parent_id));
    expect(Math.max(...all.map((c) => depth(c.id)))).toBe(manifest.counts.comment_max_depth);
    const deepest = all.find((c) => depth(c.id) === 3)!;
    expect(deepest.thread_id).toBe(all.find((c) => c.id === all.find((p) => p.id === deepest.parent_id)!.parent_id)!.id);
    const jonas = all.find((c) => c.author_name === 'Jonas Berg')!;
    expect(jonas.ip).not.toBe('');
    expect(jonas.created_at).toBe('2025-01-14T19:02:11.000Z');
  });

  it('shows imported pingbacks and trackbacks in Mentions, marked imported', async () => {
    const pings = (await comments()).filter((c) => c.kind !== 'comment');
    expect(pings.every((c) => c.verification_state === 'imported' && c.source_url && c.target_url?.startsWith('http://blog.test/'))).toBe(true);
    const res = await t.app.inject({ url: '/2025/03/22/boats-coming-home-to-the-harbour/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="mentions"');
    expect(res.body).toContain('Spring arrivals – Tide Tables Weekly');
    const fish = await t.app.inject({ url: '/2025/06/18/harbour-fish-market-at-six/' });
    expect(fish.body).toMatch(/mention-trackback[^]*Northern Food Diary/);
  });

  it('brings the images, the featured image and rewrites the content to the new URLs', async () => {
    const media = await t.ctx.db.selectFrom('media').selectAll().execute();
    expect(media.length).toBe(4);
    const boats = media.find((m) => m.title === 'Harbour boats at dawn')!;
    expect(boats.alt).toBe('Fishing boats moored in the inner basin at sunrise');
    const post = (await posts()).find((p) => p.slug === 'boats-coming-home-to-the-harbour')!;
    expect(post.featured_media_id).toBe(boats.id);
    expect(boats.parent_id).toBe(post.id);
    const all = await posts();
    expect(all.some((p) => p.content.includes('127.0.0.1:8081/wp-content/uploads'))).toBe(false);
    const fish = media.find((m) => m.title === 'Harbour fish market crates')!;
    expect(fish.caption).toBe('The first crates of the morning.');
    expect(all.find((p) => p.slug === 'harbour-fish-market-at-six')!.content).toContain(`src="/uploads/${fish.path}"`);
    const image = await t.app.inject({ url: `/uploads/${boats.path}` });
    expect(image.statusCode).toBe(200);
  });

  it('answers every old permalink and old slug with a 301 to the new permalink, under another structure too', async () => {
    await saveSettings(t.ctx.db, { permalink_structure: '/%postname%/' });
    for (const path of manifest.published_permalinks as string[]) {
      const res = await t.app.inject({ url: path });
      expect(res.statusCode, path).toBe(301);
      const slug = decodeURIComponent(path.split('/').filter(Boolean).pop()!).replace('-🌊', '');
      expect(decodeURI(res.headers.location as string)).toBe(`/${slug}/`);
    }
    for (const old of manifest.old_slugs) {
      const res = await t.app.inject({ url: old.old_path });
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe(`/${old.post}/`);
    }
    const byId = await t.app.inject({ url: '/?p=186' });
    expect(byId.statusCode).toBe(301);
    expect(byId.headers.location).toBe('/harbour-notes-begins/');
    const page = await t.app.inject({ url: '/?page_id=184' });
    expect(page.headers.location).toBe('/about-harbour-notes/harbour-history-in-brief/');
    const archives = await t.app.inject({ url: '/archives/186/' });
    expect(archives.statusCode).toBe(404); // no such old address in this export: not guessed
    await saveSettings(t.ctx.db, { permalink_structure: '/%year%/%monthnum%/%day%/%postname%/' });
  });

  it('reads back through XML-RPC as native content does', async () => {
    const post = (await posts()).find((p) => p.slug === 'boats-coming-home-to-the-harbour')!;
    const got = await rpcOk<Record<string, unknown>>(t, 'wp.getPost', ['1', admin.username, admin.password, post.id]);
    expect(got).toMatchObject({ post_title: 'Boats coming home to the Harbour', post_status: 'publish', post_name: 'boats-coming-home-to-the-harbour', post_type: 'post' });
    expect((got.post_date as Date).toISOString()).toBe('2025-03-22T07:05:00.000Z');
    const terms = (got.terms as { slug: string }[]).map((x) => x.slug).sort();
    expect(terms).toEqual(['harbour-boats-ferries', 'harbour-photos', 'harbour-sailing']);
    const pings = await rpcOk<string[]>(t, 'pingback.extensions.getPingbacks', [`http://blog.test/2025/03/22/boats-coming-home-to-the-harbour/`]);
    expect(pings).toEqual(['https://tidetables.example.org/2025/03/spring-arrivals/']);
  });

  it('adds nothing on a second import of the same file', async () => {
    const before = await tableCounts(t);
    const again = await importFile(t, admin, FIXTURE_FILE, FIXTURE_UPLOADS);
    expect(again.ok).toBe(true);
    expect(await tableCounts(t)).toEqual(before);
    expect(again.created).toMatchObject({ posts: 0, pages: 0, attachments: 0, comments: 0, pingbacks: 0, trackbacks: 0, categories: 0, tags: 0, authors: 0 });
    expect(again.existing).toMatchObject({ posts: 15, pages: 3, attachments: 4, comments: 19, authors: 2 });
  });
});
