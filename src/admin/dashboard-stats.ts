// What the dashboard shows: latest linkbacks, delivery failures needing attention, and 30 days of linkbacks
// received (comments of linkback kinds, by created_at) and sent (deliveries in state sent, by updated_at).
// Authors get the same, limited to their own posts. chartGeometry turns the counts into SVG bar positions.
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { LINKBACK_KINDS } from '../comments/matching.js';
import { newestFirst } from '../db/bounded.js';

export const CHART_DAYS = 30;

/** Newest linkbacks: one index walk per (kind, status) on comments_kind_status_date, merged (db/bounded.ts). */
export function latestLinkbacks(db: Executor, authorId?: number, limit = 5) {
  const statuses = authorId !== undefined ? (['approved'] as const) : (['pending', 'approved'] as const);
  const branches = LINKBACK_KINDS.flatMap((kind) =>
    statuses.map((status) => {
      let q = db
        .selectFrom('comments')
        .innerJoin('posts', 'posts.id', 'comments.post_id')
        .select(['comments.id', 'comments.kind', 'comments.status', 'comments.title', 'comments.author_name', 'comments.source_url', 'comments.created_at', 'posts.id as post_id', 'posts.title as post_title', 'posts.slug as post_slug', 'posts.published_at as post_published_at'])
        .where('comments.kind', '=', kind)
        .where('comments.status', '=', status);
      if (authorId !== undefined) q = q.where('posts.author_id', '=', authorId);
      return q;
    }),
  );
  return newestFirst(db, branches, { created: 'comments.created_at', id: 'comments.id' }, limit, 0).execute();
}

export function deliveryFailures(db: Executor, authorId?: number, limit = 5) {
  let q = db
    .selectFrom('deliveries')
    .innerJoin('posts', 'posts.id', 'deliveries.post_id')
    .select(['deliveries.id', 'deliveries.target_url', 'deliveries.protocol', 'deliveries.last_answer', 'deliveries.updated_at', 'posts.id as post_id', 'posts.title as post_title'])
    .where('deliveries.state', '=', 'failed');
  if (authorId !== undefined) q = q.where('posts.author_id', '=', authorId);
  return q.orderBy('deliveries.updated_at', 'desc').orderBy('deliveries.id', 'desc').limit(limit).execute();
}

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
  // Every status is listed (the chart counts them all) so that comments_kind_status_date can seek straight
  // to the last 30 days for each (kind, status) pair instead of reading every linkback ever received.
  let rq = db
    .selectFrom('comments')
    .innerJoin('posts', 'posts.id', 'comments.post_id')
    .select('comments.created_at as at')
    .where('comments.kind', 'in', [...LINKBACK_KINDS])
    .where('comments.status', 'in', ['pending', 'approved', 'spam', 'trash'])
    .where('comments.created_at', '>=', since);
  let sq = db.selectFrom('deliveries').innerJoin('posts', 'posts.id', 'deliveries.post_id').select('deliveries.updated_at as at').where('deliveries.state', '=', 'sent').where('deliveries.updated_at', '>=', since);
  if (authorId !== undefined) {
    // Unary plus: start from the 30 days' rows and check each post's author, not from all the author's posts.
    const author = sql<number>`+${sql.ref('posts.author_id')}`;
    rq = rq.where(author, '=', authorId);
    sq = sq.where(author, '=', authorId);
  }
  const byDay = new Map(days.map((d) => [d, { day: d, received: 0, sent: 0 }]));
  for (const r of await rq.execute()) { const d = byDay.get(r.at.slice(0, 10)); if (d) d.received++; }
  for (const r of await sq.execute()) { const d = byDay.get(r.at.slice(0, 10)); if (d) d.sent++; }
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
