// better-sqlite3 behind Kysely with its prepared statements reused (issue 11, point 2). Kysely's SqliteDriver
// calls database.prepare(sql) for every query it runs; preparing parses and plans the SQL again each time
// (about an eighth of the post page's time). Kysely compiles the same builder to the same SQL text with the
// values as parameters, so keying by text finds the statement again.
//
// Nothing is evicted: better-sqlite3 13 keeps every statement it prepared until the connection closes
// (measured: 100,000 distinct statements hold about 320 MB after a forced GC), so dropping one from this map
// would free nothing and prepare it again later. The map holds one statement per distinct SQL text the app
// compiles, which is what the driver would keep anyway, and far fewer than one per query.
import type { Database as BetterSqlite, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

export function withStatementCache(sqlite: BetterSqlite): SqliteDatabase & { readonly cachedStatements: number } {
  const cache = new Map<string, Statement>();
  return {
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached === undefined) {
        const stmt = sqlite.prepare(sql);
        cache.set(sql, stmt);
        return stmt;
      }
      // A statement still being iterated (Kysely's streamQuery) is busy: hand out a fresh one meanwhile.
      return cached.busy ? sqlite.prepare(sql) : cached;
    },
    get cachedStatements() {
      return cache.size;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}
