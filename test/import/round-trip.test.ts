// Issue 17 point 2: export from Backtalk, import into a fresh Backtalk: the same content, the same URLs.
// The blog is test/export/seed-blog.ts's (one of everything the export writes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { prepareExport } from '../../src/export/service.js';
import { loadSettings } from '../../src/settings/repository.js';
import { permalinkPath } from '../../src/posts/permalink.js';
import type { Executor } from '../../src/db/database.js';
import { seedBlog } from '../export/seed-blog.js';
import { dropNonXmlChars, escapeHtml } from '../../src/content/escape.js';
import { importText } from './helpers.js';

async function exported(t: TestApp): Promise<string> {
  const { chunks } = await prepareExport(t.ctx.db, t.ctx.config, t.ctx.clock.now());
  let xml = '';
  for await (const chunk of chunks) xml += chunk;
  return xml;
}

/** "type status" → how many, for posts; "kind status" for comments; "taxonomy name" for terms. */
async function census(db: Executor) {
  const posts = await db.selectFrom('posts').select(['type', 'status', sql<number>`count(*)`.as('n')]).groupBy(['type', 'status']).execute();
  const comments = await db.selectFrom('comments').select(['kind', 'status', sql<number>`count(*)`.as('n')]).groupBy(['kind', 'status']).execute();
  const terms = await db.selectFrom('terms').select(['taxonomy', 'name', 'slug']).orderBy('taxonomy').orderBy('slug').execute();
  const row = (r: { n: number | string }, ...k: string[]) => [k.join(' '), Number(r.n)] as const;
  return {
    posts: Object.fromEntries(posts.map((r) => row(r, r.type, r.status))),
    comments: Object.fromEntries(comments.map((r) => row(r, r.kind, r.status))),
    terms: terms.map((r) => `${r.taxonomy} ${r.slug} ${r.name}`),
  };
}

async function publicPaths(t: TestApp): Promise<Map<string, string>> {
  const settings = await loadSettings(t.ctx.db);
  const rows = await t.ctx.db.selectFrom('posts').selectAll().where('status', '=', 'published').execute();
  // XML 1.0 cannot carry C0 control characters: the export drops them (the seed puts one in a title).
  return new Map(rows.map((p) => [permalinkPath(p, settings), dropNonXmlChars(p.title)]));
}

describe('export from one Backtalk, import into a fresh one', () => {
  let from: TestApp;
  let to: TestApp;
  beforeAll(async () => {
    from = await createTestApp();
    await seedBlog(from.ctx);
    to = await createTestApp();
    const admin = await createUser(to.ctx, 'admin', 'mover');
    const report = await importText(to, admin, await exported(from));
    expect(report.error).toBeNull();
    expect(report.ok).toBe(true);
  });
  afterAll(async () => {
    await from.close();
    await to.close();
  });

  it('brings every post, page, comment, linkback and term across (spam stays behind, as WordPress exports it)', async () => {
    const before = await census(from.ctx.db);
    const after = await census(to.ctx.db);
    expect(after.posts).toEqual(before.posts);
    const { ['comment spam']: spam, ...notSpam } = before.comments;
    expect(spam).toBeGreaterThan(0);
    expect(after.comments).toEqual(notSpam);
    expect(after.terms).toEqual(before.terms);
  });

  it('answers every published address of the old blog with the same post', async () => {
    const paths = await publicPaths(from);
    expect(paths.size).toBeGreaterThan(3);
    expect(await publicPaths(to)).toEqual(paths);
    for (const [path, title] of paths) {
      const res = await to.app.inject({ url: encodeURI(path) });
      expect(res.statusCode, path).toBe(200);
      // (a protected post's heading starts "Protected: ", as WordPress's)
      expect(res.body).toContain(`${escapeHtml(title)}</h1>`);
    }
  });
});
