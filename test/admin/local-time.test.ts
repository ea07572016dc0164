// The editor's date field is wall-clock time in the site's timezone; these pin the conversion both ways.
import { describe, expect, it } from 'vitest';
import { isoToLocalInput, isValidTimeZone, localInputToIso } from '../../src/admin/local-time.js';

describe('site-timezone date conversion', () => {
  it('treats the input as UTC when the zone is UTC', () => {
    expect(localInputToIso('2026-03-01T09:30', 'UTC')).toBe('2026-03-01T09:30:00.000Z');
  });

  it('applies the zone offset, winter and summer', () => {
    expect(localInputToIso('2026-01-15T12:00', 'Europe/Paris')).toBe('2026-01-15T11:00:00.000Z');
    expect(localInputToIso('2026-07-15T12:00', 'Europe/Paris')).toBe('2026-07-15T10:00:00.000Z');
    expect(localInputToIso('2026-07-15T12:00:30', 'America/New_York')).toBe('2026-07-15T16:00:30.000Z');
  });

  it('round-trips through the field value', () => {
    const iso = '2026-10-20T01:30:00.000Z';
    expect(isoToLocalInput(iso, 'Europe/Berlin')).toBe('2026-10-20T03:30');
    expect(localInputToIso(isoToLocalInput(iso, 'Asia/Kolkata'), 'Asia/Kolkata')).toBe(iso);
  });

  it('refuses impossible dates and garbage', () => {
    expect(localInputToIso('2026-02-30T10:00', 'UTC')).toBeNull();
    expect(localInputToIso('2026-01-01T24:10', 'UTC')).toBeNull();
    expect(localInputToIso('tomorrow', 'UTC')).toBeNull();
    expect(isoToLocalInput(null, 'UTC')).toBe('');
  });

  it('knows IANA zones from made-up ones', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
