// Case-insensitive "contains" that behaves the same on SQLite (LIKE is case-insensitive for ASCII only and
// has no default escape character) and PostgreSQL (LIKE is case-sensitive, backslash escapes).
import { sql, type Expression, type SqlBool } from 'kysely';

export function containsText(column: string, text: string): Expression<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
