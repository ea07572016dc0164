// Entry point: config → database + migrations → app → listen → worker; graceful shutdown on SIGINT/SIGTERM:
// stop accepting, finish requests, let running jobs finish within WORKER_DRAIN_SECONDS and hand back the
// leases of the rest (Worker.stop), exit 0. Run it as `node_modules/.bin/node dist/src/server.js`, not
// through npm, which does not reliably pass SIGTERM on to node (issue 18 point 6).
import { runOnSupportedNode } from './runtime/supported-node.js';

// Only now load the app: on an old Node the line above has already re-run us on the pinned one.
await runOnSupportedNode();
const { buildApp } = await import('./app.js');
const { ConfigError, loadConfig, unsharedSecretWarning } = await import('./config.js');
const { ensureAdminFromConfig } = await import('./users/bootstrap.js');

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const app = await buildApp(config, { startWorker: config.workerConcurrency > 0, runStartupTasks: true });
const secretWarning = unsharedSecretWarning(config);
if (secretWarning) app.log.warn({ setting: 'SESSION_SECRET' }, secretWarning);

// Last line of defence (issue 10 point 1). Request errors reach Fastify's error handler and our callbacks
// catch their own throws; anything that still escapes is logged as structured JSON. A stray rejected
// promise leaves no half-run synchronous code behind, so the server keeps answering. An uncaught exception
// may have left state half-changed (Node's documentation: resuming is unsafe), so it is logged and the
// process stops gracefully for the supervisor to restart.
process.on('unhandledRejection', (reason) => {
  app.log.error({ err: reason }, 'unhandled promise rejection (server kept running)');
});
process.on('uncaughtException', (err) => {
  app.log.fatal({ err }, 'uncaught exception; shutting down');
  app.close().finally(() => process.exit(1));
});
await ensureAdminFromConfig(app.ctx);
await app.listen({ port: config.port, host: config.host });
app.log.info({ siteUrl: config.siteUrl, database: config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl : 'postgres' }, 'Backtalk is running');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
