// Pure retry timing: exponential growth, jitter within bounds, a cap, and Retry-After in both forms.
import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, retryDelay } from '../../src/jobs/backoff.js';

describe('backoffDelay', () => {
  it('doubles per attempt with equal jitter between half and all of the step', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, () => 0))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, () => 1))).toEqual([60_000, 120_000, 240_000, 480_000]);
  });
  it('spreads retries of the same attempt apart', () => {
    const seen = new Set([0.1, 0.4, 0.9].map((r) => backoffDelay(3, () => r)));
    expect(seen.size).toBe(3);
  });
  it('never waits more than a day', () => {
    expect(backoffDelay(40, () => 1)).toBe(86_400_000);
  });
});

describe('Retry-After', () => {
  const now = new Date('2026-01-15T12:00:00Z');
  it('reads seconds and HTTP dates, and ignores nonsense', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 15 Jan 2026 12:05:00 GMT', now)).toBe(300_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
  it('wins over backoff, but never below a second', () => {
    expect(retryDelay(1, 300_000, () => 0)).toBe(300_000);
    expect(retryDelay(1, 0, () => 0)).toBe(1000);
    expect(retryDelay(1, null, () => 0)).toBe(30_000);
  });
});
