// buildApp(config, deps): the one Fastify instance used by the server, the worker and every test. Plugins,
// error handling, the job handlers and every feature's routes are wired here and nowhere else.
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrator.js';
import { writeTransaction } from './db/write-transaction.js';
import { Worker, type JobHandler } from './jobs/worker.js';
import { registerErrorHandling } from './http/errors.js';
import { serverOptions } from './http/server-options.js';
import { securityHeaders } from './http/plugins/security-headers.js';
import { formBodies } from './http/plugins/form-bodies.js';
import { sessions } from './http/plugins/sessions.js';
import { rateLimits } from './http/plugins/rate-limits.js';
import { staticFiles } from './http/plugins/static-files.js';
import { views } from './http/plugins/views.js';
import { currentUser } from './http/plugins/current-user.js';
import { registerRender } from './http/render.js';
import { registerPageCache } from './http/page-cache.js';
import { countPending } from './comments/repository.js';
import { createHttpClient } from './net/http-client.js';
import type { HttpClient } from './net/types.js';
import { MethodRegistry } from './xmlrpc/registry.js';
import { features } from './features.js';

export interface AppDeps {
  database?: DatabaseHandle;
  clock?: Clock;
  random?: () => number;
  /** Replace the outbound client (tests of the guard itself build their own). */
  http?: HttpClient;
  /** Start the in-process worker (the server does; tests step the queue with runUntilIdle instead). */
  startWorker?: boolean;
  /** Run ctx.startupTasks when ready (the server and `npm run worker` do; most tests do not). */
  runStartupTasks?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    worker: Worker;
    xmlrpcMethods: MethodRegistry;
  }
}

export async function buildApp(config: Config, deps: AppDeps = {}): Promise<FastifyInstance> {
  const database = deps.database ?? openDatabase(config.databaseUrl);
  const applied = await migrateToLatest(database.db);
  // A migration that adds indexes leaves SQLite's planner without statistics for them until the next
  // start; refresh them now (bounded cost, https://sqlite.org/pragma.html#pragma_optimize).
  if (applied.length && database.dialect === 'sqlite') await sql`pragma optimize = 0x10002`.execute(database.db);

  const app = Fastify(serverOptions(config));

  const handlers = new Map<string, JobHandler>();
  // The agent we create we also close; a client passed in belongs to the caller.
  const ownHttp = deps.http ? null : createHttpClient(config);
  let worker: Worker | null = null;
  const ctx: AppContext = {
    config,
    db: database.db,
    dialect: database.dialect,
    clock: deps.clock ?? systemClock,
    log: app.log,
    handlers,
    transaction: (fn) => writeTransaction(database.db, database.dialect, fn),
    wakeWorker: () => worker?.wake(),
    random: deps.random ?? Math.random,
    http: deps.http ?? ownHttp!,
    postPageHooks: [],
    startupTasks: [],
  };
  worker = new Worker({
    db: ctx.db,
    dialect: ctx.dialect,
    clock: ctx.clock,
    log: app.log,
    handlers,
    concurrency: config.workerConcurrency,
    perHost: config.workerPerHost,
    leaseMs: config.workerLeaseMs,
    drainMs: config.workerDrainMs,
    random: ctx.random,
  });
  const xmlrpcMethods = new MethodRegistry();
  app.decorate('ctx', ctx);
  app.decorate('worker', worker);
  app.decorate('xmlrpcMethods', xmlrpcMethods);

  // First of all hooks: a cached anonymous page is answered without helmet, cookie parsing, sessions or users
  // (the security headers helmet set on the rendered response are stored with the page and sent again).
  registerPageCache(app, ctx);
  await securityHeaders(app);
  await formBodies(app);
  await sessions(app, ctx);
  await rateLimits(app, ctx);
  await staticFiles(app);
  await views(app, config);
  currentUser(app, ctx);
  registerRender(app, ctx, countPending);
  registerErrorHandling(app);

  for (const feature of features) await feature(app, ctx);

  app.addHook('onReady', async () => {
    if (deps.runStartupTasks) for (const task of ctx.startupTasks) await task();
    if (deps.startWorker) worker?.start();
  });
  app.addHook('onClose', async () => {
    await worker?.stop();
    if (ownHttp) await ownHttp.close();
    if (!deps.database) await database.close();
  });
  return app;
}
