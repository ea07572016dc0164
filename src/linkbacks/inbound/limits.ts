// Abuse limits for the three inbound doors (linkback-protocols §6.2–6.3), kept in memory with the injected
// clock: requests per client IP in a sliding minute (INBOUND_PER_IP_PER_MINUTE); a budget per source host
// (INBOUND_PER_SOURCE_HOST_PER_MINUTE) that only verified pings spend (issue 11 point 4: junk that names a
// real blog as its source must not use up that blog's budget); and a cap on verification fetches in flight so
// a flood of pings cannot turn the blog into a reflector.
import type { Clock } from '../../clock.js';
import type { AppContext } from '../../context.js';

export const LIMITS = {
  fetchesInFlight: 8,
  windowMs: 60_000,
};

export class InboundLimits {
  private hits = new Map<string, number[]>();
  private inFlight = 0;
  private lastSweep = 0;

  constructor(
    private readonly clock: Clock,
    private readonly perIp: number,
    private readonly perSourceHost: number,
  ) {}

  /** Counts one request for `key`; false when it is over `limit` in the window (the refused one is not counted). */
  allow(key: string, limit: number): boolean {
    const now = this.clock.now().getTime();
    this.sweep(now);
    const list = this.recent(key, now - LIMITS.windowMs);
    if (list.length >= limit) return false;
    list.push(now);
    return true;
  }

  allowIp(ip: string): boolean {
    return this.allow(`ip:${ip}`, this.perIp);
  }

  /**
   * Decided at the door: room for one more ping from `host` sent by `ip`, counting the host's verified pings
   * of the last minute plus this sender's pings still being verified. The slot is held until settleSourceHost
   * (or a minute at most, should the verification run in another process), so a sender cannot queue more than
   * the budget; a third party's junk holds slots under its own address only, and never spends the host's.
   */
  reserveSourceHost(host: string, ip: string): boolean {
    const now = this.clock.now().getTime();
    this.sweep(now);
    const since = now - LIMITS.windowMs;
    const verified = this.recent(`host:${host}`, since);
    const pending = this.recent(pendingKey(host, ip), since);
    if (verified.length + pending.length >= this.perSourceHost) return false;
    pending.push(now);
    return true;
  }

  /** After verification: the held slot is freed, and the ping counts against its host when it was verified. */
  settleSourceHost(host: string, ip: string, verified: boolean): void {
    const now = this.clock.now().getTime();
    this.hits.get(pendingKey(host, ip))?.shift();
    if (verified) this.recent(`host:${host}`, now - LIMITS.windowMs).push(now);
  }

  /** The times under `key` within the window, stored back so callers may push onto the list. */
  private recent(key: string, since: number): number[] {
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    this.hits.set(key, list);
    return list;
  }

  /** Takes a verification-fetch slot; false when all are busy (pingback fault 50). */
  acquireFetch(): boolean {
    if (this.inFlight >= LIMITS.fetchesInFlight) return false;
    this.inFlight++;
    return true;
  }

  releaseFetch(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** Forgets idle keys now and then, so memory stays bounded under a flood from many addresses. */
  private sweep(now: number): void {
    if (now - this.lastSweep < LIMITS.windowMs) return;
    this.lastSweep = now;
    const since = now - LIMITS.windowMs;
    for (const [k, list] of this.hits) if (!list.some((t) => t > since)) this.hits.delete(k);
  }
}

const pendingKey = (host: string, ip: string): string => `pending:${host} ${ip}`;

const perApp = new WeakMap<AppContext, InboundLimits>();

export function limitsFor(ctx: AppContext): InboundLimits {
  let l = perApp.get(ctx);
  if (!l) {
    l = new InboundLimits(ctx.clock, ctx.config.inboundPerIpPerMinute, ctx.config.inboundPerSourceHostPerMinute);
    perApp.set(ctx, l);
  }
  return l;
}
