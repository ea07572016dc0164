// Several app instances on one database, as N web processes behind a balancer (issue 18 points 4 and 5):
// each has its own database handle (its own SQLite connection to one file, or its own PostgreSQL pool), its
// own in-process state, and the same manual clock, so limits and races between instances are tested for real.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { testConfig, type Config } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { createHttpClient } from '../../src/net/http-client.js';
import { ManualClock } from './clock.js';
import { createSharedTestDatabase } from './database.js';
import { loopbackOnly } from './loopback-only.js';

export interface Instances {
  apps: FastifyInstance[];
  ctxs: AppContext[];
  clock: ManualClock;
  close(): Promise<void>;
}

export async function createInstances(count: number, overrides: Partial<Config> = {}): Promise<Instances> {
  const config = testConfig(overrides);
  const clock = new ManualClock();
  const shared = await createSharedTestDatabase();
  const handles: DatabaseHandle[] = [];
  const apps: FastifyInstance[] = [];
  // One after the other: the first migrates, the others find the schema current.
  for (let i = 0; i < count; i++) {
    const database = shared.open();
    handles.push(database);
    const app = await buildApp(config, { database, clock, random: () => 0.5, http: loopbackOnly(createHttpClient(config)) });
    await app.ready();
    apps.push(app);
  }
  return {
    apps,
    ctxs: apps.map((a) => a.ctx),
    clock,
    async close() {
      for (const app of apps) await app.close();
      for (const h of handles) await h.close();
      await shared.drop();
    },
  };
}
