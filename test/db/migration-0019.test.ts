// Migration 0019 on a blog that already has comments: each post's comment_count and mention_count are
// backfilled from the approved rows already stored (readers' comments and linkbacks apart), so the listings,
// which now read the post row, show the same numbers after the upgrade as before it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator, type Migration } from 'kysely/migration';
import { migrations } from '../../migrations/index.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { openTestDatabase } from '../support/database.js';

let handle: DatabaseHandle;
let ids: number[];

beforeAll(async () => {
  handle = await openTestDatabase();
  const provider = { getMigrations: async (): Promise<Record<string, Migration>> => migrations };
  const result = await new Migrator({ db: handle.db, provider }).migrateTo('0018_comment_threads');
  expect(result.error).toBeUndefined();
  const db = handle.db;
  const at = '2026-01-05T10:00:00.000Z';
  const user = await db.insertInto('users').values({ username: 'old', display_name: 'Old', email: '', password_hash: 'x', role: 'admin', created_at: at }).returning('id').executeTakeFirstOrThrow();
  const post = (slug: string) => ({
    author_id: user.id, title: slug, slug, content: '', excerpt: '', status: 'published' as const, status_before_trash: null, published_at: at, created_at: at, updated_at: at,
    comment_status: 'open' as const, ping_status: 'open' as const, to_ping: '', notify_links: 1,
  });
  ids = (await db.insertInto('posts').values([post('busy'), post('linked'), post('quiet')]).returning('id').execute()).map((r) => r.id);
  const comment = (postId: number, kind: 'comment' | 'pingback' | 'trackback' | 'webmention', status: 'approved' | 'pending' | 'spam' | 'trash') => ({
    post_id: postId, kind, status, content: 'words', created_at: at, updated_at: at, author_name: 'A', author_email: '', author_url: '', ip: '', user_agent: '', verification_state: 'unverified',
  });
  await db
    .insertInto('comments')
    .values([
      comment(ids[0], 'comment', 'approved'),
      comment(ids[0], 'comment', 'approved'),
      comment(ids[0], 'comment', 'pending'),
      comment(ids[0], 'pingback', 'approved'),
      comment(ids[1], 'webmention', 'approved'),
      comment(ids[1], 'trackback', 'approved'),
      comment(ids[1], 'comment', 'spam'),
      comment(ids[2], 'comment', 'trash'),
      comment(ids[2], 'pingback', 'pending'),
    ])
    .execute();
  await migrateToLatest(db);
});

afterAll(() => handle.close());

describe('migration 0019 on existing comments', () => {
  it("backfills each post's approved comments and approved linkbacks, not held, spam or trashed ones", async () => {
    const rows = await handle.db.selectFrom('posts').select(['id', 'comment_count', 'mention_count']).orderBy('id').execute();
    expect(rows.map((r) => [r.id, Number(r.comment_count), Number(r.mention_count)])).toEqual([
      [ids[0], 2, 1],
      [ids[1], 0, 2],
      [ids[2], 0, 0],
    ]);
  });

  it('counts what is written after it through the triggers, from the backfilled numbers on', async () => {
    const db = handle.db;
    await db.updateTable('comments').set({ status: 'approved' }).where('post_id', '=', ids[0]).where('status', '=', 'pending').execute();
    const row = await db.selectFrom('posts').select(['comment_count', 'mention_count']).where('id', '=', ids[0]).executeTakeFirstOrThrow();
    expect([Number(row.comment_count), Number(row.mention_count)]).toEqual([3, 1]);
  });
});
