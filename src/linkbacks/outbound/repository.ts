// Queries on the `deliveries` table: one row per (post, kind, target), the outbound delivery log.
import type { Executor } from '../../db/database.js';
import type { Delivery, DeliveriesTable } from '../../db/schema.js';
import type { Updateable } from 'kysely';
import { SCAN_JOB, scanSubject } from '../../jobs/job-types.js';

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

export type DeliveryListRow = Delivery & { post_title: string; post_author_id: number };

export async function listDeliveries(db: Executor, q: DeliveryListQuery): Promise<{ rows: DeliveryListRow[]; total: number }> {
  let base = db.selectFrom('deliveries').innerJoin('posts', 'posts.id', 'deliveries.post_id');
  if (q.postId !== undefined) base = base.where('deliveries.post_id', '=', q.postId);
  if (q.authorId !== undefined) base = base.where('posts.author_id', '=', q.authorId);
  if (q.state === 'pending') base = base.where('deliveries.state', 'in', [...PENDING_STATES]);
  else if (q.state) base = base.where('deliveries.state', '=', q.state);
  const [rows, count] = await Promise.all([
    base
      .selectAll('deliveries')
      .select(['posts.title as post_title', 'posts.author_id as post_author_id'])
      .orderBy('deliveries.updated_at', 'desc')
      .orderBy('deliveries.id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** True while a scan of this post is queued or running (its deliveries are about to appear). */
export async function scanPending(db: Executor, postId: number): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('type', '=', SCAN_JOB)
    .where('subject_key', '=', scanSubject(postId))
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return row !== undefined;
}
