// Spam and trash go for good after 30 days (WordPress's EMPTY_TRASH_DAYS): the purge job is queued when
// something is spammed or trashed, deletes only what is older than 30 days, and reschedules while any is left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { moderateMany } from '../../src/admin/comments-bulk.js';
import { makeComment, makePost } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const DAY = 86_400_000;
const exists = async (id: number) => (await t.ctx.db.selectFrom('comments').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
const purgeJobs = () => t.ctx.db.selectFrom('jobs').selectAll().where('type', '=', 'comments.purge').where('status', '=', 'queued').execute();

describe('purge of old spam and trash', () => {
  it('deletes spam and trash older than 30 days only, then waits for the next day', async () => {
    const post = await makePost(t.ctx, (await createUser(t.ctx, 'author')).id);
    const old = await makeComment(t.ctx, post.id);
    const oldSpam = await makeComment(t.ctx, post.id);
    const kept = await makeComment(t.ctx, post.id, { status: 'approved' });
    expect(await purgeJobs()).toHaveLength(0);
    await moderateMany(t.ctx, [old.id], 'trash', 'admin');
    await moderateMany(t.ctx, [oldSpam.id], 'spam', 'admin');
    expect(await purgeJobs()).toHaveLength(1);
    t.clock.advance(20 * DAY);
    const recent = await makeComment(t.ctx, post.id);
    await moderateMany(t.ctx, [recent.id], 'trash', 'admin');
    t.clock.advance(11 * DAY);
    await t.app.worker.runUntilIdle();
    expect([await exists(old.id), await exists(oldSpam.id), await exists(recent.id), await exists(kept.id)]).toEqual([false, false, true, true]);
    const next = await purgeJobs();
    expect(next).toHaveLength(1);
    expect(new Date(next[0].run_at).getTime()).toBe(t.clock.now().getTime() + DAY);
  });
});
