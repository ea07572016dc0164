// Case-insensitive "contains" that behaves the same on SQLite (LIKE is case-insensitive for ASCII only and
// has no default escape character) and PostgreSQL (LIKE is case-sensitive, backslash escapes).
//
// Issue 11's one exception to "every query through an index": a substring match cannot use a B-tree index,
// so the admin's text filters (posts list, moderation search) walk the listing's own index newest first
// and stop at the page's LIMIT; their counts stop at a cap (SEARCH_COUNT_CAP). A search for something rare
// still reads the whole table. A full-text index (FTS5 / tsvector) would bound that, but matches words, not
// substrings such as "0%" or "e_c" that these filters promise (test/db/text-search.test.ts).
import { sql, type Expression, type SqlBool } from 'kysely';

export function containsText(column: string, text: string): Expression<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
