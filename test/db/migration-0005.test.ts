// Migration 0005 on a blog that already has rows: counter tables backfilled from them, and readers'
// comments stored before it sanitised once (pages now show comments as stored).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator, type Migration } from 'kysely/migration';
import { migrations } from '../../migrations/index.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { archiveMonths, commentCountsByStatus, postCountsByStatus } from '../../src/db/counters.js';
import { openTestDatabase } from '../support/database.js';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
  const provider = { getMigrations: async (): Promise<Record<string, Migration>> => migrations };
  const result = await new Migrator({ db: handle.db, provider }).migrateTo('0004_moderation_indexes');
  expect(result.error).toBeUndefined();
  const db = handle.db;
  const at = '2026-01-05T10:00:00.000Z';
  const user = await db.insertInto('users').values({ username: 'old', display_name: 'Old', email: '', password_hash: 'x', role: 'admin', created_at: at }).returning('id').executeTakeFirstOrThrow();
  const post = (slug: string, status: 'published' | 'draft', published_at: string | null) => ({
    author_id: user.id, title: slug, slug, content: '', excerpt: '', status, status_before_trash: null, published_at, created_at: at, updated_at: at,
    comment_status: 'open' as const, ping_status: 'open' as const, to_ping: '', notify_links: 1,
  });
  const [p1] = await db
    .insertInto('posts')
    .values([post('jan-a', 'published', '2026-01-05T10:00:00.000Z'), post('jan-b', 'published', '2026-01-20T10:00:00.000Z'), post('feb', 'published', '2026-02-01T10:00:00.000Z'), post('draft', 'draft', null)])
    .returning('id')
    .execute();
  const comment = (kind: 'comment' | 'pingback', status: 'approved' | 'pending', content: string) => ({
    post_id: p1.id, kind, status, content, created_at: at, updated_at: at, author_name: 'A', author_email: '', author_url: '', ip: '', user_agent: '', verification_state: 'unverified',
  });
  await db
    .insertInto('comments')
    .values([
      comment('comment', 'approved', '<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:alert(1)">a</a></p>'),
      comment('comment', 'pending', 'plain words'),
      comment('pingback', 'approved', 'a < b, said the linkback'),
      comment('comment', 'approved', '<p>Fine <em>words</em></p><b onmouseover="x()">bold</b>'),
      comment('comment', 'approved', '<p>Fine <em>words</em><br/></p>'),
    ])
    .execute();
  await migrateToLatest(db);
});

afterAll(() => handle.close());

describe('migration 0005 on existing rows', () => {
  it('backfills the counters from the rows already there', async () => {
    const db = handle.db;
    expect(Object.fromEntries(await commentCountsByStatus(db, ['comment']))).toEqual({ approved: 3, pending: 1 });
    expect(Object.fromEntries(await commentCountsByStatus(db, null))).toEqual({ approved: 4, pending: 1 });
    expect(Object.fromEntries(await postCountsByStatus(db))).toEqual({ published: 3, draft: 1 });
    expect(await archiveMonths(db, 10)).toEqual([{ month: '2026-02', count: 1 }, { month: '2026-01', count: 2 }]);
  });

  it("sanitises readers' comments stored before it, and leaves linkbacks' text alone", async () => {
    const rows = await handle.db.selectFrom('comments').select(['kind', 'content']).orderBy('id').execute();
    expect(rows[0].content).toBe('<p>Hi <a rel="nofollow ugc">a</a></p>');
    expect(rows[1].content).toBe('plain words');
    expect(rows[2].content).toBe('a < b, said the linkback');
    expect(rows[3].content).toBe('<p>Fine <em>words</em></p><b>bold</b>');
    expect(rows[4].content).toBe('<p>Fine <em>words</em><br/></p>');
  });
});
