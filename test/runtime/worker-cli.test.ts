// `npm run worker` runs the queue alone: a separate process on the same SQLite file picks up a job the
// blog enqueued, finishes it, and shuts down cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { enqueue } from '../../src/jobs/queue.js';
import { systemClock } from '../../src/clock.js';
import { projectRoot } from '../../src/paths.js';
import { testDialect } from '../support/database.js';

describe.runIf(testDialect === 'sqlite')('the standalone worker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backtalk-worker-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a queued job from the shared database and exits cleanly on SIGTERM', async () => {
    const url = `sqlite:${join(dir, 'blog.db')}`;
    const db = openDatabase(url);
    await migrateToLatest(db.db);
    // A scan of a post that does not exist: the real handler runs and finds nothing to do.
    const id = (await enqueue(db.db, systemClock, { type: 'linkbacks.scan', payload: { postId: 424242, firstPublish: true } }))!;
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/runtime/worker-cli.ts')], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: url, DATA_DIR: dir, LOG_LEVEL: 'silent', SESSION_SECRET: 'x'.repeat(40), WORKER_CONCURRENCY: '2' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    // Listening from the start: a worker that exited on its own (it once did, its only timer being
    // unref'd) must fail this test, not hang it.
    let exitedEarly = false;
    const exited = once(child, 'exit').then((r) => ((exitedEarly = true), r));
    try {
      let status = 'queued';
      // Generous: under a full parallel test run, starting tsx and building the app can take a while.
      const deadline = Date.now() + 60_000;
      while (status !== 'done' && !exitedEarly && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await db.db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
      }
      expect(status, stderr.slice(0, 2000)).toBe('done');
      // Still running after its work is done: a standalone worker waits for more.
      await new Promise((r) => setTimeout(r, 1500));
      expect(exitedEarly).toBe(false);
    } finally {
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
      await db.close();
    }
  }, 80_000);
});
