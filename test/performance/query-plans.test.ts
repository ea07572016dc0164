// Issue 11, point 1: every page type is rendered on a seeded database with the query log on, then every
// distinct statement it ran is explained with its own parameters. A read of posts, comments, deliveries or
// jobs that is not bounded by an index fails the test (plan-check.ts says what counts as bounded).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/settings/definitions.js';
import { sql } from 'kysely';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { makeComment, makePost } from '../comments/fixtures.js';
import { explain, isExplainable, postgresProblem, sqliteProblem, useStatistics, type Statement, type Statistics } from './plan-check.js';
import { testDialect } from '../support/database.js';
import { rpcOk } from '../xmlrpc/client.js';
import type { Post } from '../../src/db/schema.js';
import { permalinkPath } from '../../src/posts/permalink.js';
import { enqueue } from '../../src/jobs/queue.js';
import { createTerm } from '../../src/terms/service.js';
import { saveSettings } from '../../src/settings/repository.js';
import { runIpRetention } from '../../src/comments/ip-retention.js';

const seen = new Map<string, Statement>();
let recording = false;

let t: TestApp;
let admin: SignedIn;
let author: SignedIn;
let post: Post;
let adminLogin: [string, string];
let authorLogin: [string, string];
let mediaId = 0;
let tagId = 0;
let replyTo = 0;

