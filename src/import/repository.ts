// Every query of the import tables (migration 0024): the map of what was imported from where, the old
// WordPress addresses, and the admin's import runs.
import type { Executor } from '../db/database.js';
import type { ImportMapTable } from '../db/schema.js';

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
}

export function insertRun(db: Executor, row: { userId: number; filePath: string; uploadsPath: string | null; fileName: string; now: string }): Promise<RunRow> {
  return db
    .insertInto('import_runs')
    .values({ user_id: row.userId, state: 'queued', file_path: row.filePath, uploads_path: row.uploadsPath, file_name: row.fileName.slice(0, 500), report: null, created_at: row.now, updated_at: row.now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findRun(db: Executor, id: number): Promise<RunRow | undefined> {
  return db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateRun(db: Executor, id: number, changes: Partial<Pick<RunRow, 'state' | 'done' | 'total' | 'phase' | 'report'>>, now: string): Promise<void> {
  await db.updateTable('import_runs').set({ ...changes, updated_at: now }).where('id', '=', id).execute();
}

/** The latest runs, newest first, for the Import screen. */
export function recentRuns(db: Executor, limit = 5): Promise<RunRow[]> {
  return db.selectFrom('import_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
