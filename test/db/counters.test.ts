// Migration 0005's counter rows must always equal a COUNT(*) over the rows they stand for, whichever door
// wrote them: the posts service (publish, schedule going live, re-date, unpublish, trash, restore, delete),
// moderation and bulk deletes, a cascade from a deleted post, and plain SQL as an import script would use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { makeComment, makePost } from '../comments/fixtures.js';
import { createPost, deletePostForever, publishIfDue, restorePost, trashPost, updatePost } from '../../src/posts/service.js';
import { moderateComment } from '../../src/comments/moderation.js';
import { emptyStatus } from '../../src/comments/purge.js';
import { archiveMonths, commentCountsByStatus, postCountsByStatus, postDiscussionCounts } from '../../src/db/counters.js';
import { setOnAllPosts } from '../../src/admin/discussion-settings.js';
import type { User } from '../../src/db/schema.js';

let t: TestApp;
let admin: User;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-03-15T12:00:00.000Z'));
  admin = await createUser(t.ctx, 'admin');
});
afterAll(() => t.close());

/** What the counters should say, counted the slow way. */
async function truth() {
  const db = t.ctx.db;
  const comments = await db.selectFrom('comments').select(['status', 'kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['status', 'kind']).execute();
  const posts = await db.selectFrom('posts').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const month = sql<string>`substr(published_at, 1, 7)`;
  const months = await db
    .selectFrom('posts')
    .select([month.as('month'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'published')
    .where('published_at', 'is not', null)
    .groupBy(month)
    .orderBy(month, 'desc')
    .execute();
  const open = await db
    .selectFrom('posts')
    .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`sum(case when ping_status = 'open' then 1 else 0 end)`.as('pings'), sql<number>`sum(case when comment_status = 'open' then 1 else 0 end)`.as('comments')])
    .where('status', '!=', 'trash')
    .executeTakeFirstOrThrow();
  const byStatus = new Map<string, number>();
  for (const r of comments) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + Number(r.n));
  return {
    comments: Object.fromEntries([...byStatus].sort()),
    posts: Object.fromEntries(posts.map((r) => [r.status, Number(r.n)]).sort()),
    months: months.map((r) => ({ month: r.month, count: Number(r.n) })),
    open: { posts: Number(open.n), pingsOpen: Number(open.pings ?? 0), commentsOpen: Number(open.comments ?? 0) },
  };
}

async function counters() {
  const db = t.ctx.db;
  const nonZero = (m: Map<string, number>) => Object.fromEntries([...m].filter(([, n]) => n !== 0).sort());
  return {
    comments: nonZero(await commentCountsByStatus(db, null)),
    posts: nonZero(await postCountsByStatus(db)),
    months: await archiveMonths(db, 1000),
    open: await postDiscussionCounts(db),
  };
}

async function expectInStep() {
  expect(await counters()).toEqual(await truth());
}

describe('counter rows stay equal to the rows they count', () => {
  it('follows the posts service through publish, schedule, re-date, unpublish, trash, restore and delete', async () => {
    const input = { title: 'A', content: '<p>x</p>', status: 'published' as const };
    const a = await createPost(t.ctx, admin, { ...input, date: '2026-01-10T10:00:00.000Z' });
    const b = await createPost(t.ctx, admin, { ...input, date: '2026-02-10T10:00:00.000Z' });
    const later = await createPost(t.ctx, admin, { ...input, date: '2026-04-01T10:00:00.000Z' });
    await createPost(t.ctx, admin, { ...input, status: 'draft' });
    expect(a.ok && b.ok && later.ok).toBe(true);
    if (!a.ok || !b.ok || !later.ok) return;
    expect(later.post.status).toBe('scheduled');
    await expectInStep();
    expect((await archiveMonths(t.ctx.db, 10)).map((m) => m.month)).toEqual(['2026-02', '2026-01']);

    await updatePost(t.ctx, admin, a.post.id, { ...input, date: '2026-02-20T10:00:00.000Z' });
    await expectInStep();
    expect(await archiveMonths(t.ctx.db, 10)).toEqual([{ month: '2026-02', count: 2 }]);

    t.clock.set(new Date('2026-04-02T00:00:00.000Z'));
    await publishIfDue(t.ctx, later.post.id);
    await expectInStep();
    await updatePost(t.ctx, admin, b.post.id, { ...input, status: 'draft' });
    await expectInStep();
    await trashPost(t.ctx, admin, a.post.id);
    await expectInStep();
    await restorePost(t.ctx, admin, a.post.id);
    await expectInStep();
    await setOnAllPosts(t.ctx, 'pings', 'closed');
    await expectInStep();
    expect((await postDiscussionCounts(t.ctx.db)).pingsOpen).toBe(0);
    await deletePostForever(t.ctx, admin, later.post.id);
    await expectInStep();
  });

  it('follows moderation, bulk deletes and the cascade from a deleted post', async () => {
    const post = await makePost(t.ctx, admin.id);
    const ids: number[] = [];
    for (const kind of ['comment', 'pingback', 'webmention'] as const) ids.push((await makeComment(t.ctx, post.id, { kind, status: 'pending' })).id);
    await expectInStep();
    await moderateComment(t.ctx, ids[0], 'approve');
    await moderateComment(t.ctx, ids[1], 'spam');
    await moderateComment(t.ctx, ids[2], 'trash');
    await expectInStep();
    expect((await commentCountsByStatus(t.ctx.db, ['pingback'])).get('spam')).toBe(1);
    await emptyStatus(t.ctx, 'spam');
    await expectInStep();
    await makeComment(t.ctx, post.id, { kind: 'trackback', status: 'approved' });
    await deletePostForever(t.ctx, admin, post.id);
    await expectInStep();
  });

  it('follows plain SQL, as an import script writing straight into the tables would', async () => {
    const now = t.clock.now().toISOString();
    const row = { author_id: admin.id, content: '', excerpt: '', status_before_trash: null, created_at: now, updated_at: now, comment_status: 'open' as const, ping_status: 'open' as const, to_ping: '', notify_links: 1 };
    await t.ctx.db
      .insertInto('posts')
      .values([
        { ...row, title: 'i1', slug: 'import-1', status: 'published', published_at: '2025-12-24T00:00:00.000Z' },
        { ...row, title: 'i2', slug: 'import-2', status: 'published', published_at: '2025-12-25T00:00:00.000Z' },
      ])
      .execute();
    await t.ctx.db.updateTable('posts').set({ published_at: '2025-11-01T00:00:00.000Z' }).where('slug', '=', 'import-2').execute();
    await expectInStep();
    await t.ctx.db.deleteFrom('posts').where('slug', 'like', 'import-%').execute();
    await expectInStep();
  });
});
