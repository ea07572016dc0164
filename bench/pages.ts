// The page section of `npm run bench` (issue 11 point 6): every page type on the small and the large seeded
// blog (bench/seed.ts), with the page cache on and off, each measured against a bare Fastify route serving
// the same bytes in the same run. Servers run as plain Node on esbuild bundles in their own processes; the
// load comes from bench/load.ts in this process, over 127.0.0.1 only.
import { spawn, type ChildProcess } from 'node:child_process';
import { defaultSettings } from '../src/settings/definitions.js';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import { build } from 'esbuild';
import { Signer } from '@fastify/cookie';
import { openDatabase } from '../src/db/database.js';
import { permalinkPath } from '../src/posts/permalink.js';
import { SHIPPED_NODE_FLAGS } from '../src/runtime/node-flags.js';
import { projectRoot } from '../src/paths.js';
import { BENCH_POST_SLUG, BENCH_SECRET, benchDatabase } from './bench-config.js';
import { load, single, type LoadResult } from './load.js';
import { BENCH_CATEGORY_PATH, BENCH_TAG_PATH } from './seed-terms.js';

const CONNECTIONS = 32;
// Each page is measured in ROUNDS interleaved rounds (blog, then bare, then blog again...) and each figure is
// the median of its rounds: the machine is shared, and one 3-second run of either side moved by ±50% between
// runs. The first round also pays a fresh process's warm-up (V8 optimising the hot paths): with a single
// 0.5 s warm-up a cached home page measured 7,400 req/s, then 17,000 on the next run against the same process.
const ROUNDS = 3;
const DURATION_MS = 2_000;
const WARMUP_MS = 1_000;
/** A page whose warm single request takes longer than this is not load-tested (it would only queue). */
const TOO_SLOW_MS = 1_000;
const out = join(projectRoot, 'dist', 'bench');

type Size = 'small' | 'large';
interface PageSpec {
  name: string;
  path: string;
  admin: boolean;
}
export interface PageFigure {
  size: Size;
  cache: 'on' | 'off';
  page: string;
  bytes: number;
  status: number;
  firstMs: number;
  singleMs: number;
  load: LoadResult | null;
  bare: LoadResult | null;
  peakRssMb: number;
}

interface Lines {
  next(): Promise<string>;
}
function linesOf(child: ChildProcess): Lines {
  const it = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return { next: async () => (await it.next()).value as string };
}

async function bundle(name: string): Promise<string> {
  const file = join(out, `${name}.mjs`);
  await build({ entryPoints: [join(projectRoot, 'bench', `${name}.ts`)], bundle: true, platform: 'node', format: 'esm', target: 'node22', packages: 'external', outfile: file, logLevel: 'warning' });
  return file;
}

/** A signed-in admin for the admin pages: a session row written the way @fastify/session writes one. */
async function adminCookie(file: string): Promise<{ cookie: string; pages: PageSpec[] }> {
  const handle = openDatabase(`sqlite:${file}`);
  try {
    const admin = await handle.db.selectFrom('users').select('id').where('role', '=', 'admin').orderBy('id').executeTakeFirstOrThrow();
    const sid = randomBytes(24).toString('base64url');
    const expires = new Date(Date.now() + 86_400_000);
    const data = { cookie: { originalMaxAge: 86_400_000, expires: expires.toISOString(), httpOnly: true, path: '/', sameSite: 'lax' }, userId: admin.id };
    await handle.db.insertInto('sessions').values({ sid, data: JSON.stringify(data), expires_at: expires.toISOString() }).execute();
    const post = await handle.db.selectFrom('posts').select(['id', 'slug', 'published_at', 'type', 'page_path']).where('slug', '=', BENCH_POST_SLUG).executeTakeFirstOrThrow();
    const permalink = permalinkPath(post, defaultSettings);
    const pages: PageSpec[] = [
      { name: 'home', path: '/', admin: false },
      { name: 'post (50 comments, 20 mentions)', path: encodeURI(permalink), admin: false },
      { name: 'RSS feed', path: '/feed/', admin: false },
      { name: 'month archive', path: permalink.slice(0, 9), admin: false },
      { name: 'category archive (20 categories)', path: BENCH_CATEGORY_PATH, admin: false },
      { name: 'tag archive (200 tags)', path: BENCH_TAG_PATH, admin: false },
      { name: 'tag feed', path: `${BENCH_TAG_PATH}feed/`, admin: false },
      { name: 'admin posts list', path: '/admin/posts', admin: true },
      { name: 'moderation list', path: '/admin/comments', admin: true },
      { name: 'dashboard', path: '/admin', admin: true },
    ];
    return { cookie: `backtalk_session=${encodeURIComponent(new Signer(BENCH_SECRET, 'sha256').sign(sid))}`, pages };
  } finally {
    await handle.close();
  }
}

