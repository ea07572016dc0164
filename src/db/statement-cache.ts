// better-sqlite3 behind Kysely with its prepared statements reused (issue 11, point 2). Kysely's SqliteDriver
// calls database.prepare(sql) for every query it runs; preparing parses and plans the SQL again each time
// (about an eighth of the post page's time). Kysely compiles the same builder to the same SQL text with the
// values as parameters, so keying by text finds the statement again. Bounded (least recently used goes
// first) because IN (...) lists of different lengths and ad-hoc SQL make new texts.
import type { Database as BetterSqlite, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

export const STATEMENT_CACHE_SIZE = 500;

export function withStatementCache(sqlite: BetterSqlite, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    prepare(sql: string) {
      const cached = cache.get(sql);
      // A statement still being iterated (Kysely's streamQuery) is busy: hand out a fresh one meanwhile.
      if (cached?.busy) return sqlite.prepare(sql);
      const stmt = cached ?? sqlite.prepare(sql);
      // Map keeps insertion order: deleting and setting again marks it most recently used.
      cache.delete(sql);
      cache.set(sql, stmt);
      if (cache.size > size) cache.delete(cache.keys().next().value as string);
      return stmt;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}
