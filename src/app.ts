// buildApp(config, deps): the one Fastify instance used by the server, the worker and every test. Plugins,
// error handling, the job handlers and every feature's routes are wired here and nowhere else.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { sql } from 'kysely';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import session from '@fastify/session';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import view from '@fastify/view';
import { Eta } from 'eta';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrator.js';
import { writeTransaction } from './db/write-transaction.js';
import { Worker, type JobHandler } from './jobs/worker.js';
import { loadSessionUser } from './http/auth.js';
import { registerErrorHandling } from './http/errors.js';
import { registerRender } from './http/render.js';
import { registerHeaderGuard } from './http/header-guard.js';
import { registerPageCache } from './http/page-cache.js';
import { DatabaseSessionStore, SESSION_MAX_AGE_MS } from './http/session-store.js';
import { sharedRateLimitStore } from './http/shared-rate-limit-store.js';
import { publicDir, viewsDir } from './paths.js';
import { createHttpClient } from './net/http-client.js';
import type { HttpClient } from './net/types.js';
import { MethodRegistry } from './xmlrpc/registry.js';
import { features } from './features.js';
import { fastifyTrustProxy } from './trust-proxy.js';

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

  const app = Fastify({
    logger: { level: config.logLevel },
    trustProxy: fastifyTrustProxy(config.trustProxy) as FastifyServerOptions['trustProxy'],
    bodyLimit: 1_048_576,
    // Slugs run to 190 characters; percent-encoded non-Latin ones to six bytes each (posts/permalink.ts).
    routerOptions: { maxParamLength: 2048 },
    // A URL with broken percent-encoding is the client's mistake: a plain 400 page, not Fastify's JSON. (The
    // router answers before plugins run, so the themed reply.page is not available here.)
    frameworkErrors: (error, _request, rawReply) => {
      const reply = rawReply as unknown as FastifyReply;
      if (error.code !== 'FST_ERR_BAD_URL') {
        void reply.code(error.statusCode ?? 400).send(error);
        return;
      }
      void reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad request</title><link rel="stylesheet" href="/static/style.css"></head><body><main class="wrap"><h1>400 · Bad request</h1><p>This address is not a valid URL (broken %-encoding).</p><p><a href="/">Go to the home page</a></p></main></body></html>');
    },
  });

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
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:', 'http:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: false,
  });
  await app.register(formbody, { bodyLimit: 1_048_576 });
  await app.register(cookie);
  // Before the session plugin, so its own onSend runs after headers were found sendable.
  registerHeaderGuard(app);
  await app.register(session, {
    secret: config.sessionSecret,
    cookieName: 'backtalk_session',
    store: new DatabaseSessionStore(ctx.db, ctx.clock, app.log),
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/', maxAge: SESSION_MAX_AGE_MS },
  });
  await app.register(csrf, { sessionPlugin: '@fastify/session' });
  await app.register(rateLimit, { global: false, store: sharedRateLimitStore(ctx) });
  await app.register(fastifyStatic, { root: publicDir, prefix: '/static/', maxAge: '1h' });
  await app.register(view, {
    engine: { eta: new Eta({ views: viewsDir, cache: config.logLevel !== 'debug', autoEscape: true }) },
    templates: viewsDir,
    production: true,
  });

  app.decorateRequest('user', null);
  app.addHook('preHandler', async (request) => {
    request.user = await loadSessionUser(ctx.db, request);
  });
  registerRender(app, ctx);
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
