// `npm run worker` (in production: `node_modules/.bin/node dist/src/runtime/worker-cli.js`, so SIGTERM reaches
// node): runs the job queue alone, for a server started with WORKER_CONCURRENCY=0, or extra workers beside
// it. Shares buildApp so every job handler is registered exactly as in the server.
import { runOnSupportedNode } from './supported-node.js';

// Only now load the app: on an old Node the line above has already re-run us on the pinned one.
await runOnSupportedNode();
const { buildApp } = await import('../app.js');
const { loadConfig } = await import('../config.js');
const { runWorkerUntilSignalled } = await import('./worker-process.js');

const config = loadConfig();
const app = await buildApp({ ...config, workerConcurrency: Math.max(1, config.workerConcurrency) }, { startWorker: true, runStartupTasks: true });
await app.ready();
runWorkerUntilSignalled(app);
