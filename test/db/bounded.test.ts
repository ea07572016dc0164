// db/bounded.ts: a capped count stops at cap + 1, and the merge of per-value index walks returns exactly
// the page a single ORDER BY over an IN (...) filter would, at every offset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cappedCount, newestFirst } from '../../src/db/bounded.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { makeComment, makePost } from '../comments/fixtures.js';

let t: TestApp;
let postId: number;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await createUser(t.ctx, 'admin');
  postId = (await makePost(t.ctx, admin.id)).id;
  const statuses = ['pending', 'approved', 'spam'] as const;
  for (let i = 0; i < 45; i++) {
    // Several comments share a timestamp, so the id tie-break matters.
    const created_at = new Date(Date.UTC(2026, 0, 1, 0, Math.floor(i / 3))).toISOString();
    await makeComment(t.ctx, postId, { status: statuses[(i * 7) % 3], created_at });
  }
});
afterAll(() => t.close());

describe('bounded queries', () => {
  it('counts up to cap + 1 and no further', async () => {
    const all = t.ctx.db.selectFrom('comments').where('post_id', '=', postId);
    expect(await cappedCount(t.ctx.db, all, 1000)).toBe(45);
    expect(await cappedCount(t.ctx.db, all, 10)).toBe(11);
    expect(await cappedCount(t.ctx.db, all.where('status', '=', 'spam'), 1000)).toBe(15);
  });

  it('merges per-status walks into the same pages as one sorted IN query', async () => {
    const db = t.ctx.db;
    const statuses = ['pending', 'approved'] as const;
    for (const [limit, offset] of [[20, 0], [20, 20], [7, 3], [50, 0], [5, 40]]) {
      const expected = await db
        .selectFrom('comments')
        .select(['id', 'created_at'])
        .where('status', 'in', [...statuses])
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      const branches = statuses.map((s) => db.selectFrom('comments').select(['id', 'created_at']).where('status', '=', s));
      const merged = await newestFirst(db, branches, { created: 'created_at', id: 'id' }, limit, offset).execute();
      expect(merged.map((r) => r.id), `limit ${limit} offset ${offset}`).toEqual(expected.map((r) => r.id));
    }
  });
});
