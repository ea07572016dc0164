// The dashboard's chart: 30 days of linkbacks received (comments of linkback kinds, by created_at) and sent
// (deliveries in state sent, by updated_at), each read through its feature's repository; authors get their
// own posts' only. chartGeometry turns the counts into SVG bar positions.
import type { Executor } from '../db/database.js';
import { linkbacksReceivedSince } from '../comments/linkback-stats-repository.js';
import { deliveriesSentSince } from '../linkbacks/outbound/repository.js';

export const CHART_DAYS = 30;

export interface ChartDay {
  day: string;
  received: number;
  sent: number;
}

/** The last 30 UTC days ending today, oldest first, with zero days included. */
export async function linkbackChart(db: Executor, now: Date, authorId?: number): Promise<ChartDay[]> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days = Array.from({ length: CHART_DAYS }, (_, i) => new Date(today - (CHART_DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10));
  const since = `${days[0]}T00:00:00.000Z`;
  const byDay = new Map(days.map((d) => [d, { day: d, received: 0, sent: 0 }]));
  for (const at of await linkbacksReceivedSince(db, since, authorId)) { const d = byDay.get(at.slice(0, 10)); if (d) d.received++; }
  for (const at of await deliveriesSentSince(db, since, authorId)) { const d = byDay.get(at.slice(0, 10)); if (d) d.sent++; }
  return [...byDay.values()];
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
