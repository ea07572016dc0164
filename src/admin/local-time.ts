// Converts between the editor's datetime-local value (wall-clock time in the site's IANA timezone, no zone)
// and the ISO-8601 UTC strings the posts service stores, so the post date means what the author typed.

/** True when Intl knows the zone (the only check that matches what the conversion below can use). */
export function isValidTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    memoFormatter('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

import { memoFormatter } from '../content/formatters.js';

function wallClockParts(date: Date, zone: string): number[] {
  const parts = memoFormatter('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')];
}

/** Milliseconds the zone is ahead of UTC at this instant. */
function offsetAt(instant: number, zone: string): number {
  const [y, mo, d, h, mi, s] = wallClockParts(new Date(instant), zone);
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(instant / 1000) * 1000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * "2026-03-01T09:30" in `zone` → ISO UTC, or null when it is not a real date and time.
 * The offset is taken twice so a time near a DST change lands on the offset in force at that moment.
 */
export function localInputToIso(value: string, zone: string): string | null {
  const m = LOCAL.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  const tz = isValidTimeZone(zone) ? zone : 'UTC';
  let instant = asUtc - offsetAt(asUtc, tz);
  instant = asUtc - offsetAt(instant, tz);
  return new Date(instant).toISOString();
}

/** ISO UTC → "YYYY-MM-DDTHH:MM" wall-clock time in `zone`, for the datetime-local field. */
export function isoToLocalInput(iso: string | null, zone: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const [y, mo, d, h, mi] = wallClockParts(date, isValidTimeZone(zone) ? zone : 'UTC');
  const p = (n: number) => String(n).padStart(2, '0');
  return `${y}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}`;
}
