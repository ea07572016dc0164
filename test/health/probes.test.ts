// Issue 18 point 6: /healthz answers without the database; /readyz says whether this instance can serve
// (database reachable, every migration applied) and answers 503 when not, so a balancer skips it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { openTestDatabase } from '../support/database.js';

let database: DatabaseHandle;
let app: FastifyInstance;
let databaseClosed: boolean;

beforeEach(async () => {
  database = await openTestDatabase();
  databaseClosed = false;
  app = await buildApp(testConfig(), { database });
  await app.ready();
});

afterEach(async () => {
  await app.close();
  if (!databaseClosed) await database.close();
});

describe('/healthz', () => {
  it('answers JSON, uncached, with no session cookie, even with the database gone', async () => {
    await database.close();
    databaseClosed = true;
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.json()).toMatchObject({ status: 'ok', pid: process.pid });
  });
});

describe('/readyz', () => {
  it('is ready when the database answers and every migration ran', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({ status: 'ready', database: 'ok', dialect: database.dialect });
  });

  it('answers 503 naming the migrations this code expects but the database has not run', async () => {
    await database.db.deleteFrom('kysely_migration' as any).where('name', '=', '0009_job_leases').execute();
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not ready', database: 'ok', pendingMigrations: ['0009_job_leases'] });
  });

  it('answers 503 when the database is unreachable', async () => {
    await database.close();
    databaseClosed = true;
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not ready', database: 'unreachable' });
  });
});
