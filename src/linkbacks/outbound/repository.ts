// Queries on the `deliveries` table: one row per (post, kind, target), the outbound delivery log.
import type { Executor } from '../../db/database.js';
import type { Delivery, DeliveriesTable } from '../../db/schema.js';
import type { Updateable } from 'kysely';
import { sql } from 'kysely';
import { cappedCount, newestFirst } from '../../db/bounded.js';
import { SCAN_JOB, scanSubject } from '../../jobs/job-types.js';
import { jobPending } from '../../jobs/queue.js';

export type DeliveryKind = Delivery['kind'];
export const SENDABLE_STATES = ['queued', 'retrying', 'sending'] as const;
export const PENDING_STATES = ['queued', 'retrying', 'sending'] as const;

export function findDelivery(db: Executor, id: number): Promise<Delivery | undefined> {
  return db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export function deliveriesOfPost(db: Executor, postId: number, kind?: DeliveryKind): Promise<Delivery[]> {
  let q = db.selectFrom('deliveries').selectAll().where('post_id', '=', postId);
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('id').execute();
}

export async function insertDelivery(
  db: Executor,
  row: { post_id: number; kind: DeliveryKind; target_url: string; state: string; skip_reason?: string | null; protocol?: string | null; last_answer?: string | null; now: string },
): Promise<Delivery | undefined> {
  return db
    .insertInto('deliveries')
    .values({
      post_id: row.post_id,
      kind: row.kind,
      target_url: row.target_url,
      protocol: row.protocol ?? null,
      endpoint: null,
      state: row.state,
      attempts: 0,
      last_answer: row.last_answer ?? null,
      next_attempt_at: null,
      location: null,
      present: 1,
      job_id: null,
      skip_reason: row.skip_reason ?? null,
      created_at: row.now,
      updated_at: row.now,
    })
    // The unique (post_id, kind, target_url) makes a repeated scan a no-op rather than a second ping.
    .onConflict((oc) => oc.columns(['post_id', 'kind', 'target_url']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateDelivery(db: Executor, id: number, changes: Updateable<DeliveriesTable>, onlyInStates?: readonly string[]): Promise<boolean> {
  let q = db.updateTable('deliveries').set(changes).where('id', '=', id);
  if (onlyInStates) q = q.where('state', 'in', [...onlyInStates]);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface DeliveryListQuery {
  postId?: number;
  authorId?: number;
  state?: string;
  limit: number;
  offset: number;
}

/** The log's page count stops here: counting every delivery ever made would grow with the blog (issue 11). */
export const DELIVERY_COUNT_CAP = 10_000;

export type DeliveryListRow = Delivery & { post_title: string; post_author_id: number };

export async function listDeliveries(db: Executor, q: DeliveryListQuery): Promise<{ rows: DeliveryListRow[]; total: number }> {
  // Every delivery has its post (foreign key), so the left join returns what an inner join would. It and
  // coalesce() keep the planner walking deliveries newest first, checking each post's author as it goes,
  // rather than starting from all the author's posts and sorting their deliveries, or building a Bloom
  // filter over every post first (issue 11).
  let base = db.selectFrom('deliveries').leftJoin('posts', 'posts.id', 'deliveries.post_id');
  if (q.postId !== undefined) base = base.where('deliveries.post_id', '=', q.postId);
  if (q.authorId !== undefined) base = base.where((eb) => eb(eb.fn.coalesce('posts.author_id', eb.val(0)), '=', q.authorId!));
  const states = q.state === 'pending' ? [...PENDING_STATES] : q.state ? [q.state] : [null];
  // One index walk per state, merged, rather than a sort of every delivery in any of the states.
  const branches = states.map((state) =>
    (state ? base.where('deliveries.state', '=', state) : base)
      .selectAll('deliveries')
      .select([sql<string>`posts.title`.as('post_title'), sql<number>`posts.author_id`.as('post_author_id')]),
  );
  const counted = q.state === 'pending' ? base.where('deliveries.state', 'in', [...PENDING_STATES]) : q.state ? base.where('deliveries.state', '=', q.state) : base;
  const [rows, count] = await Promise.all([
    newestFirst(db, branches, { created: 'deliveries.updated_at', id: 'deliveries.id' }, q.limit, q.offset).execute(),
    cappedCount(db, counted, DELIVERY_COUNT_CAP),
  ]);
  return { rows: rows as DeliveryListRow[], total: count };
}

/** True while a scan of this post is queued or running (its deliveries are about to appear). */
export function scanPending(db: Executor, postId: number): Promise<boolean> {
  return jobPending(db, SCAN_JOB, scanSubject(postId));
}

/**
 * Deliveries needing attention, newest first, for the dashboard (an author's own posts' only when authorId is
 * given): failed ones, and those retrying after a failed try (issue 15), which a blogger wants to see too.
 */
export async function deliveryFailures(db: Executor, authorId?: number, limit = 5) {
  // One index walk per state (state, updated_at), merged here: an IN list would read every such row to sort.
  const walk = (state: 'failed' | 'retrying') => {
    let q = db
      .selectFrom('deliveries')
      // Left join and coalesce(): deliveries stay the outer loop, walked newest failed first (ORDER_KEEPING_JOIN).
      .leftJoin('posts', 'posts.id', 'deliveries.post_id')
      .select(['deliveries.id', 'deliveries.target_url', 'deliveries.protocol', 'deliveries.last_answer', 'deliveries.updated_at', 'deliveries.state', 'deliveries.next_attempt_at', 'posts.id as post_id', 'posts.title as post_title'])
      .where('deliveries.state', '=', state);
    if (authorId !== undefined) q = q.where((eb) => eb(eb.fn.coalesce('posts.author_id', eb.val(0)), '=', authorId));
    return q.orderBy('deliveries.updated_at', 'desc').orderBy('deliveries.id', 'desc').limit(limit).execute();
  };
  const rows = [...(await walk('failed')), ...(await walk('retrying'))];
  return rows.sort((a, b) => (a.updated_at === b.updated_at ? b.id - a.id : a.updated_at < b.updated_at ? 1 : -1)).slice(0, limit);
}

/** When each delivery sent since `since` was sent, for the dashboard's chart. */
export async function deliveriesSentSince(db: Executor, since: string, authorId?: number): Promise<string[]> {
  let q = db.selectFrom('deliveries').leftJoin('posts', 'posts.id', 'deliveries.post_id').select('deliveries.updated_at as at').where('deliveries.state', '=', 'sent').where('deliveries.updated_at', '>=', since);
  // Start from the 30 days' rows and check each post's author, not from all the author's posts (ORDER_KEEPING_JOIN).
  if (authorId !== undefined) q = q.where((eb) => eb(eb.fn.coalesce('posts.author_id', eb.val(0)), '=', authorId));
  return (await q.execute()).map((r) => r.at);
}
