// Reads the site generation (migrations/0006): the counter the triggers bump with every write that changes
// the public site. One primary-key read, compiled once (no query building per request).
import { CompiledQuery } from 'kysely';
import type { Executor } from '../db/database.js';

export interface SiteGeneration {
  generation: number;
  /** When the last public change was committed (ISO 8601, the database's clock). */
  changedAt: string;
}

const query = CompiledQuery.raw('select generation, changed_at from site_generation where id = 1');

export async function readSiteGeneration(db: Executor): Promise<SiteGeneration> {
  const { rows } = await db.executeQuery<{ generation: number | string; changed_at: string }>(query);
  const row = rows[0];
  if (!row) throw new Error('site_generation row is missing (migration 0006 creates it)');
  return { generation: Number(row.generation), changedAt: row.changed_at };
}
