// Builds the real app on a fresh, migrated in-memory SQLite database with a manual clock, for one test file.
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../src/clock.js';
import { testConfig, type Config } from '../../src/config.js';
import { buildApp } from '../../src/app.js';
import { openTestDatabase } from './database.js';
import { loopbackOnly } from './loopback-only.js';
import { createHttpClient } from '../../src/net/http-client.js';
import type { AppContext } from '../../src/context.js';
import type { Role, User } from '../../src/db/schema.js';
import { hashPassword } from '../../src/users/passwords.js';
import { insertUser } from '../../src/users/repository.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: ManualClock;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Partial<Config> = {}, opts: { clock?: ManualClock; random?: () => number; beforeReady?: (app: FastifyInstance) => void; runStartupTasks?: boolean } = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const clock = opts.clock ?? new ManualClock();
  const database = await openTestDatabase();
  const app = await buildApp(config, { database, clock, random: opts.random ?? (() => 0.5), http: loopbackOnly(createHttpClient(config)), runStartupTasks: opts.runStartupTasks });
  opts.beforeReady?.(app);
  await app.ready();
  return {
    app,
    ctx: app.ctx,
    clock,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

let userSeq = 0;
/** Inserts a user directly; the password is the username twice plus "!" unless given. */
export async function createUser(ctx: AppContext, role: Role = 'admin', username?: string, password?: string): Promise<User & { password: string }> {
  const name = username ?? `${role}${++userSeq}`;
  const pw = password ?? `${name}${name}!`;
  const user = await insertUser(ctx.db, {
    username: name,
    displayName: name.charAt(0).toUpperCase() + name.slice(1),
    email: `${name}@example.test`,
    passwordHash: await hashPassword(pw),
    role,
    createdAt: ctx.clock.now().toISOString(),
  });
  return { ...user, password: pw };
}
