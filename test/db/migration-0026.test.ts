// Migration 0026 on a blog that already has posts, pages, comments, terms and a search index: posts.slug's
// UNIQUE (0001) becomes "unique among posts" and "unique among a page's siblings" (WordPress's
// wp_unique_post_slug). On SQLite the posts table is rebuilt: rows, ids, foreign keys, every trigger (counts,
// site generation, term dates, search) and the id sequence must come through unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import { migrations } from '../../migrations/index.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { openTestDatabase, testDialect } from '../support/database.js';
import { readSiteGeneration } from '../../src/cache/site-generation.js';
import { searchPublished } from '../../src/search/repository.js';

let handle: DatabaseHandle;
let ids: Record<string, number> = {};
let triggersBefore: string[] = [];
const at = '2026-01-05T10:00:00.000Z';
type PageFields = { type?: 'page'; parent_id?: number; page_path?: string };

const triggerNames = async (h: DatabaseHandle) =>
  testDialect === 'sqlite'
    ? (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`.execute(h.db)).rows.map((r) => r.name)
    : (await sql<{ name: string }>`SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`.execute(h.db)).rows.map((r) => r.name);

beforeAll(async () => {
  handle = await openTestDatabase();
  const provider = { getMigrations: async (): Promise<Record<string, Migration>> => migrations };
  const result = await new Migrator({ db: handle.db, provider }).migrateTo('0019_post_comment_counts');
  expect(result.error).toBeUndefined();
  const db = handle.db;
  const user = await db.insertInto('users').values({ username: 'old', display_name: 'Old', email: '', password_hash: 'x', role: 'admin', created_at: at }).returning('id').executeTakeFirstOrThrow();
  const row = (slug: string, extra: PageFields = {}) => ({
    author_id: user.id, title: `Title ${slug}`, slug, content: `<p>words of ${slug}</p>`, search_text: `words of ${slug}`, excerpt: '', status: 'published' as const, status_before_trash: null,
    published_at: at, created_at: at, updated_at: at, comment_status: 'open' as const, ping_status: 'open' as const, to_ping: '', notify_links: 1, ...extra,
  });
  for (const slug of ['first', 'second', 'gone']) ids[slug] = (await db.insertInto('posts').values(row(slug)).returning('id').executeTakeFirstOrThrow()).id;
  ids.about = (await db.insertInto('posts').values(row('about', { type: 'page', page_path: 'about' })).returning('id').executeTakeFirstOrThrow()).id;
  ids.team = (await db.insertInto('posts').values(row('team', { type: 'page', parent_id: ids.about, page_path: 'about/team' })).returning('id').executeTakeFirstOrThrow()).id;
  // The highest id goes: the rebuilt table must not hand it out again (AUTOINCREMENT's promise).
  await db.deleteFrom('posts').where('id', '=', ids.team + 0).execute();
  ids.team = (await db.insertInto('posts').values(row('team', { type: 'page', parent_id: ids.about, page_path: 'about/team' })).returning('id').executeTakeFirstOrThrow()).id;
  const last = (await db.insertInto('posts').values(row('last')).returning('id').executeTakeFirstOrThrow()).id;
  await db.deleteFrom('posts').where('id', '=', last).execute();
  ids.last = last;
  await db.insertInto('comments').values({ post_id: ids.first, kind: 'comment', status: 'approved', content: 'hi', created_at: at, updated_at: at, author_name: 'A', author_email: '', author_url: '', ip: '', user_agent: '', verification_state: 'unverified' }).execute();
  triggersBefore = await triggerNames(handle);
  await migrateToLatest(db);
});

afterAll(() => handle.close());

describe('migration 0026: page slugs unique among siblings', () => {
  it('keeps every row, id, trigger and foreign key', async () => {
    const db = handle.db;
    const rows = await db.selectFrom('posts').select(['id', 'slug', 'comment_count']).orderBy('id').execute();
    expect(rows.map((r) => r.slug)).toEqual(['first', 'second', 'gone', 'about', 'team']);
    expect(rows.find((r) => r.id === ids.first)!.comment_count).toBe(1);
    expect(await triggerNames(handle)).toEqual(triggersBefore);
    if (testDialect === 'sqlite') expect((await sql`PRAGMA foreign_key_check`.execute(db)).rows).toEqual([]);
    if (testDialect === 'sqlite') expect((await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db)).rows[0]!.foreign_keys).toBe(1);
    // Cascades still run: deleting a post takes its comments.
    await db.deleteFrom('posts').where('id', '=', ids.gone).execute();
    expect(await db.selectFrom('comments').select('id').where('post_id', '=', ids.gone).execute()).toEqual([]);
    await expect(db.deleteFrom('users').execute()).rejects.toThrow();
  });

  it('keeps the triggers working: search index, site generation, and ids never reused', async () => {
    const db = handle.db;
    expect((await searchPublished(db, testDialect, ['second'], 10, 0)).map((r) => r.id)).toEqual([ids.second]);
    const before = (await readSiteGeneration(db)).generation;
    await db.updateTable('posts').set({ title: 'Renamed second' }).where('id', '=', ids.second).execute();
    expect((await readSiteGeneration(db)).generation).toBeGreaterThan(before);
    const user = await db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const fresh = await db
      .insertInto('posts')
      .values({ author_id: user.id, title: 'New', slug: 'new', content: '', search_text: 'fresh', excerpt: '', status: 'published' as const, status_before_trash: null, published_at: at, created_at: at, updated_at: at, comment_status: 'open' as const, ping_status: 'open' as const, to_ping: '', notify_links: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(fresh.id).toBeGreaterThan(ids.last);
    expect((await searchPublished(db, testDialect, ['fresh'], 10, 0)).map((r) => r.id)).toEqual([fresh.id]);
  });

  it('lets sibling-less pages share a slug, and refuses duplicates among posts and among siblings', async () => {
    const db = handle.db;
    const user = await db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const row = (slug: string, extra: PageFields) => ({
      author_id: user.id, title: slug, slug, content: '', excerpt: '', status: 'published' as const, status_before_trash: null, published_at: at, created_at: at, updated_at: at,
      comment_status: 'open' as const, ping_status: 'open' as const, to_ping: '', notify_links: 1, ...extra,
    });
    const jobs = await db.insertInto('posts').values(row('jobs', { type: 'page', page_path: 'jobs' })).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('posts').values(row('team', { type: 'page', parent_id: jobs.id, page_path: 'jobs/team' })).execute();
    await expect(db.insertInto('posts').values(row('team', { type: 'page', parent_id: jobs.id, page_path: 'jobs/team-x' })).execute()).rejects.toThrow();
    await expect(db.insertInto('posts').values(row('jobs', { type: 'page', page_path: 'jobs-x' })).execute()).rejects.toThrow();
    await expect(db.insertInto('posts').values(row('first', {})).execute()).rejects.toThrow();
  });
});
