// Issue 11's rule for the export (issue 17 point 2): every statement the export runs is explained with its own
// parameters, and none reads posts, comments, media or terms in a way that grows with the blog — except the
// category tree, read whole in (depth, id) order, whose cost grows with the number of categories only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportWxr } from '../../src/export/wxr-writer.js';
import { loadSettings } from '../../src/settings/repository.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDialect } from '../support/database.js';
import { explain, isExplainable, postgresProblem, sqliteProblem, useStatistics, type Statement } from '../performance/plan-check.js';
import { seedBlog } from './seed-blog.js';

const seen = new Map<string, Statement>();
let recording = false;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({}, { database: { log: (event) => {
    if (!recording || event.level !== 'query') return;
    const { sql, parameters } = event.query;
    if (isExplainable(sql) && !seen.has(sql)) seen.set(sql, { sql, parameters });
  } } });
  t.clock.set(new Date('2026-11-30T12:00:00Z'));
  await seedBlog(t.ctx);
  const settings = await loadSettings(t.ctx.db);
  recording = true;
  for await (const _ of exportWxr(t.ctx.db, { siteUrl: 'http://blog.test', settings, now: t.clock.now(), pageSize: 3, includeSpam: false })) void _;
  recording = false;
});
afterAll(async () => t?.close());

describe('query plans of the export', () => {
  it('are bounded by an index, with and without the statistics of a large blog', async () => {
    const statements = [...seen.values()];
    expect(statements.some((s) => /from "comments"/.test(s.sql))).toBe(true);
    expect(statements.some((s) => /from "old_slugs"/.test(s.sql))).toBe(true);
    // SQLite plans with no statistics and with a large blog's; PostgreSQL plans with sequential scans off.
    for (const statistics of testDialect === 'sqlite' ? (['none', 'large blog'] as const) : (['none'] as const)) {
      if (testDialect === 'sqlite') await useStatistics(t.ctx.db, statistics);
      const problems: string[] = [];
      for (const statement of statements) {
        if (statement.sql.includes('with recursive tree')) continue;
        const verdict = await explain(t.ctx.db, t.ctx.dialect, statement);
        const problem = testDialect === 'sqlite' ? verdict.problem : verdict.problem ?? postgresProblem(verdict.plan);
        if (problem) problems.push(`${statistics}: ${problem}\n  ${statement.sql}\n  ${verdict.plan.join('\n  ')}`);
      }
      expect(problems).toEqual([]);
    }
  });
});