async function seed(t: TestApp) {
  const a = await createUser(t.ctx, 'admin', 'planadmin');
  const b = await createUser(t.ctx, 'author', 'planauthor');
  admin = await signIn(t, a);
  author = await signIn(t, b);
  adminLogin = [a.username, a.password];
  authorLogin = [b.username, b.password];
  const months = ['2026-01', '2026-02', '2026-03'];
  for (let i = 0; i < 30; i++) {
    const at = `${months[i % 3]}-${String(1 + (i % 27)).padStart(2, '0')}T10:00:00.000Z`;
    await makePost(t.ctx, i % 2 ? a.id : b.id, { title: `Seeded ${i}`, published_at: at, updated_at: at, content: `<p>Body ${i}</p><!--more--><p>rest</p>` });
  }
  await makePost(t.ctx, a.id, { status: 'draft', published_at: null });
  // Pages (issue 13): a small tree, for the pages menu, page paths, the pages list and the page methods.
  const about = await makePost(t.ctx, a.id, { type: 'page', title: 'About', slug: 'about', page_path: 'about', published_at: '2026-01-05T10:00:00.000Z' });
  await makePost(t.ctx, a.id, { type: 'page', title: 'Team', slug: 'team', parent_id: about.id, page_path: 'about/team', published_at: '2026-01-05T10:00:00.000Z' });
  await makePost(t.ctx, a.id, { type: 'page', title: 'Draft page', slug: 'draft-page', page_path: 'draft-page', status: 'draft', published_at: null });
  await makePost(t.ctx, b.id, { status: 'scheduled', published_at: '2027-01-01T00:00:00.000Z' });
  await makePost(t.ctx, a.id, { status: 'trash', status_before_trash: 'published' });
  // Issue 13's states: the home page's sticky query, private posts merged in for those who may read them.
  await makePost(t.ctx, a.id, { title: 'Stuck', sticky: 1, published_at: '2026-01-02T10:00:00.000Z' });
  await makePost(t.ctx, b.id, { title: 'Own private', status: 'private', published_at: '2026-02-03T10:00:00.000Z' });
  await makePost(t.ctx, a.id, { title: 'Admin private', status: 'private', published_at: '2026-02-04T10:00:00.000Z' });
  await makePost(t.ctx, b.id, { title: 'Waiting', status: 'pending', published_at: null });
  await makePost(t.ctx, a.id, { title: 'Locked', password: 'pw', published_at: '2026-02-05T10:00:00.000Z' });
  post = await makePost(t.ctx, a.id, { title: 'The commented one', published_at: '2026-03-28T10:00:00.000Z' });
  // Issue 17: addresses the post had on a WordPress blog it was imported from (301s, looked up before a 404).
  await t.ctx.db.insertInto('old_paths').values([{ path: '?p=987654', post_id: post.id }, { path: '?page_id=987654', post_id: post.id }, { path: '2019/05/05/old-address', post_id: post.id }]).execute();
  for (const status of ['approved', 'pending', 'spam', 'trash'] as const) {
    for (const kind of ['comment', 'pingback', 'trackback', 'webmention'] as const) {
      const linkback = kind !== 'comment';
      for (let i = 0; i < 3; i++) {
        await makeComment(t.ctx, post.id, {
          kind,
          status,
          content: linkback ? 'They wrote about it' : '<p>A <em>fine</em> post</p>',
          source_url: linkback ? `http://127.0.0.1:9/${kind}/${status}/${i}` : null,
          title: linkback ? 'Elsewhere' : null,
          excerpt: linkback ? 'an excerpt' : null,
        });
      }
    }
  }
  // Threads and comment pages (issue 16): two top-level comments a page, and replies in a thread.
  const [root] = await t.ctx.db.selectFrom('comments').select('id').where('post_id', '=', post.id).where('status', '=', 'approved').where('kind', '=', 'comment').orderBy('id').limit(1).execute();
  replyTo = root.id;
  for (let i = 0; i < 2; i++) await makeComment(t.ctx, post.id, { status: 'approved', parent_id: root.id, thread_id: root.id });
  // Issue 19: reactions for the facepile (its counts and faces), and a reply from another site in the thread.
  for (const [i, type] of (['like', 'like', 'repost', 'bookmark', 'reply'] as const).entries()) {
    const threaded = type === 'reply' ? { parent_id: root.id, thread_id: root.id } : {};
    await makeComment(t.ctx, post.id, { kind: 'webmention', status: 'approved', source_url: `http://127.0.0.1:9/mf2/${i}`, mention_type: type, mention_author_name: `Fan ${i}`, ...threaded });
  }
  await saveSettings(t.ctx.db, { comments_per_page: 2 });
  const now = t.clock.now().toISOString();
  const states = ['queued', 'retrying', 'sent', 'failed', 'no_endpoint', 'skipped', 'internal'];
  for (const [i, state] of states.entries()) {
    await t.ctx.db
      .insertInto('deliveries')
      .values({ post_id: post.id, kind: 'link', target_url: `http://127.0.0.1:9/t/${i}`, state, attempts: 0, present: 1, created_at: now, updated_at: now })
      .execute();
  }
  // Media of each kind over two months (issue 14): the library's filters each walk an index.
  for (let i = 0; i < 12; i++) {
    const kind = (['image', 'audio', 'video', 'document'] as const)[i % 4];
    const month = i % 2 ? '2026-02' : '2026-03';
    const path = `${month.replace('-', '/')}/seeded${i}.${kind === 'image' ? 'png' : 'pdf'}`;
    const m = await t.ctx.db
      .insertInto('media')
      .values({ author_id: a.id, title: `Media ${i}`, alt: '', caption: '', original_name: `m${i}`, mime: kind === 'image' ? 'image/png' : 'application/pdf', kind, path, month, bytes: 10, width: kind === 'image' ? 400 : null, height: kind === 'image' ? 300 : null, state: 'ready', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.ctx.db.insertInto('media_files').values({ path, media_id: m.id, variant: 'original', mime: kind === 'image' ? 'image/png' : 'application/pdf', bytes: 10, width: null, height: null }).execute();
    if (i === 0) mediaId = m.id;
  }
  await t.ctx.db.updateTable('posts').set({ featured_media_id: mediaId }).where('id', '=', post.id).execute();
  // Revisions and an autosave (issue 15) so the revisions screen compares two and the editor offers one.
  for (let i = 0; i < 3; i++) {
    await t.ctx.db.insertInto('post_revisions').values({ post_id: post.id, author_id: a.id, title: `Rev ${i}`, content: `<p>rev ${i}</p>`, excerpt: '', format: 'html', source: '', created_at: now }).execute();
  }
  await t.ctx.db.insertInto('post_autosaves').values({ user_id: a.id, post_id: post.id, title: 'Autosaved', content: '<p>typed</p>', excerpt: '', format: 'html', updated_at: '2030-01-01T00:00:00.000Z' }).execute();
  await enqueue(t.ctx.db, t.clock, { type: 'linkbacks.scan', payload: { postId: post.id, firstPublish: false }, dedupeKey: `scan:${post.id}` });
  // Issue 13 point 7: 20 categories (a tree two deep) and 200 tags, every published post under some of them.
  const categories: number[] = [];
  for (let i = 0; i < 20; i++) {
    const r = await createTerm(t.ctx, 'category', { name: `Category ${i}`, parentId: i >= 5 ? categories[i % 5] : null });
    if (r.ok) categories.push(r.term.id);
  }
  const tags: number[] = [];
  for (let i = 0; i < 200; i++) {
    const r = await createTerm(t.ctx, 'post_tag', { name: `Tag ${i}` });
    if (r.ok) tags.push(r.term.id);
  }
  tagId = tags[0]!;
  const published = await t.ctx.db.selectFrom('posts').select('id').where('status', '=', 'published').execute();
  for (const [i, p] of published.entries()) {
    const rows = [categories[i % 20]!, categories[(i + 7) % 20]!, tags[0]!, tags[(i * 3) % 200]!, tags[(i * 7 + 1) % 200]!];
    await t.ctx.db.insertInto('term_relationships').values([...new Set(rows)].map((term_id) => ({ post_id: p.id, term_id }))).execute();
  }
}

/** Every page type: public pages and feeds, and each admin list with each of its filters. */
function pages(): { url: string; as?: SignedIn }[] {
  const permalink = encodeURI(permalinkPath(post, defaultSettings));
  const publicPages = ['/', '/page/2/', permalink, `/?p=${post.id}`, '/2026/02/', '/2026/03/page/2/', '/feed/', '/feed/atom/', '/comments/feed/', `${permalink}feed/`, `/feed/comments/?p=${post.id}`, '/no-such-page/', '/2019/01/01/missing/', '/?p=987654', '/?page_id=987654', '/2019/05/05/old-address/',
    // Term archives and their feeds (issue 13): category 5 sits under category 0.
    '/category/category-0/', '/category/category-0/category-5/', '/tag/tag-0/', '/tag/tag-0/page/2/',
    '/tag/tag-0/feed/', '/category/category-0/feed/atom/', '/category/category-5/',
    // A parent's archive merges its subcategories' posts (category 0 has 5, 10 and 15 under it): page 2 and its feed.
    '/category/category-0/page/2/', '/category/category-0/feed/',
    // Search (issue 13): the form's address (a 302), ranked matches and a later page; the sitemap index and a file.
    '/?s=body', '/search/body/', '/search/body+rest/page/2/', '/search/body/feed/', '/sitemap.xml', '/sitemap-posts-1.xml', '/robots.txt', '/wlwmanifest.xml',
    // Issue 13: pages at their paths and their comment feed, date and author archives, author feeds.
    '/about/', '/about/team/', '/about/team/feed/', '/team/', '/2026/', '/2026/page/2/', '/2026/03/28/', '/author/planadmin/', '/author/planadmin/page/2/', '/author/planadmin/feed/', '/author/planadmin/feed/atom/', `/${post.slug}/`, `/archives/${post.id}/`,
    // Issue 16: a comment page and the reply form.
    `${permalink}comment-page-1/`, `${permalink}?replytocom=${replyTo}`];
  const moderation = ['all', 'pending', 'approved', 'spam', 'trash'].flatMap((status) =>
    ['all', 'comment', 'pingback', 'trackback', 'webmention', 'linkbacks'].map((kind) => `/admin/comments?status=${status}&kind=${kind}`),
  );
  const adminPages = [
    '/admin',
    '/admin/posts',
    ...['draft', 'pending', 'scheduled', 'published', 'private', 'trash'].map((s) => `/admin/posts?status=${s}`),
    '/admin/posts?page=2',
    '/admin/posts?s=seeded',
    ...moderation,
    `/admin/comments?post=${post.id}`,
    `/admin/comments?post=${post.id}&status=approved&kind=linkbacks`,
    '/admin/comments?s=fine',
    '/admin/comments?page=2',
    '/admin/deliveries',
    ...['pending', 'queued', 'sent', 'failed', 'skipped'].map((s) => `/admin/deliveries?state=${s}`),
    `/admin/deliveries?post=${post.id}`,
    `/admin/posts/${post.id}/edit`,
    `/admin/posts/${post.id}/deliveries`,
    // Issue 15: the editor's autosave offer, the revisions screen and a compared revision.
    `/admin/posts/${post.id}/revisions`,
    `/admin/posts/${post.id}/edit?restore=autosave`,
    '/admin/posts/new',
    '/admin/pages',
    '/admin/pages?status=draft',
    '/admin/pages/new',
    '/admin/settings/reading',
    '/admin/settings',
    '/admin/settings/discussion',
    '/admin/users',
    '/admin/media',
    '/admin/media?mode=list',
    '/admin/media?type=image',
    '/admin/media?month=2026-02',
    '/admin/media?type=document&month=2026-03',
    '/admin/media?s=media',
    `/admin/media?before=${mediaId + 6}`,
    `/admin/media?after=${mediaId + 2}`,
    `/admin/media/${mediaId}`,
    // Issue 15: the editor's media library dialog (JSON), its search, pages and "mine only".
    '/admin/media/library',
    '/admin/media/library?s=media',
    `/admin/media/library?before=${mediaId + 6}`,
    `/admin/media/library?after=${mediaId + 2}`,
    '/admin/media/library?mine=1',
    '/admin/categories',
    '/admin/tags',
    '/admin/tags?page=3',
    '/admin/tags?s=tag',
    `/admin/tags/${tagId}/edit`,
    '/admin/tags/suggest?q=tag%201',
    // Issue 16 points 5 and 6: the user's application passwords and the privacy tools.
    '/admin/application-passwords',
    '/admin/tools/privacy',
  ];
  const authorPages = ['/admin', '/admin/posts', '/admin/posts?status=published', '/admin/deliveries', '/admin/media', '/admin/media/library', '/admin/media/library?mine=1'];
  // Signed-in readers' listings: published and private posts merged, each read through its own index walk.
  const readerPages = ['/', '/page/2/', '/2026/02/'];
  return [
    ...publicPages.map((url) => ({ url })),
    ...adminPages.map((url) => ({ url, as: admin })),
    ...authorPages.map((url) => ({ url, as: author })),
    ...readerPages.flatMap((url) => [{ url, as: admin }, { url, as: author }]),
  ];
}

beforeAll(async () => {
  t = await createTestApp(
    {},
    {
      database: {
        log: (event) => {
          if (!recording || event.level !== 'query') return;
          const { sql, parameters } = event.query;
          if (isExplainable(sql) && !seen.has(sql)) seen.set(sql, { sql, parameters });
        },
      },
    },
  );
  t.clock.set(new Date('2026-03-30T12:00:00.000Z'));
  await seed(t);
  recording = true;
  for (const page of pages()) {
    const res = await t.app.inject({ url: page.url, headers: page.as?.headers ?? {} });
    expect(res.statusCode, `${page.url} answered ${res.statusCode}`).toBeLessThan(500);
    if (!page.url.includes('missing') && !page.url.includes('no-such')) expect([200, 301, 302], page.url).toContain(res.statusCode);
  }
  // The XML-RPC reads the WordPress apps list with: posts and comments, newest first, and comment counts.
  const calls: [string, unknown[]][] = [
    ['wp.getPosts', [1, ...adminLogin]],
    ['wp.getPosts', [1, ...adminLogin, { post_status: 'publish', number: 10 }]],
    ['wp.getPosts', [1, ...authorLogin]],
    ['wp.getPosts', [1, ...adminLogin, { post_status: 'publish,private,draft', number: 10, offset: 5 }]],
    ['wp.getPosts', [1, ...authorLogin, { post_status: 'any' }]],
    ['wp.getUsers', [1, ...adminLogin]],
    ['wp.getAuthors', [1, ...adminLogin]],
    ['metaWeblog.getRecentPosts', [1, ...adminLogin, 10]],
    ['wp.getComments', [1, ...adminLogin]],
    ['wp.getComments', [1, ...adminLogin, { status: 'hold', number: 20, offset: 5 }]],
    ['wp.getComments', [1, ...adminLogin, { post_id: post.id }]],
    ['wp.getCommentCount', [1, ...adminLogin]],
    ['wp.getCommentCount', [1, ...adminLogin, post.id]],
    ['wp.getTerms', [1, ...adminLogin, 'post_tag', { number: 50 }]],
    ['wp.getTerm', [1, ...adminLogin, 'post_tag', tagId]],
    ['wp.getTaxonomies', [1, ...adminLogin]],
    ['metaWeblog.getCategories', [1, ...adminLogin]],
    ['mt.getCategoryList', [1, ...adminLogin]],
    ['wp.getTags', [1, ...adminLogin]],
    ['wp.suggestCategories', [1, ...adminLogin, 'cat', 5]],
    ['mt.getPostCategories', [post.id, ...adminLogin]],
    ['wp.getPages', [1, ...adminLogin]],
    ['wp.getPageList', [1, ...adminLogin]],
    ['wp.getPosts', [1, ...adminLogin, { post_type: 'page' }]],
  ];
  for (const [method, params] of calls) await rpcOk(t, method, params);
  // Issue 16 point 5: an XML-RPC sign-in with an application password (looked up by user and hash, use noted).
  const created = await t.app.inject({ method: 'POST', url: '/admin/application-passwords', headers: { ...admin.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: admin.form({ name: 'Plan client' }) });
  const appPassword = /id="new-password">([^<]+)</.exec(created.body)?.[1] ?? '';
  await rpcOk(t, 'wp.getProfile', [1, adminLogin[0], appPassword]);
  // Issue 16 point 6: a commenter's export, the erasure's count, and a run of the IP retention job.
  const [commenter] = await t.ctx.db.selectFrom('comments').select('author_email').where('post_id', '=', post.id).where('kind', '=', 'comment').limit(1).execute();
  const privacyPost = (url: string, fields: Record<string, string>) => t.app.inject({ method: 'POST', url, headers: { ...admin.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: admin.form(fields) });
  expect((await privacyPost('/admin/tools/privacy/export', { email: commenter!.author_email })).statusCode).toBe(200);
  expect((await privacyPost('/admin/tools/privacy/erase', { email: commenter!.author_email, mode: 'anonymise' })).statusCode).toBe(200);
  await saveSettings(t.ctx.db, { comment_ip_retention_days: 30 });
  await runIpRetention(t.ctx);
  recording = false;
});

afterAll(async () => {
  await t?.close();
});

describe('query plans of every page type', () => {
  it('saw the statements the pages run', () => {
    const all = [...seen.keys()].join('\n');
    // The statements the issue names must have been seen, so the plans below cover them.
    for (const table of ['posts', 'comments', 'deliveries', 'jobs', 'comment_counts', 'post_counts', 'post_archive_months', 'media', 'media_files', 'terms', 'term_relationships']) {
      expect(all, table).toMatch(new RegExp(`from "${table}"`));
    }
    expect(seen.size).toBeGreaterThan(25);
  });

  // Search is ranked, so it cannot walk a B-tree in order and stop at the LIMIT like a listing: the engine
  // reads the posting lists of the query's words from the full-text index (FTS5 on SQLite, GIN on
  // PostgreSQL), scores the matches and returns one page; posts are then read by primary key. Its cost
  // grows with how many posts match the words (at most a few lists of the index), never with the posts
  // table, and pages past SEARCH_RESULT_CAP are not served. The checks below hold it to that shape.
  it('searches through the full-text index, reading posts only by primary key', async () => {
    const search = [...seen.values()].filter((s) => /posts_fts|posts_search/.test(s.sql));
    expect(search.length).toBeGreaterThanOrEqual(2);
    for (const statement of search) {
      const verdict = await explain(t.ctx.db, t.ctx.dialect, statement);
      const plan = verdict.plan.join(' | ');
      if (t.ctx.dialect === 'sqlite') {
        expect(plan, statement.sql).toMatch(/SCAN posts_fts VIRTUAL TABLE INDEX \d+:M/);
        expect(plan, statement.sql).toMatch(/SEARCH posts USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      } else {
        expect(plan, statement.sql).toMatch(/Bitmap Index Scan on posts_search_document|Index Scan using posts_search_pkey/);
      }
      expect(verdict.problem, plan).toBeNull();
    }
  });

  // SQLite plans both ways: as a new blog without statistics, and with a large blog's statistics.
  const statistics: (Statistics | null)[] = testDialect === 'sqlite' ? ['none', 'large blog'] : [null];
  for (const stats of statistics) {
    it(`reads posts, comments, deliveries and jobs only through indexes${stats ? ` (statistics: ${stats})` : ''}`, async () => {
      if (stats) await useStatistics(t.ctx.db, stats);
      const problems: string[] = [];
      for (const statement of seen.values()) {
        const verdict = await explain(t.ctx.db, t.ctx.dialect, statement);
        if (verdict.problem) problems.push(`${verdict.problem}\n  in: ${statement.sql}\n  plan: ${verdict.plan.join(' | ')}`);
      }
      expect(problems, problems.join('\n\n')).toEqual([]);
    });
  }

  // Issue 16: a post with a million comments still shows one page of threads. The statements that read the
  // page's threads walk comments_post_thread (post, status, kind, thread, date), so the top-level page is
  // read in index order and stops at its LIMIT instead of sorting every comment of the post.
  for (const stats of statistics) {
    it(`reads a page of comment threads through comments_post_thread${stats ? ` (statistics: ${stats})` : ''}`, async () => {
      if (stats) await useStatistics(t.ctx.db, stats);
      // PostgreSQL plans from its statistics: on a table whose every approved comment is on this one post,
      // the kind-and-status index looks as selective as the post's. A blog has other posts: give it some.
      if (testDialect === 'postgres') {
        const other = await makePost(t.ctx, post.author_id, { title: 'Another busy post' });
        await sql`INSERT INTO comments (post_id, kind, status, author_name, author_email, author_url, content, ip, user_agent, created_at, updated_at, verification_state)
          SELECT ${other.id}, 'comment', 'approved', 'r', 'r@example.test', '', 'x', '192.0.2.1', 'ua', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'unverified' FROM generate_series(1, 5000)`.execute(t.ctx.db);
        await sql`ANALYZE comments`.execute(t.ctx.db);
      }
      const threadReads = [...seen.values()].filter((st) => /"thread_id"/.test(st.sql) && /from "comments"/.test(st.sql));
      expect(threadReads.length).toBeGreaterThanOrEqual(3);
      for (const statement of threadReads) {
        const { plan } = await explain(t.ctx.db, t.ctx.dialect, statement);
        // PostgreSQL may take comments_post_status_date and filter (its incremental sort stops at the LIMIT
        // too); either way the walk starts at the post.
        // Replies from other sites to the post itself (issue 19) are read by their mention type instead:
        // comments_post_mention_type (post, status, type, date, id) walks only them, in date order.
        const index = /"mention_type" = /.test(statement.sql) ? /comments_post_mention_type/ : /comments_post_thread/;
        expect(plan.join(' | '), statement.sql).toMatch(testDialect === 'sqlite' ? index : /Index Cond: \(\(?post_id = /);
        if (/order by "created_at" (asc|desc), "id" (asc|desc) limit/.test(statement.sql)) expect(plan.join(' | '), statement.sql).not.toMatch(/TEMP B-TREE|(?<!Incremental )Sort  /);
      }
    });
  }

  // A parent category's archive (issue 13) merges one bounded walk of term_relationships_term_date per
  // category of its subtree: each walk stops at its LIMIT, so nothing sorts a whole category.
  it('walks each category of a subtree through term_relationships_term_date, each stopping at its LIMIT', async () => {
    const merged = [...seen.values()].filter((s) => /union all/i.test(s.sql) && /from "term_relationships"/.test(s.sql));
    expect(merged.length).toBeGreaterThanOrEqual(1);
    for (const statement of merged) {
      expect(statement.sql.match(/from "term_relationships"/g)!.length, statement.sql).toBe(4);
      const verdict = await explain(t.ctx.db, t.ctx.dialect, statement);
      const plan = verdict.plan.join(' | ');
      expect(plan, statement.sql).toMatch(t.ctx.dialect === 'sqlite' ? /term_relationships_term_date \(term_id=\?/ : /Index (Only )?Scan (Backward )?using term_relationships_term_date/);
      if (t.ctx.dialect === 'sqlite') expect(plan).not.toMatch(/SCAN term_relationships(?! USING)/);
      expect(verdict.problem, plan).toBeNull();
    }
  });

  // Issue 16 point 6: a commenter's rows are found through comments_email_lower, the addresses still kept
  // through the partial comments_ip_kept (blanked rows leave it, so no batch steps over them).
  it('finds a commenter by e-mail and the IPs still kept through their own indexes', async () => {
    const byEmail = [...seen.values()].filter((st) => /lower\("author_email"\)/.test(st.sql) && /from "comments"/.test(st.sql));
    const keptIps = [...seen.values()].filter((st) => /"ip" <> ''/.test(st.sql));
    expect(byEmail.length).toBeGreaterThanOrEqual(2);
    expect(keptIps).toHaveLength(1);
    for (const statement of byEmail) expect((await explain(t.ctx.db, t.ctx.dialect, statement)).plan.join(' | '), statement.sql).toMatch(/comments_email_lower/);
    expect((await explain(t.ctx.db, t.ctx.dialect, keptIps[0]!)).plan.join(' | ')).toMatch(/comments_ip_kept/);
  });

  it("flags the plan shapes that read a whole table, as SQLite's EXPLAIN QUERY PLAN words them", () => {
    const plan = (...details: string[]) => details.map((detail, i) => ({ id: i + 2, parent: 0, detail }));
    // What the comment feed's inner join got on a 100,000-post blog with statistics: a Bloom filter built
    // by reading every post before the 30 newest comments were walked.
    expect(sqliteProblem(plan('SEARCH comments USING INDEX comments_status_date (status=?)', 'BLOOM FILTER ON posts (id=?)', 'SEARCH posts USING INTEGER PRIMARY KEY (rowid=?)'), 'select … limit ?')).toMatch(/BLOOM FILTER ON posts/);
    expect(sqliteProblem(plan('SCAN comments', 'AUTOMATIC COVERING INDEX ON comments (post_id)'), 'select … limit ?')).toMatch(/full scan/);
    expect(sqliteProblem(plan('SEARCH posts USING INDEX posts_status_date (status=?)', 'AUTOMATIC INDEX ON comments (post_id)'), 'select … limit ?')).toMatch(/AUTOMATIC INDEX ON comments/);
    expect(sqliteProblem(plan('SEARCH comments USING INDEX comments_status_date (status=?)', 'USE TEMP B-TREE FOR ORDER BY'), 'select … limit ?')).toMatch(/sort of an unbounded read/);
    expect(sqliteProblem(plan('SEARCH comments USING INDEX comments_kind_status_date (kind=? AND status=?)'), 'select * from comments where kind = ? and status = ?')).toMatch(/without a LIMIT/);
    expect(sqliteProblem(plan('SEARCH comments USING INDEX comments_post_status_date (post_id=? AND status=?)', 'USE TEMP B-TREE FOR ORDER BY'), 'select …')).toBeNull();
    expect(sqliteProblem(plan('SCAN posts USING INDEX posts_updated'), 'select … limit ?')).toBeNull();
    expect(sqliteProblem(plan('SCAN media'), 'select * from "media" order by "id" desc limit ?')).toBeNull();
    expect(sqliteProblem(plan('SCAN media'), 'select * from "media" where "alt" = ? order by "id" desc limit ?')).toMatch(/full scan/);
    expect(postgresProblem(['Limit', '  ->  Seq Scan on comments  (cost=…)'])).toMatch(/Seq Scan on comments/);
    expect(postgresProblem(['Index Scan using comments_post_status_date on comments'])).toBeNull();
  });

  it('flags a query that reads a whole table or sorts one (the check can fail)', async () => {
    const bad = [
      { sql: 'select * from "comments" where "author_url" = ?', parameters: ['http://x.test/'] },
      { sql: 'select "id" from "posts" order by "title" limit ?', parameters: [5] },
      { sql: 'select count(*) from "deliveries" where "last_answer" = ?', parameters: ['x'] },
      // SQLite only: PostgreSQL's rule is the sequential scan alone (as issue 11 words it).
      ...(t.ctx.dialect === 'sqlite'
        ? [
            { sql: 'select * from "comments" where "status" = ?', parameters: ['approved'] },
            { sql: 'select * from "comments" where "status" = ? order by "author_name" limit ?', parameters: ['approved', 5] },
          ]
        : []),
    ].map((s) => (t.ctx.dialect === 'postgres' ? { ...s, sql: s.sql.replace(/\?/g, (_m, i, all) => `$${all.slice(0, i).split('?').length}`) } : s));
    for (const statement of bad) expect((await explain(t.ctx.db, t.ctx.dialect, statement)).problem, statement.sql).not.toBeNull();
    const good = { sql: t.ctx.dialect === 'postgres' ? 'select * from "posts" where "id" = $1' : 'select * from "posts" where "id" = ?', parameters: [post.id] };
    expect((await explain(t.ctx.db, t.ctx.dialect, good)).problem).toBeNull();
  });
});
