// Migration 0016 on a blog that already has posts: their text is extracted and the published ones indexed,
// so search works on the first request after the upgrade, with no rebuild step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator, type Migration } from 'kysely/migration';
import { migrations } from '../../migrations/index.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { countMatches, searchPublished } from '../../src/search/repository.js';
import { openTestDatabase } from '../support/database.js';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
  const provider = { getMigrations: async (): Promise<Record<string, Migration>> => migrations };
  const result = await new Migrator({ db: handle.db, provider }).migrateTo('0012_media_site_generation');
  expect(result.error).toBeUndefined();
  const db = handle.db as any;
  const at = '2026-01-05T10:00:00.000Z';
  const user = await db.insertInto('users').values({ username: 'old', display_name: 'Old', email: '', password_hash: 'x', role: 'admin', created_at: at }).returning('id').executeTakeFirstOrThrow();
  const post = (slug: string, status: string, content: string) => ({
    author_id: user.id, title: `Title ${slug}`, slug, content, excerpt: '', status, status_before_trash: null, published_at: at, created_at: at, updated_at: at,
    comment_status: 'open', ping_status: 'open', to_ping: '', notify_links: 1,
  });
  // More rows than one backfill batch would be nice, but 500+ rows is slow on PostgreSQL; the loop is the same.
  await db
    .insertInto('posts')
    .values([
      post('kept', 'published', '<p>An <a href="http://example.com/otter">otter</a> swims &amp; dives.</p><!--more--><p>Later.</p>'),
      post('hidden', 'draft', '<p>An otter in a draft.</p>'),
      post('binned', 'trash', '<p>An otter in the trash.</p>'),
    ])
    .execute();
  await migrateToLatest(handle.db);
});

afterAll(() => handle.close());

describe('migration 0016 on existing posts', () => {
  it('keeps each post’s text without its markup', async () => {
    const row = await handle.db.selectFrom('posts').select('search_text').where('slug', '=', 'kept').executeTakeFirstOrThrow();
    expect(row.search_text).toBe('An otter swims & dives. Later.');
  });

  it('indexes the published posts, and only them', async () => {
    const found = await searchPublished(handle.db, handle.dialect, ['otter'], 10, 0);
    expect(found.map((p) => p.slug)).toEqual(['kept']);
    expect(await countMatches(handle.db, handle.dialect, ['otter'])).toBe(1);
    expect(await countMatches(handle.db, handle.dialect, ['example'])).toBe(0);
    expect(await countMatches(handle.db, handle.dialect, ['dives'])).toBe(1);
  });
});
