// Every query of the import tables (migrations 0024, 0031): the map of what was imported from where, the old
// WordPress addresses, the admin's import runs, and the attachments fetched from the old site.
import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ImportFetchesTable, ImportMapTable } from '../db/schema.js';

export type MapKind = ImportMapTable['kind'];

export async function mappedId(db: Executor, source: string, kind: MapKind, wpKey: string | number): Promise<number | undefined> {
  const row = await db.selectFrom('import_map').select('local_id').where('source', '=', source).where('kind', '=', kind).where('wp_key', '=', String(wpKey)).executeTakeFirst();
  return row?.local_id;
}

export async function recordMapping(db: Executor, source: string, kind: MapKind, wpKey: string | number, localId: number): Promise<void> {
  await db
    .insertInto('import_map')
    .values({ source, kind, wp_key: String(wpKey).slice(0, 500), local_id: localId })
    .onConflict((oc) => oc.columns(['source', 'kind', 'wp_key']).doNothing())
    .execute();
}

export interface RunRow {
  id: number;
  user_id: number;
  state: string;
  file_path: string;
  uploads_path: string | null;
  file_name: string;
  done: number;
  total: number;
  phase: string;
  report: string | null;
  options: string | null;
}

export function insertRun(db: Executor, row: { userId: number; filePath: string; uploadsPath: string | null; fileName: string; now: string; state?: string; options?: string | null }): Promise<RunRow> {
  return db
    .insertInto('import_runs')
    .values({ user_id: row.userId, state: row.state ?? 'queued', file_path: row.filePath, uploads_path: row.uploadsPath, file_name: row.fileName.slice(0, 500), report: null, options: row.options ?? null, created_at: row.now, updated_at: row.now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findRun(db: Executor, id: number): Promise<RunRow | undefined> {
  return db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateRun(db: Executor, id: number, changes: Partial<Pick<RunRow, 'state' | 'done' | 'total' | 'phase' | 'report' | 'options'>>, now: string): Promise<void> {
  await db.updateTable('import_runs').set({ ...changes, updated_at: now }).where('id', '=', id).execute();
}

/** The latest runs, newest first, for the Import screen. */
export function recentRuns(db: Executor, limit = 5): Promise<RunRow[]> {
  return db.selectFrom('import_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

/** Moves a run from one state to the next only if it is still in the first: two "Start import" presses start one job. */
export async function moveRun(db: Executor, id: number, from: string, changes: Partial<Pick<RunRow, 'state' | 'options'>>, now: string): Promise<boolean> {
  const r = await db.updateTable('import_runs').set({ ...changes, updated_at: now }).where('id', '=', id).where('state', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export type FetchRow = Selectable<ImportFetchesTable>;
export type NewFetch = Omit<FetchRow, 'id' | 'state' | 'media_id' | 'error' | 'created_at' | 'updated_at'>;

export function findFetch(db: Executor, id: number): Promise<FetchRow | undefined> {
  return db.selectFrom('import_fetches').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The attachment's fetch, pending: a new row, or the earlier one put back to pending (a failed fetch is tried
 * again by importing again). Returns its id and whether a job must be queued (not when one is still pending).
 */
export async function pendingFetch(db: Executor, f: NewFetch, now: string): Promise<{ id: number; queue: boolean }> {
  const existing = await db.selectFrom('import_fetches').select(['id', 'state']).where('source', '=', f.source).where('wp_id', '=', f.wp_id).executeTakeFirst();
  if (!existing) {
    const row = await db.insertInto('import_fetches').values({ ...f, state: 'pending', media_id: null, error: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    return { id: row.id, queue: true };
  }
  await db.updateTable('import_fetches').set({ ...f, state: 'pending', error: existing.state === 'pending' ? undefined : null, updated_at: now }).where('id', '=', existing.id).execute();
  return { id: existing.id, queue: existing.state !== 'pending' };
}

export async function updateFetch(db: Executor, id: number, changes: Partial<Pick<FetchRow, 'state' | 'media_id' | 'error'>>, now: string): Promise<void> {
  await db.updateTable('import_fetches').set({ ...changes, updated_at: now }).where('id', '=', id).execute();
}

export async function recordFetchUse(db: Executor, fetchId: number, postId: number, featured: boolean): Promise<void> {
  await db
    .insertInto('import_fetch_uses')
    .values({ fetch_id: fetchId, post_id: postId, featured: featured ? 1 : 0 })
    .onConflict((oc) => oc.columns(['fetch_id', 'post_id', 'featured']).doNothing())
    .execute();
}

export function fetchUses(db: Executor, fetchId: number): Promise<{ post_id: number; featured: number }[]> {
  return db.selectFrom('import_fetch_uses').select(['post_id', 'featured']).where('fetch_id', '=', fetchId).orderBy('id').execute();
}

export interface FetchCounts {
  pending: number;
  fetched: number;
  failed: number;
}

/** How a run's fetches stand, and its failures (the newest first, at most `limit`) with their reasons. */
export async function fetchesOfRun(db: Executor, runId: number, limit = 200): Promise<{ counts: FetchCounts; failures: { url: string; title: string; error: string }[]; waiting: { url: string; error: string }[] }> {
  const rows = await db.selectFrom('import_fetches').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).where('run_id', '=', runId).groupBy('state').execute();
  const counts: FetchCounts = { pending: 0, fetched: 0, failed: 0 };
  for (const r of rows) counts[r.state] = Number(r.n);
  const failed = counts.failed ? await db.selectFrom('import_fetches').select(['url', 'title', 'error']).where('run_id', '=', runId).where('state', '=', 'failed').orderBy('id').limit(limit).execute() : [];
  // Pending ones that already failed once say why they wait: the next attempt comes by the queue's backoff.
  const waiting = counts.pending ? await db.selectFrom('import_fetches').select(['url', 'error']).where('run_id', '=', runId).where('state', '=', 'pending').where('error', 'is not', null).orderBy('id').limit(limit).execute() : [];
  return { counts, failures: failed.map((f) => ({ url: f.url, title: f.title, error: f.error ?? '' })), waiting: waiting.map((w) => ({ url: w.url, error: w.error ?? '' })) };
}
