// Post dates for readers: the Settings page's date_format (a few of WordPress's PHP date() formats) in the
// site's timezone. An unknown timezone falls back to UTC rather than failing the page.

import { rememberRecent } from '../cache/recent-results.js';
import { memoFormatter } from '../content/formatters.js';

const DAY_PARTS = { year: 'numeric', month: 'numeric', day: 'numeric' } as const;

function calendarFormatter(timeZone: string): Intl.DateTimeFormat {
  try {
    return memoFormatter('en-US', { timeZone, ...DAY_PARTS });
  } catch {
    return memoFormatter('en-US', { timeZone: 'UTC', ...DAY_PARTS });
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? '';
}

/** Calendar parts of an instant as seen in `timeZone` (UTC when the zone is not known to Intl). */
export function zonedParts(date: Date, timeZone: string): { year: number; month: number; day: number } {
  const fmt = calendarFormatter(timeZone);
  const parts = Object.fromEntries(fmt.formatToParts(date).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Formats an ISO timestamp with one of the PHP-style formats the settings allow (F j, Y · Y-m-d · m/d/Y · d/m/Y · j F Y). */
export function formatPostDate(iso: string | null, format: string, timeZone: string): string {
  if (!iso) return '';
  // A page shows the same few dates many times (a post's comments, a day's posts); Intl's formatToParts is slow.
  return recentDates(`${timeZone}\n${format}\n${iso}`);
}

const recentDates = rememberRecent(5_000, (key) => {
  const [timeZone, format, iso] = key.split('\n');
  return formatUncached(iso, format, timeZone);
});

function formatUncached(iso: string, format: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const { year, month, day } = zonedParts(date, timeZone);
  const tokens: Record<string, string> = { F: monthName(month), j: String(day), d: pad(day), m: pad(month), n: String(month), Y: String(year) };
  return format.replace(/[FjdmnY]/g, (t) => tokens[t]);
}
