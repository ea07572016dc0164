// `npm run worker`: runs the job queue alone (for a server started with WORKER_CONCURRENCY=0, or extra
// workers beside it). Shares buildApp so every job handler is registered exactly as in the server.
import { runOnSupportedNode } from '../runtime/supported-node.js';

// Only now load the app: on an old Node the line above has already re-run us on the pinned one.
await runOnSupportedNode();
const { buildApp } = await import('../app.js');
const { loadConfig } = await import('../config.js');

const config = loadConfig();
const app = await buildApp({ ...config, workerConcurrency: Math.max(1, config.workerConcurrency) }, { startWorker: true, runStartupTasks: true });
await app.ready();
// The worker's poll timer is unref'd (so it never holds a server or a test open); here nothing else
// would keep the process alive, so this handle does until a signal asks us to stop.
const keepAlive = setInterval(() => undefined, 60_000);
app.log.info({ workerId: app.worker.id }, 'worker running');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    clearInterval(keepAlive);
    void app.close().then(() => process.exit(0));
  });
}
