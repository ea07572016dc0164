// Issue 13 point 6, pages: WordPress's page methods and post types over XML-RPC, with its argument order,
// struct fields and faults; post_type "page" on the wp.* post methods.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostById } from '../../src/posts/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { rpcFault, rpcOk } from '../xmlrpc/client.js';

describe('XML-RPC pages and post types', () => {
  let t: TestApp;
  let admin: { username: string; password: string; id: number };
  let author: { username: string; password: string; id: number };
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin');
    author = await createUser(t.ctx, 'author');
  });
  afterAll(() => t.close());
  const as = (u: { username: string; password: string }) => [u.username, u.password];

  it('creates pages with a parent and order, and answers wp.getPage with _prepare_page\'s fields', async () => {
    const about = await rpcOk<string>(t, 'wp.newPage', ['1', ...as(admin), { title: 'About', description: '<p>Us</p>', wp_page_order: 3 }, true]);
    const team = await rpcOk<string>(t, 'wp.newPage', ['1', ...as(admin), { title: 'Team', description: '<p>People</p>', mt_text_more: '<p>More</p>', wp_page_parent_id: Number(about) }, true]);
    expect(await findPostById(t.ctx.db, Number(team))).toMatchObject({ type: 'page', parent_id: Number(about), page_path: 'about/team', status: 'published' });
    const page = await rpcOk<Record<string, unknown>>(t, 'wp.getPage', ['1', team, ...as(admin)]);
    expect(page).toMatchObject({
      page_id: Number(team), userid: String(admin.id), page_status: 'publish', description: '<p>People</p>', text_more: '<p>More</p>', title: 'Team',
      link: 'http://blog.test/about/team/', permaLink: 'http://blog.test/about/team/', categories: [], wp_slug: 'team', wp_password: '',
      wp_page_parent_id: Number(about), wp_page_parent_title: 'About', wp_page_order: 0, wp_author_id: String(admin.id), custom_fields: [], wp_page_template: 'default',
      mt_allow_comments: 1, mt_allow_pings: 1,
    });
    expect(page.dateCreated).toBeInstanceOf(Date);
    expect(Object.keys(page).sort()).toEqual(['categories', 'custom_fields', 'dateCreated', 'date_created_gmt', 'description', 'excerpt', 'link', 'mt_allow_comments', 'mt_allow_pings', 'page_id', 'page_status', 'permaLink', 'text_more', 'title', 'userid', 'wp_author', 'wp_author_display_name', 'wp_author_id', 'wp_page_order', 'wp_page_parent_id', 'wp_page_parent_title', 'wp_page_template', 'wp_password', 'wp_slug']);
  });

  it('lists pages (wp.getPages, wp.getPageList) and never posts', async () => {
    await rpcOk(t, 'wp.newPost', ['1', ...as(admin), { post_title: 'A post', post_content: 'x', post_status: 'publish' }]);
    const pages = await rpcOk<{ title: string }[]>(t, 'wp.getPages', ['1', ...as(admin), 10]);
    expect(pages.map((p) => p.title).sort()).toEqual(['About', 'Team']);
    const list = await rpcOk<Record<string, unknown>[]>(t, 'wp.getPageList', ['1', ...as(admin)]);
    expect(list.map((p) => p.page_title)).toEqual(['About', 'Team']);
    expect(Object.keys(list[1]!).sort()).toEqual(['dateCreated', 'date_created_gmt', 'page_id', 'page_parent_id', 'page_title']);
    expect(list[1]!.page_parent_id).toBe(list[0]!.page_id);
  });

  it('edits and deletes pages, with WordPress\'s faults', async () => {
    const [about] = await rpcOk<{ page_id: string; page_title: string }[]>(t, 'wp.getPageList', ['1', ...as(admin)]).then((l) => l.map((p) => ({ page_id: Number(p.page_id), title: p.page_title })));
    expect(await rpcOk(t, 'wp.editPage', ['1', about!.page_id, ...as(admin), { title: 'About us', wp_page_order: 1 }, true])).toBe(true);
    expect(await findPostById(t.ctx.db, about!.page_id)).toMatchObject({ title: 'About us', menu_order: 1 });
    const post = await rpcOk<string>(t, 'wp.newPost', ['1', ...as(admin), { post_title: 'Not a page', post_content: 'x' }]);
    expect(await rpcFault(t, 'wp.getPage', ['1', post, ...as(admin)])).toEqual({ code: 404, message: 'Sorry, no such page.' });
    expect(await rpcFault(t, 'wp.editPage', ['1', 99999, ...as(admin), { title: 'x' }, true])).toEqual({ code: 404, message: 'Sorry, no such page.' });
    expect(await rpcFault(t, 'wp.getPages', ['1', ...as(author)])).toEqual({ code: 401, message: 'Sorry, you are not allowed to edit pages.' });
    expect(await rpcFault(t, 'wp.getPage', ['1', about!.page_id, ...as(author)])).toEqual({ code: 401, message: 'Sorry, you are not allowed to edit this page.' });
    expect(await rpcFault(t, 'wp.deletePage', ['1', ...as(author), about!.page_id])).toEqual({ code: 401, message: 'Sorry, you are not allowed to delete this page.' });
    expect((await rpcFault(t, 'wp.getPages', ['1', admin.username, 'wrong'])).code).toBe(403);
    const extra = await rpcOk<string>(t, 'wp.newPage', ['1', ...as(admin), { title: 'Temp', description: 'x' }, false]);
    expect(await rpcOk(t, 'wp.deletePage', ['1', ...as(admin), Number(extra)])).toBe(true);
    expect((await findPostById(t.ctx.db, Number(extra)))?.status).toBe('trash');
    expect(await rpcOk(t, 'wp.deletePage', ['1', ...as(admin), Number(extra)])).toBe(true);
    expect(await findPostById(t.ctx.db, Number(extra))).toBeUndefined();
  });

  it('answers the page status list and templates', async () => {
    expect(await rpcOk(t, 'wp.getPageStatusList', ['1', ...as(admin)])).toEqual({ draft: 'Draft', private: 'Private', publish: 'Published' });
    expect(await rpcOk(t, 'wp.getPageTemplates', ['1', ...as(admin)])).toEqual({ Default: 'default' });
  });

  it('takes post_type page on wp.newPost, wp.getPosts and wp.editPost, and refuses unknown types', async () => {
    const id = await rpcOk<string>(t, 'wp.newPost', ['1', ...as(admin), { post_type: 'page', post_title: 'Contact', post_content: 'x', post_status: 'publish', menu_order: 4 }]);
    const got = await rpcOk<Record<string, unknown>>(t, 'wp.getPost', ['1', ...as(admin), id]);
    expect(got).toMatchObject({ post_type: 'page', menu_order: 4, post_parent: '0', link: 'http://blog.test/contact/' });
    const pages = await rpcOk<{ post_type: string }[]>(t, 'wp.getPosts', ['1', ...as(admin), { post_type: 'page', number: 50 }]);
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.every((p) => p.post_type === 'page')).toBe(true);
    const posts = await rpcOk<{ post_type: string }[]>(t, 'wp.getPosts', ['1', ...as(admin), { number: 50 }]);
    expect(posts.every((p) => p.post_type === 'post')).toBe(true);
    expect(await rpcFault(t, 'wp.getPosts', ['1', ...as(admin), { post_type: 'product' }])).toEqual({ code: 403, message: 'Invalid post type.' });
    expect(await rpcFault(t, 'wp.editPost', ['1', ...as(admin), id, { post_type: 'post' }])).toEqual({ code: 401, message: 'The post type may not be changed.' });
  });

  it('describes post types as wp.getPostType and wp.getPostTypes do', async () => {
    const page = await rpcOk<Record<string, unknown>>(t, 'wp.getPostType', ['1', ...as(admin), 'page']);
    expect(page).toMatchObject({ name: 'page', label: 'Pages', hierarchical: true, public: true, _builtin: true, map_meta_cap: true, taxonomies: [] });
    expect(page.supports).toMatchObject({ 'page-attributes': true, title: true });
    expect((page.cap as Record<string, string>).edit_posts).toBe('edit_pages');
    expect(await rpcFault(t, 'wp.getPostType', ['1', ...as(admin), 'product'])).toEqual({ code: 403, message: 'Invalid post type.' });
    expect(Object.keys(await rpcOk<object>(t, 'wp.getPostTypes', ['1', ...as(admin)]))).toEqual(['post', 'page', 'attachment']);
    expect(Object.keys(await rpcOk<object>(t, 'wp.getPostTypes', ['1', ...as(author)]))).toEqual(['post', 'attachment']);
    expect(Object.keys(await rpcOk<object>(t, 'wp.getPostTypes', ['1', ...as(admin), { hierarchical: true }]))).toEqual(['page']);
  });
});

