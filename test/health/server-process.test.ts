// The real server process (src/server.ts, as `node dist/src/server.js` runs it): probes answer over HTTP,
// the start warns when several instances could not share sessions (PostgreSQL without SESSION_SECRET,
// issue 18 point 6), and SIGTERM ends it with exit code 0.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialect } from '../support/database.js';
import { createSharedDatabase, type SharedDatabase } from '../support/process-database.js';
import { logged, spawnEntry, type Spawned } from '../support/spawned.js';

let shared: SharedDatabase;
let server: Spawned | null = null;

beforeEach(async () => {
  shared = await createSharedDatabase();
});

afterEach(async () => {
  server?.child.kill('SIGKILL');
  await server?.exited;
  await shared.close();
});

const secretWarning = (line: string) => line.includes('"setting":"SESSION_SECRET"');

describe('the server process', () => {
  it('answers the probes, warns about an unshared session secret only on PostgreSQL, and exits 0 on SIGTERM', async () => {
    // SESSION_SECRET empty counts as unset.
    server = spawnEntry('src/server.ts', { DATABASE_URL: shared.url, DATA_DIR: shared.dir, PORT: '0', HOST: '127.0.0.1', SESSION_SECRET: '', WORKER_CONCURRENCY: '1' });
    const listening = JSON.parse(await server.waitForLine((l) => l.includes('Server listening at http://127.0.0.1:'), 'the server to listen')) as { msg: string };
    const base = /http:\/\/127\.0\.0\.1:\d+/.exec(listening.msg)![0];
    await server.waitForLine(logged('Backtalk is running'), 'the server to be running');

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', dialect: testDialect });
    expect(server.lines.some(secretWarning)).toBe(testDialect === 'postgres');

    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    expect(exit.code, server.stderr()).toBe(0);
    // Nothing in flight: well inside the default drain bound (10 s).
    expect(exit.at - signalled).toBeLessThan(5000);
    expect(server.lines.some(logged('shutting down'))).toBe(true);
  }, 90_000);
});
