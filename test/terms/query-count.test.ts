// Issue 13 point 7: a listing loads the terms of all its posts in one query, whatever the number of posts,
// and the category tree (for the links' paths) once per site generation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { createTerm } from '../../src/terms/service.js';
import { saveSettings } from '../../src/settings/repository.js';
import { html, publish } from '../support/public-site.js';

describe('queries per listing', () => {
  const statements: string[] = [];
  let recording = false;
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, { database: { log: (e) => { if (recording && e.level === 'query') statements.push(e.query.sql); } } });
    const admin = await createUser(t.ctx, 'admin');
    await saveSettings(t.ctx.db, { posts_per_page: 10 });
    const cat = await createTerm(t.ctx, 'category', { name: 'Parent' });
    const child = await createTerm(t.ctx, 'category', { name: 'Child', parentId: cat.ok ? cat.term.id : null });
    if (!child.ok) throw new Error('terms');
    for (let i = 0; i < 12; i++) await publish(t, admin, `Post ${i}`, { date: `2026-01-${String(i + 1).padStart(2, '0')}T10:00:00Z`, categoryIds: [child.term.id], tags: [`tag ${i}`, 'common'] });
  });
  afterAll(() => t.close());

  for (const url of ['/', '/page/2/', '/category/parent/child/', '/tag/common/', '/feed/', '/tag/common/feed/atom/']) {
    it(`${url} reads the terms of its posts in one query`, async () => {
      await t.app.inject({ url: '/', headers: html }); // warms the category tree memo
      statements.length = 0;
      recording = true;
      const res = await t.app.inject({ url: url + '?nocache', headers: { ...html, cookie: 'backtalk_probe=1' } });
      recording = false;
      expect(res.statusCode).toBe(200);
      const termReads = statements.filter((s) => /from "term_relationships"/.test(s));
      // One for the posts' terms; a term archive reads its page of posts through the relationships too.
      expect(termReads.length, termReads.join('\n')).toBe(url.startsWith('/category/') || url.startsWith('/tag/') ? 2 : 1);
      expect(statements.filter((s) => /from "terms" where "taxonomy" = \S+ order by/.test(s))).toEqual([]);
    });
  }
});