// wp.getPageList lists every page as WordPress's get_page_list does (any status, ORDER BY ID), past the 1,000
// it once stopped at, read in batches so no query grows with the blog.
describe('wp.getPageList on a blog with many pages', () => {
  it('lists all 1,203 pages in id order, drafts included', async () => {
    const t = await createTestApp();
    try {
      const admin = await createUser(t.ctx, 'admin');
      const at = '2026-01-01T00:00:00.000Z';
      const rows = Array.from({ length: 1203 }, (_, i) => ({
        type: 'page' as const, author_id: admin.id, title: `Page ${i}`, slug: `page-${i}`, page_path: `page-${i}`, content: '', excerpt: '',
        status: (i % 3 === 0 ? 'draft' : 'published') as 'draft' | 'published', status_before_trash: null, published_at: at, created_at: at, updated_at: at,
        comment_status: 'open' as const, ping_status: 'open' as const, to_ping: '', notify_links: 1,
      }));
      for (let i = 0; i < rows.length; i += 200) await t.ctx.db.insertInto('posts').values(rows.slice(i, i + 200)).execute();
      const list = await rpcOk<Record<string, unknown>[]>(t, 'wp.getPageList', ['1', admin.username, admin.password]);
      expect(list.length).toBe(1203);
      const ids = list.map((p) => Number(p.page_id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(list[0]!.page_title).toBe('Page 0');
      expect(list[1202]!.page_title).toBe('Page 1202');
    } finally {
      await t.close();
    }
  });
});
