// Serialising a check with the write that depends on it, across instances (issue 18 point 4): inside a write
// transaction, lockFor() makes every other transaction that locks one of the same keys wait until this one
// commits. On SQLite the write transaction itself (BEGIN IMMEDIATE) already admits one writer at a time, so
// nothing more is needed; on PostgreSQL each key is a transaction-level advisory lock, released at commit or
// rollback, taken in one fixed order (namespace, then key) so two transactions can never wait on each other.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Dialect, Executor } from './database.js';

/** Lock namespaces (the first argument of pg_advisory_xact_lock), one per kind of key. */
export const LOCK_SPACE = {
  /** What makes a comment or linkback a duplicate (post and source; post, name and text). */
  duplicate: 1801,
  /** A reader's address or email: the 15-second flood rule, which spans posts. */
  commentSender: 1802,
  /** "No account exists yet": the setup page and ADMIN_USER create the first admin once. */
  firstAdmin: 1803,
  /** Role changes and deletions: "is this the last administrator?" is answered one change at a time. */
  administrators: 1804,
} as const;

export type LockKey = readonly [space: number, key: number | string];

/** A string key as a signed 32-bit integer (what pg_advisory_xact_lock(int, int) takes). */
const int32 = (key: number | string): number => (typeof key === 'number' ? key | 0 : createHash('sha256').update(key).digest().readInt32BE(0));

export async function lockFor(trx: Executor, dialect: Dialect, keys: LockKey[]): Promise<void> {
  if (dialect !== 'postgres') return;
  const ordered = [...new Map(keys.map(([space, key]) => [`${space}:${int32(key)}`, [space, int32(key)] as const])).values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [space, key] of ordered) await sql`select pg_advisory_xact_lock(${space}::int, ${key}::int)`.execute(trx);
}
