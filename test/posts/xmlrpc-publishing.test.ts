// metaWeblog / blogger publishing through /xmlrpc: the same service as the browser editor (validation,
// sanitising per role, jobs), WordPress's field names, and who may see and change what.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findPostById } from '../../src/posts/repository.js';
import { PUBLISH_DUE_JOB } from '../../src/posts/service.js';
import { SCAN_JOB } from '../../src/jobs/job-types.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { rpcFault, rpcOk } from '../xmlrpc/client.js';

type Creds = { username: string; password: string; id: number };

describe('publishing over XML-RPC', () => {
  let t: TestApp;
  let admin: Creds;
  let author: Creds;
  let other: Creds;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin');
    author = await createUser(t.ctx, 'author');
    other = await createUser(t.ctx, 'author');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    // Every test starts with a clean throttle, as each stands for a separate, honest client.
    await t.ctx.db.deleteFrom('login_failures').execute();
  });

  const jobsOf = (type: string, postId: number) =>
    t.ctx.db.selectFrom('jobs').selectAll().where('type', '=', type).execute().then((jobs) => jobs.filter((j) => JSON.parse(j.payload).postId === postId));

  const newPost = (who: Creds, struct: Record<string, unknown>, publish = true) => rpcOk<string>(t, 'metaWeblog.newPost', ['1', who.username, who.password, struct, publish]);
  const getPost = (who: Creds, id: string) => rpcOk<Record<string, unknown>>(t, 'metaWeblog.getPost', [id, who.username, who.password]);

  it('lists the one blog for blogger.getUsersBlogs and wp.getUsersBlogs', async () => {
    const blogs = await rpcOk<unknown[]>(t, 'blogger.getUsersBlogs', ['appkey', admin.username, admin.password]);
    expect(blogs).toEqual([{ isAdmin: true, url: 'http://blog.test/', blogid: '1', blogName: 'Backtalk', xmlrpc: 'http://blog.test/xmlrpc.php' }]);
    const asAuthor = await rpcOk<Array<Record<string, unknown>>>(t, 'wp.getUsersBlogs', [author.username, author.password]);
    expect(asAuthor[0].isAdmin).toBe(false);
  });

  it('refuses bad credentials with fault 403, as WordPress does', async () => {
    expect(await rpcFault(t, 'blogger.getUsersBlogs', ['', admin.username, 'wrong'])).toEqual({ code: 403, message: 'Incorrect username or password.' });
    expect((await rpcFault(t, 'metaWeblog.newPost', ['1', 'nobody', 'x', { title: 'T', description: 'x' }, true])).code).toBe(403);
  });

  it('publishes a post, enqueues the linkback scan in the same write, and reads it back with WordPress fields', async () => {
    const id = await newPost(admin, {
      title: 'Hello from MarsEdit', description: '<p>Body with <a href="http://peer.test/x">a link</a></p>', mt_excerpt: 'Short',
      wp_slug: 'hello-marsedit', mt_allow_comments: 0, mt_allow_pings: 'open', mt_tb_ping_urls: ['http://tb.test/1', 'http://tb.test/2'],
    });
    expect(id).toMatch(/^\d+$/);
    const stored = await findPostById(t.ctx.db, Number(id));
    expect(stored).toMatchObject({ status: 'published', slug: 'hello-marsedit', comment_status: 'closed', ping_status: 'open', to_ping: 'http://tb.test/1\nhttp://tb.test/2', author_id: admin.id });
    expect(await jobsOf(SCAN_JOB, Number(id))).toHaveLength(1);

    const post = await getPost(admin, id);
    expect(post).toMatchObject({
      postid: id, userid: String(admin.id), title: 'Hello from MarsEdit', description: '<p>Body with <a href="http://peer.test/x">a link</a></p>',
      mt_excerpt: 'Short', wp_slug: 'hello-marsedit', post_status: 'publish', mt_allow_comments: 0, mt_allow_pings: 1,
      mt_tb_ping_urls: ['http://tb.test/1', 'http://tb.test/2'],
      link: 'http://blog.test/2026/01/15/hello-marsedit/', permaLink: 'http://blog.test/2026/01/15/hello-marsedit/',
    });
    expect(post.dateCreated).toEqual(t.clock.now());
    expect(post.date_created_gmt).toEqual(t.clock.now());
  });

  it('saves a draft when publish is false, with no scan job', async () => {
    const id = await newPost(author, { title: '', description: 'notes' }, false);
    const post = await getPost(author, id);
    expect(post.post_status).toBe('draft');
    expect(await jobsOf(SCAN_JOB, Number(id))).toHaveLength(0);
  });

  it('schedules a post whose dateCreated is in the future, and accepts date_created_gmt as a string', async () => {
    const later = new Date(t.clock.now().getTime() + 86_400_000);
    const id = await newPost(admin, { title: 'Tomorrow', description: 'soon', dateCreated: later });
    expect(await getPost(admin, id)).toMatchObject({ post_status: 'future', dateCreated: later });
    expect(await jobsOf(PUBLISH_DUE_JOB, Number(id))).toHaveLength(1);
    expect(await jobsOf(SCAN_JOB, Number(id))).toHaveLength(0);

    const past = await newPost(admin, { title: 'Backdated', description: 'old', date_created_gmt: '2025-06-01T08:00:00Z' });
    expect(await getPost(admin, past)).toMatchObject({ post_status: 'publish', dateCreated: new Date('2025-06-01T08:00:00Z'), link: 'http://blog.test/2025/06/01/backdated/' });
    expect((await rpcFault(t, 'metaWeblog.newPost', ['1', admin.username, admin.password, { title: 'x', description: 'y', dateCreated: 'someday' }, true])).code).toBe(-32602);
  });

  it('sanitises an author\'s HTML but keeps an admin\'s, as the browser editor does', async () => {
    const html = '<p>ok</p><script>alert(1)</script><iframe src="http://x.test/"></iframe>';
    const byAuthor = await getPost(author, await newPost(author, { title: 'A', description: html }));
    expect(byAuthor.description).toBe('<p>ok</p>');
    const byAdmin = await getPost(admin, await newPost(admin, { title: 'B', description: html }));
    expect(byAdmin.description).toBe(html);
  });

  it('passes the service\'s validation messages on as fault -32602', async () => {
    const long = await rpcFault(t, 'metaWeblog.newPost', ['1', admin.username, admin.password, { title: 'x'.repeat(301), description: 'y' }, true]);
    expect(long).toEqual({ code: -32602, message: 'Title is at most 300 characters' });
    const empty = await rpcFault(t, 'metaWeblog.newPost', ['1', admin.username, admin.password, { title: '', description: '' }, true]);
    expect(empty.message).toContain('A published post needs a title');
    expect((await rpcFault(t, 'metaWeblog.newPost', ['1', admin.username, admin.password, { title: 'x', description: 'y', mt_tb_ping_urls: ['ftp://no'] }, true])).message).toContain('trackback URL');
    expect((await rpcFault(t, 'metaWeblog.newPost', ['1', admin.username, admin.password, { title: 'x', description: 'y', mt_allow_comments: 'maybe' }, true])).code).toBe(-32602);
    // A status WordPress does not know becomes a draft, as _insert_post's default case does; a non-string is refused.
    const weird = await rpcOk<string>(t, 'metaWeblog.newPost', ['1', admin.username, admin.password, { title: 'x', description: 'y', post_status: 'weird' }, true]);
    expect((await findPostById(t.ctx.db, Number(weird)))?.status).toBe('draft');
    expect((await rpcFault(t, 'metaWeblog.newPost', ['1', admin.username, admin.password, { title: 'x', description: 'y', post_status: 3 }, true])).code).toBe(-32602);
  });

  it('edits a post, keeping fields left out, and unpublishes with publish=false', async () => {
    const id = await newPost(author, { title: 'First', description: 'one', mt_excerpt: 'ex', mt_tb_ping_urls: 'http://tb.test/a' });
    expect(await rpcOk(t, 'metaWeblog.editPost', [id, author.username, author.password, { title: 'Second' }, true])).toBe(true);
    // Text sent without block tags is stored with wpautop's paragraphs (issue 15), as WordPress shows it.
    expect(await getPost(author, id)).toMatchObject({ title: 'Second', description: '<p>one</p>\n', mt_excerpt: 'ex', post_status: 'publish', mt_tb_ping_urls: ['http://tb.test/a'] });
    expect(await rpcOk(t, 'metaWeblog.editPost', [id, author.username, author.password, { description: 'two', mt_allow_pings: 0 }, false])).toBe(true);
    expect(await getPost(author, id)).toMatchObject({ title: 'Second', description: '<p>two</p>\n', post_status: 'draft', mt_allow_pings: 0 });
    expect(await rpcOk(t, 'metaWeblog.editPost', [id, author.username, author.password, { post_status: 'publish' }])).toBe(true);
    expect((await getPost(author, id)).post_status).toBe('publish');
  });

  it('lets an author see and edit only their own posts', async () => {
    const id = await newPost(other, { title: 'Mine', description: 'x' });
    const denied = { code: 401, message: 'Sorry, you are not allowed to edit this post.' };
    expect(await rpcFault(t, 'metaWeblog.getPost', [id, author.username, author.password])).toEqual(denied);
    expect(await rpcFault(t, 'metaWeblog.editPost', [id, author.username, author.password, { title: 'Stolen' }, true])).toEqual(denied);
    expect(await rpcFault(t, 'blogger.deletePost', ['', id, author.username, author.password, true])).toEqual(denied);
    expect((await getPost(admin, id)).title).toBe('Mine');
    expect(await rpcOk(t, 'metaWeblog.editPost', [id, admin.username, admin.password, { title: 'Edited by admin' }, true])).toBe(true);
  });

  it('answers fault 404 for a post that does not exist', async () => {
    expect(await rpcFault(t, 'metaWeblog.getPost', ['999999', admin.username, admin.password])).toEqual({ code: 404, message: 'Invalid post ID.' });
    expect((await rpcFault(t, 'metaWeblog.editPost', [999999, admin.username, admin.password, { title: 'x' }, true])).code).toBe(404);
    expect((await rpcFault(t, 'blogger.deletePost', ['', '999999', admin.username, admin.password, true])).code).toBe(404);
  });

  it('lists recent posts newest first, an author only their own', async () => {
    const fresh = await createTestApp();
    try {
      const a = await createUser(fresh.ctx, 'admin');
      const w = await createUser(fresh.ctx, 'author');
      const ids: string[] = [];
      for (const [who, title] of [[a, 'one'], [w, 'two'], [a, 'three']] as const) {
        ids.push(await rpcOk<string>(fresh, 'metaWeblog.newPost', ['1', who.username, who.password, { title, description: title }, true]));
        fresh.clock.advance(60_000);
      }
      const all = await rpcOk<Array<Record<string, unknown>>>(fresh, 'metaWeblog.getRecentPosts', ['1', a.username, a.password, 10]);
      expect(all.map((p) => p.title)).toEqual(['three', 'two', 'one']);
      expect((await rpcOk<unknown[]>(fresh, 'metaWeblog.getRecentPosts', ['1', a.username, a.password, 2])).length).toBe(2);
      const own = await rpcOk<Array<Record<string, unknown>>>(fresh, 'metaWeblog.getRecentPosts', ['1', w.username, w.password, '5']);
      expect(own.map((p) => p.postid)).toEqual([ids[1]]);
      expect((await rpcFault(fresh, 'metaWeblog.getRecentPosts', ['1', a.username, a.password, 0])).code).toBe(-32602);
    } finally {
      await fresh.close();
    }
  });

  it('moves a deleted post to the trash, where it can no longer be edited or deleted again', async () => {
    const id = await newPost(author, { title: 'Doomed', description: 'x' });
    expect(await rpcOk(t, 'blogger.deletePost', ['appkey', id, author.username, author.password, true])).toBe(true);
    expect((await findPostById(t.ctx.db, Number(id)))?.status).toBe('trash');
    expect((await getPost(author, id)).post_status).toBe('trash');
    expect((await rpcFault(t, 'metaWeblog.editPost', [id, author.username, author.password, { title: 'Back' }, true])).code).toBe(404);
    expect((await rpcFault(t, 'blogger.deletePost', ['appkey', id, author.username, author.password, true])).code).toBe(404);
    const recent = await rpcOk<Array<Record<string, unknown>>>(t, 'metaWeblog.getRecentPosts', ['1', author.username, author.password, 100]);
    expect(recent.map((p) => p.postid)).not.toContain(id);
  });
});
