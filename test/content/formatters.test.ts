import { describe, expect, it } from 'vitest';
import { memoFormatter } from '../../src/content/formatters.js';
import { formatPostDate } from '../../src/posts/date-format.js';

describe('shared date formatters', () => {
  it('gives the same formatter for the same locale and options, another for another zone', () => {
    const a = memoFormatter('en-US', { timeZone: 'Europe/Paris', year: 'numeric' });
    expect(memoFormatter('en-US', { timeZone: 'Europe/Paris', year: 'numeric' })).toBe(a);
    expect(memoFormatter('en-US', { timeZone: 'Asia/Tokyo', year: 'numeric' })).not.toBe(a);
  });

  it('still formats in the zone asked for, and falls back to UTC for an unknown one', () => {
    expect(formatPostDate('2026-01-31T23:30:00.000Z', 'Y-m-d', 'Asia/Tokyo')).toBe('2026-02-01');
    expect(formatPostDate('2026-01-31T23:30:00.000Z', 'Y-m-d', 'UTC')).toBe('2026-01-31');
    expect(formatPostDate('2026-01-31T23:30:00.000Z', 'Y-m-d', 'Not/AZone')).toBe('2026-01-31');
  });
});
