// The inbound limits on the database (issue 11 point 4, issue 18 point 5): the source host's budget is spent
// by verified pings only, a sender's pings under verification hold slots under its own address for the
// minute at most; the fetch cap and the "being verified" guard are leases that lapse.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InboundLimits, LIMITS, type HostReservation } from '../../../src/linkbacks/inbound/limits.js';
import { createTestApp, type TestApp } from '../../support/app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('InboundLimits source-host budget', () => {
  it('counts verified pings against the host, and pending ones against their sender only', async () => {
    const limits = new InboundLimits(t.ctx, 1000, 3);
    const junk: (HostReservation | null)[] = [];
    for (let i = 0; i < 4; i++) junk.push(await limits.reserveSourceHost('blog.example', 'junk'));
    expect(junk.map(Boolean)).toEqual([true, true, true, false]);
    const real = await limits.reserveSourceHost('blog.example', 'real');
    expect(real).not.toBeNull();
    for (const r of junk.slice(0, 3)) await limits.settleSourceHost(r!, false);
    await limits.settleSourceHost(real!, true);
    for (let i = 0; i < 2; i++) {
      const r = await limits.reserveSourceHost('blog.example', 'real');
      expect(r).not.toBeNull();
      await limits.settleSourceHost(r!, true);
    }
    // Three verified within the minute: the budget is spent for every sender, junk or not.
    expect(await limits.reserveSourceHost('blog.example', 'real')).toBeNull();
    expect(await limits.reserveSourceHost('blog.example', 'other')).toBeNull();
    expect(await limits.reserveSourceHost('elsewhere.example', 'real')).not.toBeNull();
    t.clock.advance(60_001);
    expect(await limits.reserveSourceHost('blog.example', 'real')).not.toBeNull();
  });

  it('lets a slot whose verification never reports back (a crashed process) lapse after the window', async () => {
    const limits = new InboundLimits(t.ctx, 1000, 1);
    expect(await limits.reserveSourceHost('blog.example', 'a')).not.toBeNull();
    expect(await limits.reserveSourceHost('blog.example', 'a')).toBeNull();
    t.clock.advance(60_001);
    expect(await limits.reserveSourceHost('blog.example', 'a')).not.toBeNull();
  });
});

describe('InboundLimits per-IP count', () => {
  it('allows the limit per minute and refuses the next, until the next minute', async () => {
    const limits = new InboundLimits(t.ctx, 3, 1000);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await limits.allowIp('192.0.2.9'));
    expect(answers).toEqual([true, true, true, false, false]);
    expect(await limits.allowIp('192.0.2.10')).toBe(true);
    t.clock.advance(60_000);
    expect(await limits.allowIp('192.0.2.9')).toBe(true);
  });
});

describe('InboundLimits fetch slots and the being-verified guard', () => {
  it('gives out at most the cap of fetch slots, takes a freed one back, and lets a dead holder’s lapse', async () => {
    const limits = new InboundLimits(t.ctx, 1000, 1000);
    const slots = [];
    for (let i = 0; i < LIMITS.fetchesInFlight; i++) slots.push(await limits.acquireFetch());
    expect(new Set(slots.map((s) => s?.key)).size).toBe(LIMITS.fetchesInFlight);
    expect(await limits.acquireFetch()).toBeNull();
    await limits.releaseFetch(slots[3]!);
    expect((await limits.acquireFetch())?.key).toBe(slots[3]!.key);
    expect(await limits.acquireFetch()).toBeNull();
    // A second instance on the same database sees the same slots.
    expect(await new InboundLimits(t.ctx, 1000, 1000).acquireFetch()).toBeNull();
    t.clock.advance(LIMITS.leaseMs);
    expect(await limits.acquireFetch()).not.toBeNull();
  });

  it('refuses a second ping for the same post and source while the first is verified, on any instance', async () => {
    const a = new InboundLimits(t.ctx, 1000, 1000);
    const b = new InboundLimits(t.ctx, 1000, 1000);
    const first = await a.beginVerifying(7, 'http://blog.example/post');
    expect(first).not.toBeNull();
    expect(await b.beginVerifying(7, 'http://blog.example/post')).toBeNull();
    expect(await b.beginVerifying(8, 'http://blog.example/post')).not.toBeNull();
    // A stale holder cannot end a lease it no longer holds.
    await a.endVerifying(first!);
    const second = await b.beginVerifying(7, 'http://blog.example/post');
    expect(second).not.toBeNull();
    await a.endVerifying(first!);
    expect(await a.beginVerifying(7, 'http://blog.example/post')).toBeNull();
    t.clock.advance(LIMITS.leaseMs);
    expect(await a.beginVerifying(7, 'http://blog.example/post')).not.toBeNull();
  });
});
