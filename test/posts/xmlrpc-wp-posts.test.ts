// The WordPress 3.4+ post API (wp.newPost / editPost / getPost / getPosts / deletePost) and the small
// methods editors call around publishing, over the same posts service as metaWeblog.*.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostById } from '../../src/posts/repository.js';
import { SCAN_JOB } from '../../src/jobs/job-types.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { rpcFault, rpcOk } from '../xmlrpc/client.js';

describe('the wp.* post API', () => {
  let t: TestApp;
  let admin: { username: string; password: string; id: number };
  let author: { username: string; password: string; id: number };
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin');
    author = await createUser(t.ctx, 'author');
  });
  afterAll(() => t.close());
  const as = (u: { username: string; password: string }) => ['1', u.username, u.password];

  it('creates a draft by default and a published post when asked, with the scan job', async () => {
    const draft = await rpcOk<string>(t, 'wp.newPost', [...as(author), { post_title: 'Draft', post_content: 'x' }]);
    expect((await findPostById(t.ctx.db, Number(draft)))?.status).toBe('draft');
    const id = await rpcOk<string>(t, 'wp.newPost', [...as(author), {
      post_title: 'From the app', post_content: '<p>hi</p><script>x</script>', post_status: 'publish', post_name: 'from-the-app',
      post_excerpt: 'ex', comment_status: 'closed', ping_status: 'open', post_date_gmt: new Date('2026-01-10T09:00:00Z'),
    }]);
    const post = await rpcOk<Record<string, unknown>>(t, 'wp.getPost', [...as(author), id]);
    expect(post).toMatchObject({
      post_id: id, post_title: 'From the app', post_content: '<p>hi</p>', post_status: 'publish', post_name: 'from-the-app', post_excerpt: 'ex',
      comment_status: 'closed', ping_status: 'open', post_type: 'post', post_author: String(author.id), post_date_gmt: new Date('2026-01-10T09:00:00Z'),
      link: 'http://blog.test/2026/01/10/from-the-app/',
    });
    const scans = await t.ctx.db.selectFrom('jobs').select('payload').where('type', '=', SCAN_JOB).execute();
    expect(scans.filter((j) => JSON.parse(j.payload).postId === Number(id))).toHaveLength(1);
  });

  it('edits only the fields sent, and refuses pages and other people\'s posts', async () => {
    const id = await rpcOk<string>(t, 'wp.newPost', [...as(author), { post_title: 'Keep', post_content: 'body', post_status: 'publish' }]);
    expect(await rpcOk(t, 'wp.editPost', [...as(author), id, { post_title: 'Kept body' }])).toBe(true);
    expect(await rpcOk(t, 'wp.getPost', [...as(author), Number(id)])).toMatchObject({ post_title: 'Kept body', post_content: '<p>body</p>\n', post_status: 'publish' });
    // Pages take WordPress's edit_pages, which authors lack (issue 13).
    expect(await rpcFault(t, 'wp.newPost', [...as(author), { post_type: 'page', post_title: 'P' }])).toEqual({ code: 401, message: 'Sorry, you are not allowed to post on this site.' });
    const admins = await rpcOk<string>(t, 'wp.newPost', [...as(admin), { post_title: 'Admin', post_content: 'x' }]);
    expect((await rpcFault(t, 'wp.editPost', [...as(author), admins, { post_title: 'Mine now' }])).code).toBe(401);
    expect((await rpcFault(t, 'wp.getPost', [...as(author), admins])).code).toBe(401);
    expect((await rpcFault(t, 'wp.getPost', [...as(author), 999999])).code).toBe(404);
  });

  it('lists posts by status with number and offset, an author only their own', async () => {
    const mine = await rpcOk<Array<Record<string, unknown>>>(t, 'wp.getPosts', [...as(author), { number: 100 }]);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((p) => p.post_author === String(author.id))).toBe(true);
    const drafts = await rpcOk<Array<Record<string, unknown>>>(t, 'wp.getPosts', [...as(admin), { post_status: 'draft', number: 100 }]);
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((p) => p.post_status === 'draft')).toBe(true);
    const all = await rpcOk<Array<Record<string, unknown>>>(t, 'wp.getPosts', [...as(admin), { post_status: 'any', number: 100 }]);
    const page = await rpcOk<Array<Record<string, unknown>>>(t, 'wp.getPosts', [...as(admin), { post_status: 'any', number: 1, offset: 1 }]);
    expect(page.map((p) => p.post_id)).toEqual([all[1].post_id]);
    expect(await rpcOk(t, 'wp.getPosts', [...as(admin), { post_type: 'page' }])).toEqual([]);
    // WP_Query matches no post for a status it does not know: an empty list, not a fault.
    expect(await rpcOk(t, 'wp.getPosts', [...as(admin), { post_status: 'lost' }])).toEqual([]);
  });

  it('trashes on wp.deletePost and deletes for good the second time', async () => {
    const id = await rpcOk<string>(t, 'wp.newPost', [...as(author), { post_title: 'Gone', post_content: 'x' }]);
    expect(await rpcOk(t, 'wp.deletePost', [...as(author), id])).toBe(true);
    expect((await findPostById(t.ctx.db, Number(id)))?.status).toBe('trash');
    expect(await rpcOk(t, 'wp.deletePost', [...as(author), id])).toBe(true);
    expect(await findPostById(t.ctx.db, Number(id))).toBeUndefined();
    expect((await rpcFault(t, 'wp.deletePost', [...as(author), id])).code).toBe(404);
  });

  it('answers the calls editors make around publishing', async () => {
    expect(await rpcOk(t, 'blogger.getUserInfo', ['', author.username, author.password])).toMatchObject({ userid: String(author.id), nickname: author.username, url: 'http://blog.test/' });
    expect(await rpcOk(t, 'wp.getProfile', [...as(admin)])).toMatchObject({ user_id: String(admin.id), roles: ['administrator'] });
    expect(await rpcOk(t, 'metaWeblog.getCategories', [...as(author)])).toMatchObject([{ categoryName: 'Uncategorized' }]);
    expect(await rpcOk(t, 'mt.supportedTextFilters', [])).toEqual([]);
    const id = await rpcOk<string>(t, 'metaWeblog.newPost', [...as(author), { title: 'Cat', description: 'x' }, true]);
    expect(await rpcOk(t, 'mt.setPostCategories', [id, author.username, author.password, [{ categoryId: '1' }]])).toBe(true);
    expect(await rpcOk(t, 'mt.getPostCategories', [id, author.username, author.password])).toEqual([{ categoryName: 'Uncategorized', categoryId: '1', isPrimary: true }]);
    expect((await rpcFault(t, 'mt.getCategoryList', ['1', author.username, 'wrong'])).code).toBe(403);
  });
});

