// One measured blog for the page benchmark: the real app on a seeded database (bench/seed.ts), listening on
// 127.0.0.1 with the page cache on or off, no worker. Prints {"port"} as one JSON line; on "rss" (stdin)
// prints the peak RSS since the last "rss" (sampled every 10 ms) and resets it. Started by bench/pages.ts.
import { createInterface } from 'node:readline';
import { buildApp } from '../src/app.js';
import { testConfig } from '../src/config.js';
import { BENCH_SECRET } from './bench-config.js';

const [file, cache] = process.argv.slice(2);
// process.memoryUsage.rss() alone: the full memoryUsage() also walks the V8 heap, which every 10 ms cost the
// measured process about 4% of its CPU on cached pages.
let peak = process.memoryUsage.rss();
setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10).unref();

const config = testConfig({
  databaseUrl: `sqlite:${file}`,
  sessionSecret: BENCH_SECRET,
  siteUrl: 'http://127.0.0.1',
  logLevel: 'warn',
  pageCache: cache === 'on',
  pageCacheBytes: 64 * 1_048_576,
  workerConcurrency: 0,
});
const app = await buildApp(config);
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }) + '\n');

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === 'rss') {
    process.stdout.write(JSON.stringify({ peakRssMb: Math.max(peak, process.memoryUsage.rss()) / 1048576 }) + '\n');
    peak = process.memoryUsage.rss();
  }
}
await app.close();
process.exit(0);
