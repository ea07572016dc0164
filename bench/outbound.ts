// The outbound section of `npm run bench` (issue 11 point 5): 1,000 Webmentions to 100 loopback peer blogs
// (10 each; bench/peers.ts) that answer every request after 50 ms — a tenth of them answer 404, a tenth
// redirect, a tenth serve a real 40 KB page, a tenth refuse with 500 — through the real app at the SHIPPED
// defaults (WORKER_CONCURRENCY, WORKER_PER_HOST as src/config.ts sets them): publish → scan → queue →
// discovery → send. The blog (bench/blog.ts) runs as plain Node on an esbuild bundle, as `npm start` runs
// compiled JS; the peers run in a third process. Measures wall time, the most requests in flight at any
// peer, and peak RSS.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { loadConfig } from '../src/config.js';
import { projectRoot } from '../src/paths.js';
import { SHIPPED_NODE_FLAGS } from '../src/runtime/node-flags.js';

const HOSTS = 100;
const PER_HOST = 10;
const DELAY_MS = 50;
const GOALS = { wallMs: 3000, perHost: 2, rssMb: 200 };
const RUNS = 3;
const out = join(projectRoot, 'dist', 'bench');

/** The defaults an operator gets with no .env and no environment. */
function shippedDefaults(): { concurrency: number; perHost: number } {
  const empty = mkdtempSync(join(tmpdir(), 'backtalk-defaults-'));
  try {
    const c = loadConfig({ SESSION_SECRET: 'x'.repeat(40) }, empty);
    return { concurrency: c.workerConcurrency, perHost: c.workerPerHost };
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
}

export async function runOutbound(log: (line: string) => void): Promise<{ markdown: string; ok: boolean }> {
  const defaults = shippedDefaults();
  const peersProc = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'bench', 'peers.ts'), String(HOSTS), String(DELAY_MS)], { cwd: projectRoot, stdio: ['pipe', 'pipe', 'inherit'] });
  const peerLines = createInterface({ input: peersProc.stdout! })[Symbol.asyncIterator]();
  const urls = JSON.parse((await peerLines.next()).value as string).urls as string[];

  mkdirSync(out, { recursive: true });
  await build({ entryPoints: [join(projectRoot, 'bench', 'blog.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node22', packages: 'external', outfile: join(out, 'blog.mjs'), logLevel: 'warning' });
  writeFileSync(join(out, 'blog-input.json'), JSON.stringify({ urls, perHost: PER_HOST, concurrency: defaults.concurrency, perHostLimit: defaults.perHost }));
  type BlogResult = { cpuMs: number; wallMs: number; peakRssMb: number; idleRssMb: number; states: Record<string, number>; total: number };
  const runs: BlogResult[] = [];
  // Each run is a fresh blog process and database; the median run is reported, every run is listed.
  for (let run = 0; run < RUNS; run++) {
    const blog = spawn(process.execPath, [...SHIPPED_NODE_FLAGS, join(out, 'blog.mjs'), join(out, 'blog-input.json')], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await createInterface({ input: blog.stdout! })[Symbol.asyncIterator]().next();
    const r = JSON.parse(line.value as string) as BlogResult;
    runs.push(r);
    log(`outbound run ${run + 1}: ${(r.wallMs / 1000).toFixed(2)} s, peak RSS ${r.peakRssMb.toFixed(0)} MB, ${JSON.stringify(r.states)}`);
  }
  const result = [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(RUNS / 2)];
  peersProc.stdin!.write('report\n');
  const peers = JSON.parse((await peerLines.next()).value as string) as { received: number[]; maxInFlight: number[]; rssMb: number };
  const received = peers.received.reduce((a, n) => a + n, 0) / RUNS;
  const maxPerHost = Math.max(...peers.maxInFlight);
  const peakRssMb = Math.max(...runs.map((r) => r.peakRssMb));
  const settled = runs.every((r) => Object.entries(r.states).every(([s, n]) => !['queued', 'sending'].includes(s) || n === 0));
  const { wallMs } = result;
  const ratio = (v: number, goal: number) => (v / goal).toFixed(2);
  const ok = (v: number, goal: number) => (v <= goal ? 'met' : 'MISSED');
  const markdown = [
    '## Outbound deliveries',
    '',
    `Set-up: ${result.total} Webmention targets on ${HOSTS} loopback peer servers (127.0.0.1, one port each, ${PER_HOST} targets each);`,
    `every request is answered after ${DELAY_MS} ms. Of the peers, one in ten answers the post with 404, one redirects it (301) to`,
    'a page that advertises the endpoint, one serves a real 40 KB HTML page with the endpoint in <head>, and one refuses the',
    `Webmention with 500 (the delivery then waits for its retry: "retrying"). ${PER_HOST} posts are published through the posts service;`,
    `the in-process worker runs at the shipped defaults: WORKER_CONCURRENCY=${defaults.concurrency}, WORKER_PER_HOST=${defaults.perHost}. SQLite file`,
    `database (WAL); the real guarded HTTP client. Peers in another process (peak ${peers.rssMb.toFixed(0)} MB there). Wall time runs from the`,
    `first publish until every delivery's first attempt is settled. ${RUNS} runs, each a fresh blog process and database; the`,
    "table shows the median run's wall time and the highest peak RSS of all runs.",
    '',
    '| Measure | Result | Goal | Ratio to goal | |',
    '|---|---|---|---|---|',
    `| Wall time to settle all | ${(wallMs / 1000).toFixed(2)} s | ≤ ${GOALS.wallMs / 1000} s | ${ratio(wallMs, GOALS.wallMs)} | ${ok(wallMs, GOALS.wallMs)} |`,
    `| Most requests in flight at one host | ${maxPerHost} | ≤ ${GOALS.perHost} | ${ratio(maxPerHost, GOALS.perHost)} | ${ok(maxPerHost, GOALS.perHost)} |`,
    `| Peak RSS of the blog process (sampled every 10 ms) | ${peakRssMb.toFixed(0)} MB | ≤ ${GOALS.rssMb} MB | ${ratio(peakRssMb, GOALS.rssMb)} | ${ok(peakRssMb, GOALS.rssMb)} |`,
    '',
    '| Run | Wall | CPU time of the blog process | Peak RSS | RSS idle before publishing | Delivery states |',
    '|---|---|---|---|---|---|',
    ...runs.map((r, i) => `| ${i + 1} | ${(r.wallMs / 1000).toFixed(2)} s | ${(r.cpuMs / 1000).toFixed(2)} s | ${r.peakRssMb.toFixed(0)} MB | ${r.idleRssMb.toFixed(0)} MB | ${Object.entries(r.states).map(([s, n]) => `${n} ${s}`).join(', ')} |`),
    '',
    `Webmentions received by the peers per run: ${received}.`,
    '',
  ].join('\n');
  return { markdown, ok: settled && maxPerHost <= GOALS.perHost };
}
