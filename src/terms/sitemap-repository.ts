// The sitemap's queries of terms (discovery/sitemap-providers.ts lists them): ranges of the primary key, each
// bounded by its width. Categories and tags share the table, told apart by taxonomy.
import type { Executor } from '../db/database.js';
import { idRangesWithRows } from '../db/bounded.js';
import type { Taxonomy, Term } from '../db/schema.js';

/** Terms with at least one published post (WordPress's sitemaps leave empty terms out). */
function listedTerms(db: Executor, taxonomy: Taxonomy, lo: number, hi: number) {
  return db.selectFrom('terms').where('id', '>', lo).where('id', '<=', hi).where('taxonomy', '=', taxonomy).where('count', '>', 0);
}

export async function termIdRangesWithTerms(db: Executor, width: number, taxonomy: Taxonomy): Promise<number[]> {
  const top = await db.selectFrom('terms').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return idRangesWithRows(top?.id ?? 0, width, (lo, hi) => listedTerms(db, taxonomy, lo, hi).select('id').orderBy('id').limit(1).executeTakeFirst());
}

export function termsInIdRange(db: Executor, lo: number, hi: number, taxonomy: Taxonomy): Promise<Term[]> {
  return listedTerms(db, taxonomy, lo, hi).selectAll().orderBy('id').limit(hi - lo).execute();
}
