// Categories and tags with an independent client: Python's xmlrpc.client against the app on loopback, in
// the order desktop editors and the WordPress apps call the methods (fixtures/xmlrpc/python-terms-client.py).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';

const run = promisify(execFile);
const script = new URL('../../fixtures/xmlrpc/python-terms-client.py', import.meta.url);

describe('categories and tags from Python xmlrpc.client', () => {
  let t: TestApp;
  let endpoint: string;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    endpoint = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/xmlrpc.php`;
  });
  afterAll(() => t.close());

  it('adds a category, files a post under it with keywords, and reads everything back with WordPress types', async () => {
    const admin = await createUser(t.ctx, 'admin');
    const { stdout } = await run('python3', ['-c', await readFile(script, 'utf8'), endpoint, admin.username, admin.password], { timeout: 20_000 });
    const seen = JSON.parse(stdout);
    expect(seen.categories_before).toEqual(['Uncategorized']);
    expect(seen.new_category_type).toBe('int');
    expect(seen.mt_list.map((c: { categoryName: string }) => c.categoryName)).toEqual(['Travel', 'Uncategorized']);
    expect(seen.set).toBe(true);
    expect(seen.post_categories).toEqual([{ categoryName: 'Travel', categoryId: expect.stringMatching(/^\d+$/), isPrimary: true }]);
    expect(seen.mw_post).toEqual({ categories: ['Travel'], mt_keywords: 'portugal, trams' });
    expect(seen.taxonomies).toEqual(['category', 'post_tag']);
    expect(seen.tags).toEqual([['portugal', 1, 'int'], ['trams', 1, 'int']]);
    expect(seen.term).toMatchObject({ name: 'Food', taxonomy: 'category', count: 0, term_group: '0' });
    expect(seen.wp_terms).toEqual([['category', 'Food'], ['post_tag', 'custard']]);
    expect(seen.bad_taxonomy).toEqual([403, 'Invalid taxonomy.']);
  });
});
