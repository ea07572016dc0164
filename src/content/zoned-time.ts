// An ISO UTC instant as the site's wall-clock time for admin screens ("2026-11-30 14:05"), so every admin
// date reads in the site's timezone (issue 15), with the zone's short name where the reader may wonder.
import { memoFormatter } from './formatters.js';

export type ZonedStyle = 'datetime' | 'time' | 'date';

/** The zone if Intl knows it, else UTC (a bad setting must not break a page). */
export function safeZone(zone: string): string {
  try {
    memoFormatter('en-CA', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

export function formatZoned(iso: string | null | undefined, zone: string, style: ZonedStyle = 'datetime'): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const parts = memoFormatter('en-CA', { timeZone: safeZone(zone), hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${get('year')}-${get('month')}-${get('day')}`;
  const time = `${get('hour')}:${get('minute')}`;
  return style === 'date' ? day : style === 'time' ? time : `${day} ${time}`;
}
