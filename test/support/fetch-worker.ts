// Child process for the multi-process queue tests: a standalone worker configured from the environment (as
// `npm run worker` is), with one extra job type that GETs a URL, so a loopback receiver sees every request a
// job makes. Ends exactly as the real worker does (runWorkerUntilSignalled).
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { runWorkerUntilSignalled } from '../../src/runtime/worker-process.js';

// The tests enqueue this type by name (importing this file would run it).
const FETCH_JOB = 'test.fetch';

const app = await buildApp(loadConfig(), { startWorker: true });
app.ctx.handlers.set(FETCH_JOB, async (payload: { url: string }) => {
  const res = await fetch(payload.url, { headers: { 'x-worker-pid': String(process.pid) } });
  await res.text();
  if (!res.ok) throw new Error(`receiver answered ${res.status}`);
});
await app.ready();
runWorkerUntilSignalled(app);
