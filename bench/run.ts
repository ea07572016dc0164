// `npm run bench`: the page benchmark on the seeded small and large blogs (bench/pages.ts; run
// `npm run seed:bench` once first), the outbound delivery benchmark (bench/outbound.ts) and the inbound one
// (bench/inbound-section.ts running bench/inbound.ts), in one run;
// writes bench/RESULTS.md with the machine and versions. BENCH_ONLY=pages, outbound or inbound runs one
// section; BENCH_SIZES=small measures the small blog only. Run by hand on an idle machine; never part of `npm test`.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.js';
import { runInbound } from './inbound-section.js';
import { runOutbound } from './outbound.js';
import { runPages, type PageFigure } from './pages.js';

const only = process.env.BENCH_ONLY;
const log = (line: string) => console.error(line);
const version = (pkg: string) => (JSON.parse(readFileSync(join(projectRoot, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

const loadBefore = loadavg();
const started = new Date();
const pages = only === 'outbound' || only === 'inbound' ? [] : await runPages(log);
const outbound = only === 'pages' || only === 'inbound' ? null : await runOutbound(log);
const inbound = only === 'pages' || only === 'outbound' ? null : await runInbound(log);

const f1 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(1));
const f0 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(0));
const ratio = (f: PageFigure) => (f.load && f.bare ? f.load.rps / f.bare.rps : NaN);

function pageTable(): string[] {
  const rows = pages.map((f) => {
    const l = f.load;
    const r = ratio(f);
    return `| ${f.size} | ${f.page} | ${f.cache} | ${f.status} | ${f.bytes} | ${l ? f0(l.rps) : 'not run'} | ${f.bare ? f0(f.bare.rps) : '–'} | ${Number.isNaN(r) ? '–' : r.toFixed(2) + '×'} | ${l ? f1(l.p50) : '–'} | ${l ? f1(l.p99) : '–'} | ${f1(f.firstMs)} | ${f1(f.singleMs)} | ${f0(f.peakRssMb)} |`;
  });
  return [
    '| Blog | Page | Page cache | Status | Bytes | req/s | Bare req/s | Ratio | p50 ms | p99 ms | First request ms | Single request ms (median of 5) | Peak RSS MB |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ];
}

function targets(): string[] {
  if (pages.length === 0) return [];
  const get = (size: string, page: string, cache: string) => pages.find((f) => f.size === size && f.page.startsWith(page) && f.cache === cache);
  const lines: string[] = ['| Target (issue 11 point 6) | Figure | |', '|---|---|---|'];
  const check = (name: string, value: number, ok: boolean, shown: string) => lines.push(`| ${name} | ${Number.isNaN(value) ? 'not measured' : shown} | ${Number.isNaN(value) ? 'NOT MET (not measurable)' : ok ? 'met' : 'NOT MET'} |`);
  for (const size of ['small', 'large']) {
    for (const page of ['home', 'post']) {
      const on = get(size, page, 'on');
      const off = get(size, page, 'off');
      if (on) check(`${page}, ${size} blog, cache on ≥ 0.6×`, ratio(on), ratio(on) >= 0.6, `${ratio(on).toFixed(2)}×`);
      if (off) check(`${page}, ${size} blog, cache off ≥ 0.15×`, ratio(off), ratio(off) >= 0.15, `${ratio(off).toFixed(2)}×`);
    }
    for (const cache of ['on', 'off']) {
      const feed = get(size, 'RSS', cache);
      if (feed) check(`feed, ${size} blog, cache ${cache} ≥ 0.3×`, ratio(feed), ratio(feed) >= 0.3, `${ratio(feed).toFixed(2)}×`);
    }
  }
  for (const f of pages.filter((p) => p.size === 'large')) {
    const small = get('small', f.page, f.cache);
    const p99 = f.load?.p99 ?? NaN;
    const base = small?.load?.p99 ?? NaN;
    check(`${f.page} (cache ${f.cache}): p99 large ≤ 1.5× p99 small`, p99 / base, p99 <= 1.5 * base, `${f1(p99)} vs ${f1(base)} ms (${(p99 / base).toFixed(2)}×)`);
  }
  for (const f of pages.filter((p) => p.size === 'large' && p.cache === (p.page.startsWith('admin') || ['moderation list', 'dashboard'].includes(p.page) ? 'on' : 'off'))) {
    check(`${f.page}, large blog: one request ≤ 50 ms${f.page.startsWith('admin') || ['moderation list', 'dashboard'].includes(f.page) ? '' : ' (cache off)'}`, f.singleMs, f.singleMs <= 50, `${f1(f.singleMs)} ms`);
  }
  const rss = Math.max(...pages.map((p) => p.peakRssMb));
  check('peak RSS under load ≤ 200 MB', rss, rss <= 200, `${f0(rss)} MB`);
  return lines;
}

const cpu = cpus();
const report = [
  '# Benchmark results',
  '',
  `Run ${started.toISOString()} with \`npm run seed:bench\` then \`npm run bench\` (bench/run.ts, pages.ts, outbound.ts, inbound.ts, load.ts). Run by hand, never in \`npm test\`.`,
  '',
  `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM, ${platform()} ${release()}. Load average when the run began: ${loadBefore.map((n) => n.toFixed(2)).join(' / ')} (the machine is shared; figures move with it).`,
  `Node ${process.version}; fastify ${version('fastify')}, better-sqlite3 ${version('better-sqlite3')}, kysely ${version('kysely')}, undici ${version('undici')}, eta ${version('eta')}; branch as committed.`,
  '',
  ...(pages.length
    ? [
        '## Pages',
        '',
        'Blogs from `npm run seed:bench` (bench/seed.ts, through the app\'s repositories): small = 100 posts and 1,070 comments and',
        'linkbacks; large = 100,000 posts and 1,000,070. The post page is "The bench post" (50 approved comments, 20 approved',
        'mentions); the archive is its month. Each server is the real app on a SQLite file (WAL), plain Node on an esbuild bundle,',
        'no worker; admin pages use a signed-in admin session (they are never cached, so they are measured once). Load: a',
        `loopback generator over undici (bench/load.ts) in the runner process, ${32} keep-alive connections, 1 s warm-up then 2 s`,
        'measured, on 127.0.0.1. "Bare" is a bare Fastify route serving the same bytes, running beside the blog; each page is',
        'measured in three interleaved rounds (blog, bare, blog, bare, ...) and every figure is the median of its three rounds;',
        'before the rounds, every page is loaded once for 1.5 s, untimed, on both servers (a fresh process\'s warm-up).',
        '"Ratio" is req/s over bare req/s. "First request" is the first request after start (cold; a cache miss); "Single" is',
        'the median of 5 one-at-a-time requests. A page whose single request took over 1 s was not load-tested (it would only',
        'queue behind itself: better-sqlite3 is synchronous, so the whole process waits). Peak RSS is the blog process\'s, sampled',
        'every 10 ms, cumulative over that server\'s pass.',
        '',
        ...pageTable(),
        '',
        ...targets(),
        '',
      ]
    : []),
  ...(outbound ? [outbound.markdown] : []),
  ...(inbound ? ['', inbound.markdown] : []),
].join('\n');
writeFileSync(join(projectRoot, 'bench', 'RESULTS.md'), report);
console.log(report);
process.exit(outbound && !outbound.ok ? 1 : 0);
