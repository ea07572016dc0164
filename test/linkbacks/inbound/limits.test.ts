// The source host's budget (issue 11 point 4): spent by verified pings only; a sender's pings under
// verification hold slots under its own address, for a minute at most.
import { describe, expect, it } from 'vitest';
import { InboundLimits } from '../../../src/linkbacks/inbound/limits.js';
import { ManualClock } from '../../support/clock.js';

describe('InboundLimits source-host budget', () => {
  it('counts verified pings against the host, and pending ones against their sender only', () => {
    const clock = new ManualClock();
    const limits = new InboundLimits(clock, 1000, 3);
    expect([1, 2, 3, 4].map(() => limits.reserveSourceHost('blog.example', 'junk'))).toEqual([true, true, true, false]);
    expect(limits.reserveSourceHost('blog.example', 'real')).toBe(true);
    for (let i = 0; i < 3; i++) limits.settleSourceHost('blog.example', 'junk', false);
    limits.settleSourceHost('blog.example', 'real', true);
    expect(limits.reserveSourceHost('blog.example', 'real')).toBe(true);
    limits.settleSourceHost('blog.example', 'real', true);
    expect(limits.reserveSourceHost('blog.example', 'real')).toBe(true);
    limits.settleSourceHost('blog.example', 'real', true);
    // Three verified within the minute: the budget is spent for every sender, junk or not.
    expect(limits.reserveSourceHost('blog.example', 'real')).toBe(false);
    expect(limits.reserveSourceHost('blog.example', 'other')).toBe(false);
    expect(limits.reserveSourceHost('elsewhere.example', 'real')).toBe(true);
    clock.advance(60_001);
    expect(limits.reserveSourceHost('blog.example', 'real')).toBe(true);
  });

  it('lets a slot whose verification never reports back (another process) lapse after the window', () => {
    const clock = new ManualClock();
    const limits = new InboundLimits(clock, 1000, 1);
    expect(limits.reserveSourceHost('blog.example', 'a')).toBe(true);
    expect(limits.reserveSourceHost('blog.example', 'a')).toBe(false);
    clock.advance(60_001);
    expect(limits.reserveSourceHost('blog.example', 'a')).toBe(true);
  });
});
