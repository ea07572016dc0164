// Categories and tags over XML-RPC (issue 13 point 6), each answer shaped as WordPress 6's for the same call:
// the wp.*Term / wp.*Taxonomy API, the older category and tag methods, and terms on every post method.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { rpc, rpcFault, rpcOk } from '../xmlrpc/client.js';
import { findTermBySlug, termsOfPosts } from '../../src/terms/repository.js';

type U = { username: string; password: string };
type S = Record<string, unknown>;

describe('taxonomy XML-RPC methods', () => {
  let t: TestApp;
  let admin: U;
  let author: U;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin');
    author = await createUser(t.ctx, 'author');
  });
  afterAll(() => t.close());
  const as = (u: U) => ['1', u.username, u.password];

  it('wp.newTerm / getTerm / getTerms / editTerm / deleteTerm answer as WordPress', async () => {
    const animals = await rpcOk<string>(t, 'wp.newTerm', [...as(admin), { name: 'Animals', taxonomy: 'category', description: 'All of them' }]);
    expect(animals).toMatch(/^\d+$/);
    const foxes = await rpcOk<string>(t, 'wp.newTerm', [...as(admin), { name: 'Foxes', taxonomy: 'category', parent: animals }]);
    expect(await rpcOk(t, 'wp.getTerm', [...as(author), 'category', foxes])).toEqual({
      term_id: foxes, name: 'Foxes', slug: 'foxes', term_group: '0', term_taxonomy_id: foxes, taxonomy: 'category',
      description: '', parent: animals, count: 0, filter: 'raw', custom_fields: [],
    });
    const names = (list: S[]) => list.map((x) => x.name);
    expect(names(await rpcOk<S[]>(t, 'wp.getTerms', [...as(author), 'category']))).toEqual(['Animals', 'Foxes', 'Uncategorized']);
    expect(names(await rpcOk<S[]>(t, 'wp.getTerms', [...as(author), 'category', { number: 1, offset: 1 }]))).toEqual(['Foxes']);
    expect(names(await rpcOk<S[]>(t, 'wp.getTerms', [...as(author), 'category', { search: 'fox' }]))).toEqual(['Foxes']);
    expect(names(await rpcOk<S[]>(t, 'wp.getTerms', [...as(author), 'category', { hide_empty: true }]))).toEqual([]);
    expect(await rpcOk(t, 'wp.editTerm', [...as(admin), foxes, { taxonomy: 'category', name: 'Red foxes', slug: 'red-foxes' }])).toBe(true);
    expect(await rpcOk(t, 'wp.getTerm', [...as(admin), 'category', foxes])).toMatchObject({ name: 'Red foxes', slug: 'red-foxes', parent: animals });

    const faults: [string, unknown[], number, string][] = [
      ['wp.newTerm', [...as(admin), { name: 'X', taxonomy: 'genre' }], 403, 'Invalid taxonomy.'],
      ['wp.newTerm', [...as(admin), { name: '  ', taxonomy: 'post_tag' }], 403, 'The term name cannot be empty.'],
      ['wp.newTerm', [...as(admin), { name: 'X', taxonomy: 'post_tag', parent: animals }], 403, 'This taxonomy is not hierarchical.'],
      ['wp.newTerm', [...as(admin), { name: 'X', taxonomy: 'category', parent: 999 }], 403, 'Parent term does not exist.'],
      ['wp.newTerm', [...as(admin), { name: 'Animals', taxonomy: 'category' }], 500, 'A term with the name provided already exists with this parent.'],
      ['wp.newTerm', [...as(author), { name: 'Mine', taxonomy: 'category' }], 401, 'Sorry, you are not allowed to create terms in this taxonomy.'],
      ['wp.getTerm', [...as(author), 'post_tag', foxes], 404, 'Invalid term ID.'],
      ['wp.getTerm', [...as(author), 'category', 'abc'], 404, 'Invalid term ID.'],
      ['wp.editTerm', [...as(author), foxes, { taxonomy: 'category', name: 'Mine' }], 401, 'Sorry, you are not allowed to edit this term.'],
      ['wp.editTerm', [...as(admin), foxes, { taxonomy: 'category', name: '' }], 403, 'The term name cannot be empty.'],
      ['wp.editTerm', [...as(admin), animals, { taxonomy: 'category', slug: 'red-foxes' }], 500, 'The slug “red-foxes” is already in use by another category'],
      ['wp.deleteTerm', [...as(admin), 'category', '1'], 401, 'Sorry, you are not allowed to delete this term.'],
      ['wp.getTerms', ['1', admin.username], 400, 'Insufficient arguments passed to this XML-RPC method.'],
      ['wp.getTerms', ['1', admin.username, 'wrong', 'category'], 403, 'Incorrect username or password.'],
    ];
    for (const [method, params, code, message] of faults) {
      expect([method, await rpcFault(t, method, params)]).toEqual([method, { code, message }]);
    }
    expect(await rpcOk(t, 'wp.deleteTerm', [...as(admin), 'category', foxes])).toBe(true);
    expect((await rpcFault(t, 'wp.deleteTerm', [...as(admin), 'category', foxes])).code).toBe(404);
  });

  it('wp.getTaxonomy / wp.getTaxonomies describe category and post_tag', async () => {
    const cat = await rpcOk<S>(t, 'wp.getTaxonomy', [...as(author), 'category']);
    expect(cat).toMatchObject({ name: 'category', label: 'Categories', hierarchical: true, public: true, show_ui: true, _builtin: true, object_type: ['post'] });
    expect(cat.cap).toEqual({ manage_terms: 'manage_categories', edit_terms: 'edit_categories', delete_terms: 'delete_categories', assign_terms: 'assign_categories' });
    expect((cat.labels as S).singular_name).toBe('Category');
    expect(await rpcOk(t, 'wp.getTaxonomy', [...as(author), 'post_tag', []])).toEqual({ name: 'post_tag', label: 'Tags', hierarchical: false, public: true, show_ui: true, _builtin: true });
    expect((await rpcOk<S[]>(t, 'wp.getTaxonomies', [...as(author)])).map((x) => x.name)).toEqual(['category', 'post_tag']);
    expect((await rpcOk<S[]>(t, 'wp.getTaxonomies', [...as(author), { hierarchical: false }])).map((x) => x.name)).toEqual(['post_tag']);
    expect(await rpcFault(t, 'wp.getTaxonomy', [...as(author), 'link_category'])).toEqual({ code: 403, message: 'Invalid taxonomy.' });
  });

  it('files posts by metaWeblog categories and mt_keywords, and reads them back', async () => {
    const news = await rpcOk<number>(t, 'wp.newCategory', [...as(admin), { name: 'News', slug: '', parent_id: 0, description: 'Daily' }]);
    expect(typeof news).toBe('number');
    expect(await rpcOk(t, 'wp.newCategory', [...as(admin), { name: 'News' }])).toBe(news);
    expect(await rpcFault(t, 'wp.newCategory', [...as(author), { name: 'Mine' }])).toEqual({ code: 401, message: 'Sorry, you are not allowed to add a category.' });
    const id = await rpcOk<string>(t, 'metaWeblog.newPost', ['1', author.username, author.password, { title: 'MW', description: 'x', categories: ['News', 'Nope'], mt_keywords: 'fox, dog' }, true]);
    const post = await rpcOk<S>(t, 'metaWeblog.getPost', [id, author.username, author.password]);
    expect(post).toMatchObject({ categories: ['News'], mt_keywords: 'dog, fox' });
    const recent = await rpcOk<S[]>(t, 'metaWeblog.getRecentPosts', ['1', author.username, author.password, 5]);
    expect(recent.find((p) => p.postid === id)).toMatchObject({ categories: ['News'], mt_keywords: 'dog, fox' });
    // Left out: kept. Sent: replaced.
    await rpcOk(t, 'metaWeblog.editPost', [id, author.username, author.password, { title: 'MW2' }, true]);
    expect(await rpcOk(t, 'metaWeblog.getPost', [id, author.username, author.password])).toMatchObject({ categories: ['News'], mt_keywords: 'dog, fox' });
    await rpcOk(t, 'metaWeblog.editPost', [id, author.username, author.password, { mt_keywords: 'cat' }, true]);
    expect(await rpcOk(t, 'metaWeblog.getPost', [id, author.username, author.password])).toMatchObject({ categories: ['News'], mt_keywords: 'cat' });

    const cats = await rpcOk<S[]>(t, 'metaWeblog.getCategories', [...as(author)]);
    expect(cats.find((c) => c.categoryName === 'News')).toEqual({
      categoryId: news, parentId: 0, description: 'News', categoryDescription: 'Daily', categoryName: 'News',
      htmlUrl: 'http://blog.test/category/news/', rssUrl: 'http://blog.test/category/news/feed/',
    });
    expect(await rpcOk(t, 'wp.getCategories', [...as(author)])).toEqual(cats);
    expect((await rpcOk<S[]>(t, 'mt.getCategoryList', [...as(author)])).find((c) => c.categoryName === 'News')).toEqual({ categoryId: news, categoryName: 'News' });
    expect(await rpcOk(t, 'wp.suggestCategories', [...as(author), 'new', 5])).toEqual([{ category_id: news, category_name: 'News' }]);
    const tags = await rpcOk<S[]>(t, 'wp.getTags', [...as(author)]);
    expect(tags).toEqual([{ tag_id: (await findTermBySlug(t.ctx.db, 'post_tag', 'cat'))!.id, name: 'cat', count: 1, slug: 'cat', html_url: 'http://blog.test/tag/cat/', rss_url: 'http://blog.test/tag/cat/feed/' }]);
  });

  it('mt.setPostCategories is no longer ignored; mt.getPostCategories reads them, the first primary', async () => {
    const id = await rpcOk<string>(t, 'metaWeblog.newPost', ['1', author.username, author.password, { title: 'MT', description: 'x' }, true]);
    expect((await rpcOk<S[]>(t, 'mt.getPostCategories', [id, author.username, author.password])).map((c) => c.categoryName)).toEqual(['Uncategorized']);
    const news = (await findTermBySlug(t.ctx.db, 'category', 'news'))!;
    const animals = (await findTermBySlug(t.ctx.db, 'category', 'animals'))!;
    expect(await rpcOk(t, 'mt.setPostCategories', [id, author.username, author.password, [{ categoryId: String(news.id), isPrimary: true }, { categoryId: animals.id }]])).toBe(true);
    expect(await rpcOk(t, 'mt.getPostCategories', [id, author.username, author.password])).toEqual([
      { categoryName: 'Animals', categoryId: String(animals.id), isPrimary: true },
      { categoryName: 'News', categoryId: String(news.id), isPrimary: false },
    ]);
    expect(await rpcFault(t, 'mt.getPostCategories', ['999999', author.username, author.password])).toEqual({ code: 404, message: 'Invalid post ID.' });
    const other = await rpcOk<string>(t, 'metaWeblog.newPost', ['1', admin.username, admin.password, { title: 'Admin’s', description: 'x' }, true]);
    expect(await rpcFault(t, 'mt.setPostCategories', [other, author.username, author.password, []])).toEqual({ code: 401, message: 'Sorry, you are not allowed to edit this post.' });
  });

  it('wp.newPost / editPost take terms and terms_names; wp.getPost(s) return the terms', async () => {
    const news = (await findTermBySlug(t.ctx.db, 'category', 'news'))!;
    const id = await rpcOk<string>(t, 'wp.newPost', [...as(admin), { post_title: 'WP', post_content: 'x', post_status: 'publish', terms: { category: [news.id] }, terms_names: { post_tag: ['Brand new', 'cat'], category: ['Made here'] } }]);
    const got = await rpcOk<S>(t, 'wp.getPost', [...as(admin), id]);
    const terms = got.terms as S[];
    expect(terms.map((x) => `${x.taxonomy}:${x.name}`)).toEqual(['category:Made here', 'category:News', 'post_tag:Brand new', 'post_tag:cat']);
    expect(terms.find((x) => x.name === 'News')).toMatchObject({ term_id: String(news.id), count: 3, parent: '0', filter: 'raw' });
    const list = await rpcOk<S[]>(t, 'wp.getPosts', [...as(admin), { number: 3 }]);
    expect((list.find((p) => p.post_id === id)!.terms as S[]).length).toBe(4);

    await rpcOk(t, 'wp.editPost', [...as(admin), id, { terms: { post_tag: [] } }]);
    const after = (await termsOfPosts(t.ctx.db, [Number(id)])).get(Number(id))!;
    expect(after.map((x) => x.name)).toEqual(['Made here', 'News']);

    expect(await rpcFault(t, 'wp.newPost', [...as(author), { post_title: 'x', terms: { category: [999999] } }])).toEqual({ code: 403, message: 'Invalid term ID.' });
    expect(await rpcFault(t, 'wp.newPost', [...as(author), { post_title: 'x', terms: { genre: [1] } }])).toEqual({ code: 401, message: 'Sorry, one of the given taxonomies is not supported by the post type.' });
    expect(await rpcFault(t, 'wp.newPost', [...as(author), { post_title: 'x', terms_names: { post_tag: ['Unheard of'] } }])).toEqual({ code: 401, message: 'Sorry, you are not allowed to add a term to one of the given taxonomies.' });
    const ok = await rpc(t, 'wp.newPost', [...as(author), { post_title: 'x', terms_names: { post_tag: ['cat'], category: ['News'] } }]);
    expect(ok.fault).toBeNull();
  });
});
