// Migration 0008 and the pending-scan lookup (issue 12 point 3): jobs carry a lasting subject key, old scan jobs
// get theirs from their payload, and "is a scan of post N pending?" reads that key, never the JSON text.
import { afterEach, describe, expect, it } from 'vitest';
import { Migrator, type Migration } from 'kysely/migration';
import { migrations } from '../../migrations/index.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { claim, enqueue, markDone } from '../../src/jobs/queue.js';
import { SCAN_JOB, scanSubject } from '../../src/jobs/job-types.js';
import { scanPending } from '../../src/linkbacks/outbound/repository.js';
import { ManualClock } from '../support/clock.js';
import { openTestDatabase } from '../support/database.js';

const provider = { getMigrations: async (): Promise<Record<string, Migration>> => migrations };
let handle: DatabaseHandle | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

describe('migration 0008: job subject keys', () => {
  it('backfills existing scan jobs from their payload and leaves other jobs alone', async () => {
    handle = await openTestDatabase();
    const migrator = new Migrator({ db: handle.db, provider });
    expect((await migrator.migrateTo('0004_moderation_indexes')).error).toBeUndefined();
    const at = '2026-01-15T12:00:00.000Z';
    const row = (type: string, payload: string) => ({ type, payload, status: 'queued', run_at: at, attempts: 0, max_attempts: 8, host: null, dedupe_key: null, locked_by: null, locked_until: null, last_error: null, created_at: at, updated_at: at });
    await (handle.db as any).insertInto('jobs').values([row(SCAN_JOB, '{"postId":12,"firstPublish":true}'), row(SCAN_JOB, 'not json'), row('posts.publish_due', '{"postId":12}')]).execute();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const jobs = await handle.db.selectFrom('jobs').select(['type', 'payload', 'subject_key']).orderBy('id').execute();
    expect(jobs.map((j) => j.subject_key)).toEqual(['post:12', null, null]);
  });
});

describe('scanPending', () => {
  it('is true while a scan of that very post is queued or running, and false once it is done', async () => {
    handle = await openTestDatabase();
    await new Migrator({ db: handle.db, provider }).migrateToLatest();
    const clock = new ManualClock();
    // Post 1's scan must not be taken for post 12's, as a prefix match on '{"postId":1' would.
    await enqueue(handle.db, clock, { type: SCAN_JOB, payload: { postId: 12, firstPublish: true }, subjectKey: scanSubject(12) });
    expect(await scanPending(handle.db, 12)).toBe(true);
    expect(await scanPending(handle.db, 1)).toBe(false);
    const [job] = await claim(handle.db, handle.dialect, clock, { workerId: 'w', limit: 1, perHost: 2, leaseMs: 60_000 });
    expect(job!.dedupe_key).toBeNull();
    expect(await scanPending(handle.db, 12)).toBe(true);
    await markDone(handle.db, clock, job!);
    expect(await scanPending(handle.db, 12)).toBe(false);
  });
});
