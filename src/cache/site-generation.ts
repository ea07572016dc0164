// Reads the site generation (migrations/0006): the counter the triggers bump with every write that changes
// the public site. One primary-key read, compiled once (no query building per request).
//
// Every cached page and memo checks it, up to eight times for one uncached page, so on SQLite the read skips
// Kysely: openDatabase registers a synchronous reader on its own connection (registerDirectGenerationRead),
// measured at 9 µs a read against 16 µs through Kysely's connection mutex and promise chain. The direct read
// is used only while no transaction is open on that connection: an open write transaction (which spans
// awaits) may hold an uncommitted bump, and a page rendered after its rollback must not carry it. Then, and
// on PostgreSQL, the read goes through Kysely and so waits for the transaction like every other query.
import { CompiledQuery } from 'kysely';
import type { Executor } from '../db/database.js';

export interface SiteGeneration {
  generation: number;
  /** When the last public change was committed (ISO 8601, the database's clock). */
  changedAt: string;
}

type GenerationRow = { generation: number | string; changed_at: string };
const SQL = 'select generation, changed_at from site_generation where id = 1';
const query = CompiledQuery.raw(SQL);

/** The direct reader for one Kysely instance: undefined when it may not be used right now. */
type DirectRead = () => GenerationRow | undefined | null;
const directReads = new WeakMap<Executor, DirectRead>();

export function registerDirectGenerationRead(db: Executor, read: DirectRead): void {
  directReads.set(db, read);
}

export const siteGenerationSql = SQL;

function fromRow(row: GenerationRow | undefined): SiteGeneration {
  if (!row) throw new Error('site_generation row is missing (migration 0006 creates it)');
  return { generation: Number(row.generation), changedAt: row.changed_at };
}

export async function readSiteGeneration(db: Executor): Promise<SiteGeneration> {
  const direct = directReads.get(db)?.();
  if (direct !== undefined && direct !== null) return fromRow(direct);
  const { rows } = await db.executeQuery<GenerationRow>(query);
  return fromRow(rows[0]);
}
