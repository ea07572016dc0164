// Scale-out: two instances on one database drain one queue together and every job runs exactly once.
// SQLite: a second process on the same file (as `npm run worker` beside the server). PostgreSQL (postgres
// project): two instances in this process, claiming with SKIP LOCKED.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { enqueue } from '../../src/jobs/queue.js';
import { projectRoot } from '../../src/paths.js';
import { COUNT_JOB, registerCountJob } from '../support/count-job.js';
import { openTestDatabase, testDialect } from '../support/database.js';

async function instance(database: DatabaseHandle, who: string): Promise<FastifyInstance> {
  const app = await buildApp(testConfig({ workerConcurrency: 3 }), { database });
  registerCountJob(app.ctx, who);
  await app.ready();
  return app;
}

async function enqueueMany(app: FastifyInstance, count: number): Promise<void> {
  await app.ctx.db.transaction().execute(async (trx) => {
    for (let n = 0; n < count; n++) await enqueue(trx, app.ctx.clock, { type: COUNT_JOB, payload: { n } });
  });
}

async function expectEachRanOnce(app: FastifyInstance, count: number): Promise<void> {
  const ran = await app.ctx.db.selectFrom('settings').select('key').where('key', 'like', 'ran:%').execute();
  expect(ran.map((r) => Number(r.key.slice(4))).sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
  const notDone = await app.ctx.db.selectFrom('jobs').select(['status', 'last_error']).where('status', '!=', 'done').execute();
  expect(notDone).toEqual([]);
}

describe.runIf(testDialect === 'sqlite')('a second process shares the SQLite queue', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backtalk-queue-'));
  const file = join(dir, 'shared.db');
  const handles: DatabaseHandle[] = [];
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs each of 200 jobs once between this process and the other', async () => {
    const database = openDatabase(`sqlite:${file}`);
    handles.push(database);
    const app = await instance(database, 'parent');
    try {
      await enqueueMany(app, 200);
      const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'test/support/queue-drainer.ts'), file], { cwd: projectRoot });
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      expect((await lines.next()).value).toBe('ready');
      child.stdin.write('go\n');
      const mine = await app.worker.runUntilIdle();
      const theirs = JSON.parse((await lines.next()).value as string).ran as number;
      console.info(`shared SQLite queue: this process ran ${mine}, the other ${theirs}`);
      await app.worker.runUntilIdle();
      expect(mine + theirs).toBeGreaterThanOrEqual(200);
      await expectEachRanOnce(app, 200);
    } finally {
      await app.close();
      await database.close();
    }
  }, 60_000);
});

describe.runIf(testDialect === 'postgres')('two instances share the PostgreSQL queue', () => {
  it('runs each of 200 jobs once, whichever instance claims it', async () => {
    const database = await openTestDatabase();
    const a = await instance(database, 'a');
    const b = await instance(database, 'b');
    try {
      await enqueueMany(a, 200);
      const [ra, rb] = await Promise.all([a.worker.runUntilIdle(), b.worker.runUntilIdle()]);
      expect(ra + rb).toBe(200);
      await expectEachRanOnce(a, 200);
    } finally {
      await a.close();
      await b.close();
      await database.close();
    }
  });
});
