// Abuse limits for the three inbound doors (linkback-protocols §6.2–6.3), kept in the database so every
// instance on it shares them (issue 18 point 5), on the injected clock: requests per client IP per minute
// (INBOUND_PER_IP_PER_MINUTE); a budget per source host (INBOUND_PER_SOURCE_HOST_PER_MINUTE) that only
// verified pings spend (issue 11 point 4: junk that names a real blog as its source must not use up that
// blog's budget); a cap on verification fetches in flight, so a flood of pings cannot turn the blog into a
// reflector; and the guard that refuses a second ping for a (post, source) pair still being verified.
// Counters are fixed one-minute windows (db/rate-counters.ts); the cap and the guard are leases that lapse,
// so a crashed instance holds nothing for longer than LIMITS.leaseMs. Each check is one statement.
import { createHash } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { AppContext } from '../../context.js';
import type { Dialect, Executor } from '../../db/database.js';
import { countEvent, countEventWithin, deleteOldCounters, uncountEvent, windowAt } from '../../db/rate-counters.js';
import { SOURCE_TIMEOUT_MS } from './fetch-source.js';
import { deleteLapsedLeases, ensureSlots, releaseLease, releaseSlot, takeLease, takeSlot, type Lease } from './lease-repository.js';

export const LIMITS = {
  fetchesInFlight: 8,
  windowMs: 60_000,
  /** Longer than any verification (a source fetch is cut at SOURCE_TIMEOUT_MS): a dead holder's lease lapses. */
  leaseMs: 6 * SOURCE_TIMEOUT_MS,
};

const BUCKET = { ip: 'inbound-ip', verified: 'inbound-host-verified', pending: 'inbound-host-pending' } as const;
const FETCH_SLOT = 'fetch-slot:';

/** A slot of a source host's budget held at the door, to be settled once verification has spoken. */
export interface HostReservation {
  host: string;
  ip: string;
  /** The window the slot was counted in; a webmention job settles it from the request's created_at. */
  windowStart: string;
}

export interface LimitsStore {
  db: Executor;
  dialect: Dialect;
  clock: Clock;
}

export class InboundLimits {
  private slotsReady = false;

  constructor(
    private readonly store: LimitsStore,
    private readonly perIp: number,
    private readonly perSourceHost: number,
  ) {}

  /** Counts one request from `ip`; false when it is over the limit in this minute. */
  async allowIp(ip: string): Promise<boolean> {
    const { n } = await countEvent(this.store.db, BUCKET.ip, ip.slice(0, 64), this.store.clock.now(), LIMITS.windowMs);
    return n <= this.perIp;
  }

  /**
   * Decided at the door: room for one more ping from `host` sent by `ip`, counting the host's verified pings
   * of this minute plus this sender's pings still being verified. The slot is held until settleSourceHost
   * (or the end of the minute, should the verifying process die), so a sender cannot queue more than the
   * budget; a third party's junk holds slots under its own address only, and never spends the host's.
   */
  async reserveSourceHost(host: string, ip: string): Promise<HostReservation | null> {
    const window = windowAt(this.store.clock.now(), LIMITS.windowMs);
    const ok = await countEventWithin(this.store.db, BUCKET.pending, pendingKey(host, ip), { bucket: BUCKET.verified, key: host }, this.perSourceHost, window);
    return ok ? { host, ip, windowStart: window.start } : null;
  }

  /** After verification: the held slot is freed, and the ping counts against its host when it was verified. */
  async settleSourceHost(r: HostReservation, verified: boolean): Promise<void> {
    const now = this.store.clock.now();
    // Verified first, then the pending slot freed, one after the other: a reservation made in between then
    // sees the ping counted twice (refused, the safe side), never in neither bucket. Run together, the
    // release could land first and let another instance take the same slot (one ping over the budget).
    if (verified) await countEvent(this.store.db, BUCKET.verified, r.host, now, LIMITS.windowMs);
    await uncountEvent(this.store.db, BUCKET.pending, pendingKey(r.host, r.ip), r.windowStart);
  }

  /** Takes a verification-fetch slot; null when all are busy (pingback fault 50). */
  async acquireFetch(): Promise<Lease | null> {
    if (!this.slotsReady) {
      await ensureSlots(this.store.db, FETCH_SLOT, LIMITS.fetchesInFlight);
      this.slotsReady = true;
    }
    return takeSlot(this.store.db, this.store.dialect, FETCH_SLOT, LIMITS.fetchesInFlight, this.store.clock.now(), LIMITS.leaseMs);
  }

  async releaseFetch(slot: Lease): Promise<void> {
    await releaseSlot(this.store.db, slot);
  }

  /** Marks (post, source) as being verified; null when another ping for the same pair is (on any instance). */
  async beginVerifying(postId: number, source: string): Promise<Lease | null> {
    return takeLease(this.store.db, verifyingKey(postId, source), this.store.clock.now(), LIMITS.leaseMs);
  }

  async endVerifying(lease: Lease): Promise<void> {
    await releaseLease(this.store.db, lease);
  }
}

/** The window a reservation made at `at` was counted in (for a settle in a later job). */
export function reservationAt(host: string, ip: string, at: Date): HostReservation {
  return { host, ip, windowStart: windowAt(at, LIMITS.windowMs).start };
}

const pendingKey = (host: string, ip: string): string => `${host} ${ip.slice(0, 64)}`;
// Sources run to 2000 characters; the key is a digest so the lease row stays small.
const verifyingKey = (postId: number, source: string): string => `verifying:${postId}:${createHash('sha256').update(source).digest('base64url')}`;

/** The maintenance sweep: counters of windows long gone and lapsed guards (slot rows stay). */
export async function deleteOldLimitRecords(db: Executor, now: Date): Promise<number> {
  return (await deleteOldCounters(db, new Date(now.getTime() - 24 * 60 * 60_000))) + (await deleteLapsedLeases(db, now, FETCH_SLOT));
}

const perApp = new WeakMap<AppContext, InboundLimits>();

export function limitsFor(ctx: AppContext): InboundLimits {
  let l = perApp.get(ctx);
  if (!l) {
    l = new InboundLimits(ctx, ctx.config.inboundPerIpPerMinute, ctx.config.inboundPerSourceHostPerMinute);
    perApp.set(ctx, l);
  }
  return l;
}