async function startServer(bundleFile: string, args: string[]): Promise<{ child: ChildProcess; lines: Lines; port: number }> {
  const child = spawn(process.execPath, [...SHIPPED_NODE_FLAGS, bundleFile, ...args], { cwd: projectRoot, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = linesOf(child);
  const { port } = JSON.parse(await lines.next()) as { port: number };
  return { child, lines, port };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin!.end();
  const timer = setTimeout(() => child.kill(), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Each metric's median over the rounds (rps, p50 and p99 separately); errors and statuses summed. */
function medianOf(rounds: LoadResult[]): LoadResult {
  const mid = (pick: (r: LoadResult) => number) => [...rounds.map(pick)].sort((a, b) => a - b)[Math.floor(rounds.length / 2)];
  const statuses: Record<number, number> = {};
  for (const r of rounds) for (const [k, n] of Object.entries(r.statuses)) statuses[Number(k)] = (statuses[Number(k)] ?? 0) + n;
  return { requests: mid((r) => r.requests), rps: mid((r) => r.rps), p50: mid((r) => r.p50), p99: mid((r) => r.p99), max: Math.max(...rounds.map((r) => r.max)), errors: rounds.reduce((a, r) => a + r.errors, 0), statuses };
}

export async function runPages(log: (line: string) => void): Promise<PageFigure[]> {
  mkdirSync(out, { recursive: true });
  const [serverBundle, bareBundle] = await Promise.all([bundle('page-server'), bundle('bare-server')]);
  const figures: PageFigure[] = [];
  const sizes = (process.env.BENCH_SIZES ?? 'small,large').split(',') as Size[];
  for (const size of sizes) {
    const file = benchDatabase(size);
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run seed:bench\` first`);
    const { cookie, pages } = await adminCookie(file);
    for (const cache of ['on', 'off'] as const) {
      // The cache does not apply to signed-in pages: they are measured once, in the cache-on pass.
      const measured = pages.filter((page) => !(page.admin && cache === 'off'));
      const server = await startServer(serverBundle, [file, cache]);
      const singles = [];
      for (const page of measured) {
        const headers: Record<string, string> = page.admin ? { cookie } : {};
        singles.push({ page, headers, url: `http://127.0.0.1:${server.port}${page.path}`, s: await single(`http://127.0.0.1:${server.port}${page.path}`, 5, headers) });
      }
      // The ceiling: the same bytes from a bare Fastify route, running beside the blog and measured in turn
      // with it, so a change in the shared machine's speed moves both figures of a round alike.
      const json = join(out, `bare-${size}-${cache}.json`);
      writeFileSync(json, JSON.stringify(Object.fromEntries(singles.map(({ s: one }, i) => [`p${i}`, { type: one.type, body: one.body.toString('base64') }]))));
      const bare = await startServer(bareBundle, [json]);
      // A fresh process first: every page once under load, untimed, on both servers, so the rounds measure the
      // steady state a running site is in rather than V8 still optimising.
      for (const [i, { headers, url, s }] of singles.entries()) {
        if (s.median > TOO_SLOW_MS) continue;
        await load(url, { connections: CONNECTIONS, durationMs: 500, warmupMs: WARMUP_MS, headers, timeoutMs: 20_000 });
        await load(`http://127.0.0.1:${bare.port}/b/p${i}`, { connections: CONNECTIONS, durationMs: 500, warmupMs: WARMUP_MS });
      }
      for (const [i, { page, headers, url, s }] of singles.entries()) {
        const blogRounds: LoadResult[] = [];
        const bareRounds: LoadResult[] = [];
        if (s.median <= TOO_SLOW_MS) {
          for (let round = 0; round < ROUNDS; round++) {
            blogRounds.push(await load(url, { connections: CONNECTIONS, durationMs: DURATION_MS, warmupMs: WARMUP_MS, headers, timeoutMs: 20_000 }));
            bareRounds.push(await load(`http://127.0.0.1:${bare.port}/b/p${i}`, { connections: CONNECTIONS, durationMs: DURATION_MS, warmupMs: WARMUP_MS }));
          }
        }
        server.child.stdin!.write('rss\n');
        const { peakRssMb } = JSON.parse(await server.lines.next()) as { peakRssMb: number };
        const result = blogRounds.length ? medianOf(blogRounds) : null;
        const bareResult = bareRounds.length ? medianOf(bareRounds) : null;
        figures.push({ size, cache, page: page.name, bytes: s.body.length, status: s.status, firstMs: s.first, singleMs: s.median, load: result, bare: bareResult, peakRssMb });
        const rounds = blogRounds.map((r, k) => `${r.rps.toFixed(0)}/${bareRounds[k]!.rps.toFixed(0)}`).join(', ');
        log(`${size} cache ${cache} ${page.name}: ${s.status}, ${s.body.length} B, first ${s.first.toFixed(1)} ms, single ${s.median.toFixed(1)} ms, ${result ? `median ${result.rps.toFixed(0)} req/s (bare ${bareResult!.rps.toFixed(0)}), p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, errors ${result.errors}; rounds blog/bare req/s: ${rounds}` : 'not load-tested (too slow)'}, peak RSS ${peakRssMb.toFixed(0)} MB`);
      }
      await stop(bare.child);
      await stop(server.child);
    }
  }
  return figures;
}
