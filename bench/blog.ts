// The measured side of the benchmark: one blog process (the real app with its in-process worker) that
// publishes ten posts linking to every peer and waits until every delivery's first attempt is settled. Reports wall time,
// peak RSS and the delivery states as one JSON line. Started by bench/run.ts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { testConfig } from '../src/config.js';
import { createPost } from '../src/posts/service.js';
import { insertUser } from '../src/users/repository.js';

const { urls, perHost, concurrency, perHostLimit } = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { urls: string[]; perHost: number; concurrency: number; perHostLimit: number };
const dir = mkdtempSync(join(tmpdir(), 'backtalk-bench-'));
let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 10);

const config = testConfig({ databaseUrl: `sqlite:${join(dir, 'bench.db')}`, workerConcurrency: concurrency, workerPerHost: perHostLimit, logLevel: 'warn' });
const app = await buildApp(config, { startWorker: true });
await app.ready();
const ctx = app.ctx;
const user = await insertUser(ctx.db, { username: 'bench', displayName: 'Bench', email: '', passwordHash: 'x', role: 'admin', createdAt: new Date().toISOString() });
const idleRss = process.memoryUsage.rss();

const started = performance.now();
// `perHost` posts, each linking once to every peer: urls.length × perHost targets.
for (let p = 0; p < perHost; p++) {
  const content = urls.map((url, i) => `<p><a href="${url}/post?p=${p}&amp;i=${i}">peer ${i}</a></p>`).join('\n');
  const r = await createPost(ctx, user, { title: `Bench post ${p}`, content, status: 'published' });
  if (!r.ok) throw new Error(`publish failed: ${JSON.stringify(r.errors)}`);
}

const total = urls.length * perHost;
let states: Record<string, number> = {};
const deadline = Date.now() + 60_000;
while (Date.now() < deadline) {
  const rows = await ctx.db.selectFrom('deliveries').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
  states = Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  if (process.env.BENCH_TRACE) console.error(((performance.now() - started) / 1000).toFixed(2), JSON.stringify(states));
  // A delivery whose first attempt was answered is settled for this measure; "retrying" (a peer that answered
  // 500) waits for its backoff, minutes away, which is the protocol's pace rather than ours.
  const settled = rows.reduce((a, r) => a + (['queued', 'sending'].includes(r.state) ? 0 : Number(r.n)), 0);
  if (settled >= total) break;
  await new Promise((r) => setTimeout(r, process.env.BENCH_TRACE ? 250 : 5));
}
const wallMs = performance.now() - started;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage.rss());
await app.close();
rmSync(dir, { recursive: true, force: true });
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, wallMs, peakRssMb: peakRss / 1048576, idleRssMb: idleRss / 1048576, states, total }) + '\n');
