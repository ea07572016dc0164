// The SQLite statement cache (issue 11: Kysely prepared every statement anew): the same SQL text gets the
// same prepared statement back however many others came between, and a statement still being iterated is
// never handed out twice.
import { describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { withStatementCache } from '../../src/db/statement-cache.js';

function database() {
  const sqlite = new SQLite(':memory:');
  sqlite.exec('create table t (n integer)');
  sqlite.exec('insert into t values (1), (2), (3)');
  return sqlite;
}

describe('statement cache', () => {
  it('prepares a given SQL text once and reuses it', () => {
    const sqlite = database();
    let prepared = 0;
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((text: string) => (prepared++, prepare(text))) as typeof sqlite.prepare;
    const db = withStatementCache(sqlite);
    const a = db.prepare('select n from t where n > ?');
    const b = db.prepare('select n from t where n > ?');
    expect(b).toBe(a);
    expect(b.all([1])).toEqual([{ n: 2 }, { n: 3 }]);
    expect(prepared).toBe(1);
    db.close();
  });

  it('keeps every distinct text: one statement each, found again after many others', () => {
    const db = withStatementCache(database());
    const one = db.prepare('select 1');
    for (let i = 2; i < 2000; i++) db.prepare(`select ${i}`);
    expect(db.prepare('select 1')).toBe(one);
    expect(db.cachedStatements).toBe(1999);
    db.close();
  });

  it('hands out a fresh statement while the cached one is still iterating', () => {
    const db = withStatementCache(database());
    const first = db.prepare('select n from t order by n');
    const iterator = first.iterate([]);
    iterator.next();
    const second = db.prepare('select n from t order by n');
    expect(second).not.toBe(first);
    expect(second.all([])).toHaveLength(3);
    iterator.return?.();
    db.close();
  });
});
