import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPosts } from '../../src/posts/repository.js';
import { createPost } from '../../src/posts/service.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';

describe('post search is case-insensitive and treats % and _ literally on every dialect', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const admin = await createUser(t.ctx, 'admin');
    for (const title of ['Hello World', 'hello again', '100% sure', 'snake_case', 'Other'])
      await createPost(t.ctx, admin, { title, content: 'x', status: 'draft' });
  });
  afterAll(() => t.close());

  const titles = async (search: string) => (await listPosts(t.ctx.db, { search, limit: 50, offset: 0 })).posts.map((p) => p.title).sort();

  it('matches regardless of case', async () => {
    expect(await titles('HELLO')).toEqual(['Hello World', 'hello again']);
  });
  it('does not treat % or _ as wildcards', async () => {
    expect(await titles('0%')).toEqual(['100% sure']);
    expect(await titles('e_c')).toEqual(['snake_case']);
  });
});
