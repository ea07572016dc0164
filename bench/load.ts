// A small loopback load generator over undici (no extra dependency): `connections` keep-alive connections
// each send one request after another to one URL for `durationMs`, after a warm-up; every latency is kept
// (a run is a few thousand requests), so p50/p99 are exact. 127.0.0.1 only; bounded in time and count.
import { Pool } from 'undici';

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  statuses: Record<number, number>;
}

export interface LoadOptions {
  connections: number;
  durationMs: number;
  warmupMs: number;
  headers?: Record<string, string>;
  /** Hard cap on requests, so a fast page cannot run away with memory for latencies. */
  maxRequests?: number;
  /** A request slower than this is aborted and counted as an error. */
  timeoutMs?: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function load(url: string, opts: LoadOptions): Promise<LoadResult> {
  const u = new URL(url);
  if (u.hostname !== '127.0.0.1') throw new Error(`the benchmark talks to 127.0.0.1 only, not ${u.hostname}`);
  const pool = new Pool(u.origin, { connections: opts.connections, pipelining: 1, headersTimeout: opts.timeoutMs ?? 30_000, bodyTimeout: opts.timeoutMs ?? 30_000 });
  const path = u.pathname + u.search;
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  const cap = opts.maxRequests ?? 200_000;
  const run = async (until: number, record: boolean) => {
    while (performance.now() < until && latencies.length < cap) {
      const t0 = performance.now();
      try {
        const res = await pool.request({ path, method: 'GET', headers: opts.headers ?? {} });
        await res.body.dump();
        if (record) {
          latencies.push(performance.now() - t0);
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        }
      } catch {
        if (record) errors++;
      }
    }
  };
  const warm = performance.now() + opts.warmupMs;
  await Promise.all(Array.from({ length: opts.connections }, () => run(warm, false)));
  const started = performance.now();
  const end = started + opts.durationMs;
  await Promise.all(Array.from({ length: opts.connections }, () => run(end, true)));
  const elapsed = performance.now() - started;
  await pool.close();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / (elapsed / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    errors,
    statuses,
  };
}

/** One request at a time, n times: what a single reader waits on an otherwise idle server. */
export async function single(url: string, n: number, headers: Record<string, string> = {}, timeoutMs = 60_000): Promise<{ first: number; median: number; status: number; body: Buffer; type: string }> {
  const times: number[] = [];
  let status = 0;
  let body = Buffer.alloc(0);
  let type = '';
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    body = Buffer.from(await res.arrayBuffer());
    times.push(performance.now() - t0);
    status = res.status;
    type = res.headers.get('content-type') ?? '';
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { first: times[0], median: sorted[Math.floor(sorted.length / 2)], status, body, type };
}
