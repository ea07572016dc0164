// Values the public pages read on every request (the settings row, the archive-month list) kept in memory
// and reloaded when the site generation moves (issue 11 point 1): a write from any process invalidates them,
// and nothing stale is ever served by a timeout. Keyed per executor, so inside a transaction (a different
// executor, which also sees its own uncommitted bumps) the value is always read fresh.
import type { Executor } from '../db/database.js';
import { readSiteGeneration } from './site-generation.js';

const memos = new WeakMap<Executor, Map<string, { generation: number; value: unknown }>>();

export async function memoByGeneration<T>(db: Executor, key: string, load: () => Promise<T>): Promise<T> {
  let forDb = memos.get(db);
  if (!forDb) memos.set(db, (forDb = new Map()));
  const { generation } = await readSiteGeneration(db);
  const held = forDb.get(key);
  if (held && held.generation === generation) return held.value as T;
  // Read after the generation: a write landing in between makes the value newer than its tag, never older.
  const value = await load();
  forDb.set(key, { generation, value });
  return value;
}
