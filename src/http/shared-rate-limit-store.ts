// A store for @fastify/rate-limit that keeps its counts in the database (db/rate-counters.ts), so every
// instance on one database shares one limit per client (issue 18 point 5: the readers' comment limit was
// counted in each process's memory). One upsert per request; the window and Retry-After follow the
// injected clock, so tests step them.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Clock } from '../clock.js';
import type { Executor } from '../db/database.js';
import { countEvent, readCount, windowAt } from '../db/rate-counters.js';

interface RouteParams {
  routeInfo?: { method?: string | string[]; url?: string };
}

export function sharedRateLimitStore(shared: { db: Executor; clock: Clock }): FastifyRateLimitStoreCtor {
  class SharedRateLimitStore implements FastifyRateLimitStore {
    /** Each limited route counts apart ("route:POST /comments"). */
    private readonly bucket: string;

    constructor(params: RouteParams = {}) {
      const route = params.routeInfo;
      this.bucket = `route:${[route?.method].flat().join(',')} ${route?.url ?? ''}`.slice(0, 40);
    }

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      countEvent(shared.db, this.bucket, key.slice(0, 400), shared.clock.now(), timeWindow).then(
        ({ n, window }) => callback(null, { current: n, ttl: window.resetMs }),
        (err: Error) => callback(err),
      );
    }

    read(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const window = windowAt(shared.clock.now(), timeWindow);
      readCount(shared.db, this.bucket, key.slice(0, 400), window.start).then(
        (n) => callback(null, n === null ? { current: 0, ttl: 0 } : { current: n, ttl: window.resetMs }),
        (err: Error) => callback(err),
      );
    }

    child(routeOptions: unknown): FastifyRateLimitStore {
      return new SharedRateLimitStore(routeOptions as RouteParams);
    }
  }
  return SharedRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
