import { describe, expect, it } from 'vitest';
import { formatPostDate, zonedParts } from '../../src/posts/date-format.js';

describe('formatPostDate', () => {
  const iso = '2026-03-05T23:30:00.000Z';
  it('renders each allowed PHP-style format', () => {
    expect(formatPostDate(iso, 'F j, Y', 'UTC')).toBe('March 5, 2026');
    expect(formatPostDate(iso, 'Y-m-d', 'UTC')).toBe('2026-03-05');
    expect(formatPostDate(iso, 'm/d/Y', 'UTC')).toBe('03/05/2026');
    expect(formatPostDate(iso, 'd/m/Y', 'UTC')).toBe('05/03/2026');
    expect(formatPostDate(iso, 'j F Y', 'UTC')).toBe('5 March 2026');
  });
  it('shows the calendar day of the site timezone', () => {
    expect(formatPostDate(iso, 'Y-m-d', 'Europe/Paris')).toBe('2026-03-06');
    expect(formatPostDate(iso, 'Y-m-d', 'America/New_York')).toBe('2026-03-05');
  });
  it('falls back to UTC for an unknown zone and to nothing for no date', () => {
    expect(zonedParts(new Date(iso), 'Not/AZone')).toEqual({ year: 2026, month: 3, day: 5 });
    expect(formatPostDate(null, 'Y-m-d', 'UTC')).toBe('');
    expect(formatPostDate('garbage', 'Y-m-d', 'UTC')).toBe('');
  });
});
