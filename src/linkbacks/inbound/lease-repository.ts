// Short leases in the database (inbound_leases, migration 0010), shared by every instance: a lease is taken
// with one statement, released by its holder only, and lapses at its expiry, so a process that crashed while
// holding one blocks nothing for longer than the lease (issue 18 point 5).
import { randomBytes } from 'node:crypto';
import type { Dialect, Executor } from '../../db/database.js';

export interface Lease {
  key: string;
  holder: string;
}

const newHolder = (): string => randomBytes(12).toString('base64url');

/** Takes the lease on `key` when nobody holds it (or the holder's lease has lapsed); null when it is held. */
export async function takeLease(db: Executor, key: string, now: Date, leaseMs: number): Promise<Lease | null> {
  const holder = newHolder();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const row = await db
    .insertInto('inbound_leases')
    .values({ key, holder, until })
    .onConflict((oc) => oc.column('key').doUpdateSet({ holder, until }).where('inbound_leases.until', '<=', now.toISOString()))
    .returning('key')
    .executeTakeFirst();
  return row ? { key, holder } : null;
}

export async function releaseLease(db: Executor, lease: Lease): Promise<void> {
  await db.deleteFrom('inbound_leases').where('key', '=', lease.key).where('holder', '=', lease.holder).execute();
}

/**
 * One of `slots` numbered slots under `prefix` ("fetch-slot:0" …), the first free or lapsed one, in one
 * statement; null when every slot is held. Slot rows are created once (ensureSlots) and then only updated:
 * on PostgreSQL the candidate row is locked with SKIP LOCKED so two instances never take the same slot and
 * neither waits for the other; on SQLite the one writer runs the statement alone.
 */
export async function takeSlot(db: Executor, dialect: Dialect, prefix: string, slots: number, now: Date, leaseMs: number): Promise<Lease | null> {
  const holder = newHolder();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const free = db
    .selectFrom('inbound_leases')
    .select('key')
    .where('key', 'in', slotKeys(prefix, slots))
    .where('until', '<=', now.toISOString())
    .orderBy('until')
    .limit(1);
  const row = await db
    .updateTable('inbound_leases')
    .set({ holder, until })
    .where('key', '=', (dialect === 'postgres' ? free.forUpdate().skipLocked() : free))
    .where('until', '<=', now.toISOString())
    .returning('key')
    .executeTakeFirst();
  return row ? { key: row.key, holder } : null;
}

/** Frees a slot its holder took (a slot row is kept, never deleted, so the number of slots stays fixed). */
export async function releaseSlot(db: Executor, lease: Lease): Promise<void> {
  await db.updateTable('inbound_leases').set({ holder: '', until: '' }).where('key', '=', lease.key).where('holder', '=', lease.holder).execute();
}

/** Creates the slot rows that do not exist yet (free: empty holder, an expiry long past). */
export async function ensureSlots(db: Executor, prefix: string, slots: number): Promise<void> {
  await db
    .insertInto('inbound_leases')
    .values(slotKeys(prefix, slots).map((key) => ({ key, holder: '', until: '' })))
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/** Deletes lapsed leases other than slot rows (the maintenance sweep). */
export async function deleteLapsedLeases(db: Executor, now: Date, slotPrefix: string): Promise<number> {
  const r = await db
    .deleteFrom('inbound_leases')
    .where('until', '<', now.toISOString())
    .where('key', 'not like', `${slotPrefix}%`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

const slotKeys = (prefix: string, slots: number): string[] => Array.from({ length: slots }, (_, i) => `${prefix}${i}`);
