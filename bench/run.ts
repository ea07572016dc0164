// `npm run bench`: 1,000 outbound Webmentions to 100 loopback peer blogs (10 each) that answer every request
// after 50 ms, through the real app: publish → scan → queue → discovery → send. The blog (bench/blog.ts) runs
// as plain Node on an esbuild bundle, as `npm start` runs compiled JS (tsx's loader alone costs ~90 MB); the
// peers run in a third process. Measures wall time, the most requests in flight at any peer, and peak RSS;
// writes bench/RESULTS.md.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { projectRoot } from '../src/paths.js';

const HOSTS = 100;
const PER_HOST = 10;
const DELAY_MS = 50;
const CONCURRENCY = 200;
const GOALS = { wallMs: 3000, perHost: 2, rssMb: 200 };
const RUNS = 3;
const out = join(projectRoot, 'dist', 'bench');

const peersProc = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'bench', 'peers.ts'), String(HOSTS), String(DELAY_MS)], { cwd: projectRoot, stdio: ['pipe', 'pipe', 'inherit'] });
const peerLines = createInterface({ input: peersProc.stdout! })[Symbol.asyncIterator]();
const urls = JSON.parse((await peerLines.next()).value as string).urls as string[];

mkdirSync(out, { recursive: true });
await build({ entryPoints: [join(projectRoot, 'bench', 'blog.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: join(out, 'blog.mjs'), logLevel: 'warning' });
writeFileSync(join(out, 'blog-input.json'), JSON.stringify({ urls, perHost: PER_HOST, concurrency: CONCURRENCY, perHostLimit: GOALS.perHost }));
type BlogResult = { cpuMs: number; wallMs: number; peakRssMb: number; idleRssMb: number; states: Record<string, number>; total: number };
const loadBefore = loadavg()[0];
const runs: BlogResult[] = [];
// Each run is a fresh blog process and database; the median run is reported, every run is listed.
for (let run = 0; run < RUNS; run++) {
  const blog = spawn(process.execPath, [join(out, 'blog.mjs'), join(out, 'blog-input.json')], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await createInterface({ input: blog.stdout! })[Symbol.asyncIterator]().next();
  runs.push(JSON.parse(line.value as string) as BlogResult);
}
const result = [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(RUNS / 2)];
peersProc.stdin!.write('report\n');
const peers = JSON.parse((await peerLines.next()).value as string) as { received: number[]; maxInFlight: number[]; rssMb: number };
const received = peers.received.reduce((a, n) => a + n, 0) / RUNS;
const maxPerHost = Math.max(...peers.maxInFlight);
const allSent = runs.every((r) => (r.states.sent ?? 0) === r.total);

const ratio = (v: number, goal: number) => (v / goal).toFixed(2);
const ok = (v: number, goal: number) => (v <= goal ? 'met' : 'MISSED');
const cpu = cpus();
const { wallMs } = result;
const peakRssMb = Math.max(...runs.map((r) => r.peakRssMb));
const report = [
  '# Outbound delivery benchmark',
  '',
  `Run ${new Date().toISOString()} with \`npm run bench\` (bench/run.ts, bench/blog.ts, bench/peers.ts).`,
  '',
  `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM, ${platform()} ${release()}, Node ${process.version}.`,
  '',
  `Set-up: ${result.total} Webmention targets on ${HOSTS} loopback peer servers (127.0.0.1, one port each, ${PER_HOST} targets each);`,
  `every request (discovery GET and Webmention POST) is answered after ${DELAY_MS} ms. ${PER_HOST} posts are published through the posts`,
  `service; the in-process worker runs with concurrency ${CONCURRENCY} and ${GOALS.perHost} in flight per host; SQLite file database (WAL);`,
  'the real guarded HTTP client. The blog runs as plain Node on an esbuild bundle of bench/blog.ts (as `npm start` runs compiled',
  `JS); the peers run in another process (they peaked at ${peers.rssMb.toFixed(0)} MB there). Wall time runs from the first publish until`,
  `every delivery is settled. ${RUNS} runs, each a fresh blog process and database; the table shows the median run's wall`,
  `time and the highest peak RSS of all runs. Load average on the machine when the runs began: ${loadBefore.toFixed(2)} (it is shared).`,
  '',
  '| Measure | Result | Goal | Ratio to goal | |',
  '|---|---|---|---|---|',
  `| Wall time to deliver all | ${(wallMs / 1000).toFixed(2)} s | ≤ ${GOALS.wallMs / 1000} s | ${ratio(wallMs, GOALS.wallMs)} | ${ok(wallMs, GOALS.wallMs)} |`,
  `| Most requests in flight at one host | ${maxPerHost} | ≤ ${GOALS.perHost} | ${ratio(maxPerHost, GOALS.perHost)} | ${ok(maxPerHost, GOALS.perHost)} |`,
  `| Peak RSS of the blog process (sampled every 10 ms) | ${peakRssMb.toFixed(0)} MB | ≤ ${GOALS.rssMb} MB | ${ratio(peakRssMb, GOALS.rssMb)} | ${ok(peakRssMb, GOALS.rssMb)} |`,
  '',
  '| Run | Wall | CPU time of the blog process | Peak RSS | RSS idle before publishing | Delivery states |',
  '|---|---|---|---|---|---|',
  ...runs.map((r, i) => `| ${i + 1} | ${(r.wallMs / 1000).toFixed(2)} s | ${(r.cpuMs / 1000).toFixed(2)} s | ${r.peakRssMb.toFixed(0)} MB | ${r.idleRssMb.toFixed(0)} MB | ${Object.entries(r.states).map(([s, n]) => `${n} ${s}`).join(', ')} |`),
  '',
  `Webmentions received by the peers per run: ${received}.`,
  '',
  `Floor for comparison: ${PER_HOST} targets per host, 2 at a time, 2 requests of ${DELAY_MS} ms each = ${(PER_HOST / GOALS.perHost) * 2 * DELAY_MS} ms per host`,
  'when every host is served in parallel; the rest is scanning, queue claims, discovery parsing and SQLite writes on one thread.',
  '',
  'Wall time depends on the load of the machine (given above); the CPU time of the blog process does not. Run under tsx',
  'instead of from the bundle, the same process idles about 90 MB higher (the loader thread and on-the-fly transpiling).',
  '',
].join('\n');
writeFileSync(join(projectRoot, 'bench', 'RESULTS.md'), report);
console.log(report);
process.exit(allSent && received === result.total ? 0 : 1);
