// The dashboard's chart: 30 days of linkbacks received (comments of linkback kinds, by created_at) and sent
// (deliveries in state sent, by updated_at), each read through its feature's repository; authors get their
// own posts' only. Days are the site's days (issue 15: every admin date in the site's timezone), so a ping at
// 23:30 in Paris counts on that Paris day, not on the UTC one. chartGeometry turns the counts into SVG bars.
import type { Executor } from '../db/database.js';
import { formatZoned } from '../content/zoned-time.js';
import { localInputToIso } from './local-time.js';
import { linkbacksReceivedSince } from '../comments/linkback-stats-repository.js';
import { deliveriesSentSince } from '../linkbacks/outbound/repository.js';

export const CHART_DAYS = 30;

export interface ChartDay {
  day: string;
  received: number;
  sent: number;
}

/** The site's calendar days from `days` ago to today ("YYYY-MM-DD"), oldest first. */
export function siteDays(now: Date, zone: string, count = CHART_DAYS): string[] {
  const [y, m, d] = formatZoned(now.toISOString(), zone, 'date').split('-').map(Number);
  // Calendar arithmetic on the date alone (noon UTC), so no DST change can skip or repeat a day.
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(y!, m! - 1, d! - (count - 1 - i), 12)).toISOString().slice(0, 10));
}

/** Index of the day an instant falls on, given each day's first instant (ascending ISO strings), or -1. */
export function dayIndex(at: string, starts: string[]): number {
  let lo = 0;
  let hi = starts.length - 1;
  if (at < starts[0]!) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The last 30 days in the site's timezone ending today, oldest first, with zero days included. */
export async function linkbackChart(db: Executor, now: Date, zone: string, authorId?: number): Promise<ChartDay[]> {
  const days = siteDays(now, zone);
  // Each day's first instant in UTC (ISO strings sort as time); a row at or after today's start is today's.
  const starts = days.map((day) => localInputToIso(`${day}T00:00`, zone)!);
  const out = days.map((day) => ({ day, received: 0, sent: 0 }));
  const count = (at: string, key: 'received' | 'sent') => { const i = dayIndex(at, starts); if (i >= 0) out[i]![key]++; };
  for (const at of await linkbacksReceivedSince(db, starts[0]!, authorId)) count(at, 'received');
  for (const at of await deliveriesSentSince(db, starts[0]!, authorId)) count(at, 'sent');
  return out;
}

export interface ChartBar {
  x: number;
  y: number;
  height: number;
  width: number;
  value: number;
  day: string;
}

/** Bar positions in a 600×160 plot (plus room for labels): received and sent side by side per day. */
export function chartGeometry(days: ChartDay[], plot = { width: 600, height: 160, top: 10 }) {
  const max = Math.max(1, ...days.map((d) => Math.max(d.received, d.sent)));
  const slot = plot.width / days.length;
  const barWidth = Math.max(1, Math.floor(slot / 2 - 1));
  const bar = (d: ChartDay, value: number, offset: number): ChartBar => {
    const height = Math.round((value / max) * plot.height);
    return { x: Math.round(days.indexOf(d) * slot + offset), y: plot.top + plot.height - height, height, width: barWidth, value, day: d.day };
  };
  return {
    max,
    baseline: plot.top + plot.height,
    received: days.map((d) => bar(d, d.received, 1)),
    sent: days.map((d) => bar(d, d.sent, 1 + barWidth)),
    labels: [0, 7, 14, 21, days.length - 1].map((i, n, all) => ({
      x: n === all.length - 1 ? plot.width : Math.round(i * slot),
      anchor: n === all.length - 1 ? 'end' : 'start',
      text: days[i].day.slice(5),
    })),
  };
}