describe('the options and lists the WordPress apps read after signing in', () => {
  let t: TestApp;
  let user: { username: string; password: string };
  beforeAll(async () => {
    t = await createTestApp();
    user = await createUser(t.ctx, 'author');
  });
  afterAll(() => t.close());

  it('gives the blog title and URLs read-only, all or the ones asked for', async () => {
    const all = await rpcOk<Record<string, { value: unknown; readonly: boolean }>>(t, 'wp.getOptions', ['1', user.username, user.password]);
    expect(all.blog_title).toEqual({ desc: 'Site Title', readonly: true, value: 'Backtalk' });
    expect(all.home_url.value).toBe('http://blog.test/');
    const some = await rpcOk(t, 'wp.getOptions', ['1', user.username, user.password, ['blog_tagline', 'no_such_option']]);
    expect(Object.keys(some as object)).toEqual(['blog_tagline']);
    expect((await rpcFault(t, 'wp.getOptions', ['1', user.username, 'wrong'])).code).toBe(403);
  });

  it('lists the comment and post statuses in WordPress\'s words', async () => {
    expect(await rpcOk(t, 'wp.getCommentStatusList', ['1', user.username, user.password])).toEqual({ hold: 'Unapproved', approve: 'Approved', spam: 'Spam', trash: 'Trash' });
    expect(Object.keys(await rpcOk<object>(t, 'wp.getPostStatusList', ['1', user.username, user.password]))).toEqual(['draft', 'pending', 'private', 'publish']);
  });
});
