// Migration 0005's counter rows, and migration 0019's approved comment and linkback counts on each post row,
// must always equal a COUNT(*) over the rows they stand for, whichever door wrote them: the posts service (publish, schedule going live, re-date, unpublish, trash, restore, delete),
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
  const approved = await db.selectFrom('comments').select(['post_id', 'kind', (eb) => eb.fn.countAll<number>().as('n')]).where('status', '=', 'approved').groupBy(['post_id', 'kind']).execute();
  const perPost = new Map((await db.selectFrom('posts').select('id').execute()).map((p) => [p.id, { comments: 0, mentions: 0 }]));
  for (const r of approved) {
    const c = perPost.get(r.post_id)!;
    if (r.kind === 'comment') c.comments += Number(r.n);
    else c.mentions += Number(r.n);
  }
  return {
    perPost: [...perPost].sort(([a], [b]) => a - b),
    comments: Object.fromEntries([...byStatus].sort()),
    posts: Object.fromEntries(posts.map((r) => [r.status, Number(r.n)]).sort()),
    months: months.map((r) => ({ month: r.month, count: Number(r.n) })),
    open: { posts: Number(open.n), pingsOpen: Number(open.pings ?? 0), commentsOpen: Number(open.comments ?? 0) },
  };
}

async function counters() {
  const db = t.ctx.db;
  const nonZero = (m: Map<string, number>) => Object.fromEntries([...m].filter(([, n]) => n !== 0).sort());
  const rows = await db.selectFrom('posts').select(['id', 'comment_count', 'mention_count']).orderBy('id').execute();
  return {
    perPost: rows.map((r) => [r.id, { comments: Number(r.comment_count), mentions: Number(r.mention_count) }]),
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

  it("keeps each post's approved counts when a comment changes kind, moves to another post, or is deleted", async () => {
    const first = await makePost(t.ctx, admin.id);
    const second = await makePost(t.ctx, admin.id);
    const c = await makeComment(t.ctx, first.id, { status: 'approved' });
    const held = await makeComment(t.ctx, first.id, { kind: 'pingback', status: 'pending' });
    await makeComment(t.ctx, second.id, { kind: 'webmention', status: 'approved' });
    await expectInStep();
    const counts = async (id: number) => t.ctx.db.selectFrom('posts').select(['comment_count', 'mention_count']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(await counts(first.id)).toEqual({ comment_count: 1, mention_count: 0 });
    await t.ctx.db.updateTable('comments').set({ kind: 'trackback' }).where('id', '=', c.id).execute();
    await expectInStep();
    expect(await counts(first.id)).toEqual({ comment_count: 0, mention_count: 1 });
    await t.ctx.db.updateTable('comments').set({ post_id: second.id }).where('id', '=', c.id).execute();
    await expectInStep();
    expect(await counts(second.id)).toEqual({ comment_count: 0, mention_count: 2 });
    // Status, kind and post all change at once; a held one moved stays uncounted until approved.
    await t.ctx.db.updateTable('comments').set({ post_id: first.id, kind: 'comment', status: 'spam' }).where('id', '=', c.id).execute();
    await t.ctx.db.updateTable('comments').set({ post_id: second.id }).where('id', '=', held.id).execute();
    await expectInStep();
    await moderateComment(t.ctx, held.id, 'approve');
    await moderateComment(t.ctx, c.id, 'approve');
    await expectInStep();
    expect(await counts(first.id)).toEqual({ comment_count: 1, mention_count: 0 });
    expect(await counts(second.id)).toEqual({ comment_count: 0, mention_count: 2 });
    await t.ctx.db.deleteFrom('comments').where('post_id', '=', second.id).execute();
    await expectInStep();
    expect(await counts(second.id)).toEqual({ comment_count: 0, mention_count: 0 });
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
