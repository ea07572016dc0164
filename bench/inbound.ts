// `npx tsx bench/inbound.ts [pings] [concurrency]`: inbound throughput (issue 11 point 4). A real blog listens on
// 127.0.0.1 with the rate limits raised and the source host trusted (so the moderation rules' flood burst does not
// cut the run short); a second process serves the source pages on 127.0.0.1, each linking to the target post.
// Sends N pingbacks (verified before the answer) and then N Webmentions (verified by the worker), and prints
// verified pings per second for each. Figures only: nothing here is asserted by a test.
import { spawn } from 'node:child_process';
import { defaultSettings } from '../src/settings/definitions.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';
import { buildApp } from '../src/app.js';
import { testConfig } from '../src/config.js';
import { permalinkUrl } from '../src/posts/permalink.js';
import { insertPost } from '../src/posts/repository.js';
import { saveSettings } from '../src/settings/repository.js';
import { hashPassword } from '../src/users/passwords.js';
import { insertUser } from '../src/users/repository.js';
import { projectRoot } from '../src/paths.js';

const N = Number(process.argv[2] ?? 3000);
const CONCURRENCY = Number(process.argv[3] ?? 32);

const sources = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'bench', 'inbound-sources.ts')], { cwd: projectRoot, stdio: ['pipe', 'pipe', 'inherit'] });
const sourceBase = JSON.parse((await createInterface({ input: sources.stdout! })[Symbol.asyncIterator]().next()).value as string).url as string;

const dir = mkdtempSync(join(tmpdir(), 'backtalk-inbound-'));
const config = testConfig({ databaseUrl: `sqlite:${join(dir, 'blog.db')}`, inboundPerIpPerMinute: 1_000_000, inboundPerSourceHostPerMinute: 1_000_000, workerConcurrency: 16, workerPerHost: 16 });
const app = await buildApp(config, { startWorker: true });
await app.listen({ port: 0, host: '127.0.0.1' });
const blog = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const ctx = app.ctx;
await saveSettings(ctx.db, { trusted_source_hosts: ['127.0.0.1'] });
const now = new Date().toISOString();
const author = await insertUser(ctx.db, { username: 'bench', displayName: 'Bench', email: 'bench@example.test', passwordHash: await hashPassword('benchbench!'), role: 'admin', createdAt: now });
const post = await insertPost(ctx.db, { author_id: author.id, title: 'Target', slug: 'target', content: '<p>t</p>', excerpt: '', status: 'published', status_before_trash: null, published_at: now, created_at: now, updated_at: now, comment_status: 'open', ping_status: 'open', to_ping: '', notify_links: 1 });
const target = permalinkUrl(config.siteUrl, post, defaultSettings);
const pool = new Pool(blog, { connections: CONCURRENCY });

async function run(label: string, send: (i: number) => Promise<boolean>, settled: () => Promise<number>): Promise<void> {
  let next = 0;
  let accepted = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < N) if (await send(next++)) accepted++;
  }));
  const answeredMs = performance.now() - started;
  let verified = await settled();
  while (verified < accepted) {
    await new Promise((r) => setTimeout(r, 20));
    verified = await settled();
  }
  const ms = performance.now() - started;
  console.log(JSON.stringify({ label, sent: N, accepted, verified, answeredMs: Math.round(answeredMs), verifiedMs: Math.round(ms), verifiedPerSecond: Math.round((verified / ms) * 1000) }));
}

const faults: Record<string, number> = {};
const count = async (kind: 'pingback' | 'webmention') => Number((await ctx.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', kind).where('verification_state', '=', 'verified').executeTakeFirstOrThrow()).n);
const source = (kind: string, i: number) => `${sourceBase}/${kind}/${i}?t=${encodeURIComponent(target)}`;

await run('pingback', async (i) => {
  const body = `<?xml version="1.0"?><methodCall><methodName>pingback.ping</methodName><params><param><value><string>${source('pb', i).replace(/&/g, '&amp;')}</string></value></param><param><value><string>${target}</string></value></param></params></methodCall>`;
  const res = await pool.request({ method: 'POST', path: '/xmlrpc', headers: { 'content-type': 'text/xml' }, body });
  const text = await res.body.text();
  const fault = /<name>faultCode<\/name>\s*<value><int>(\d+)/.exec(text)?.[1];
  if (fault) faults[fault] = (faults[fault] ?? 0) + 1;
  return !fault;
}, () => count('pingback'));

await run('webmention', async (i) => {
  const res = await pool.request({ method: 'POST', path: '/webmention', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ source: source('wm', i), target }).toString() });
  await res.body.text();
  return res.statusCode === 201;
}, () => count('webmention'));

console.log(JSON.stringify({ pingbackFaults: faults }));
await pool.close();
await app.close();
sources.stdin!.end();
rmSync(dir, { recursive: true, force: true });
