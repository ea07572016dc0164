import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

describe('the app boots on a fresh database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers an unknown page with a 404 page, not a 500', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/no/such/page', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Not found');
  });

  it('serves the theme and admin assets under /static/', async () => {
    for (const file of ['style.css', 'admin.css', 'moderation.js']) {
      const res = await t.app.inject({ url: `/static/${file}` });
      expect(res.statusCode, file).toBe(200);
    }
  });

  it('has run every migration', async () => {
    const tables = await t.ctx.db.introspection.getTables();
    expect(tables.map((x) => x.name)).toEqual(expect.arrayContaining(['users', 'posts', 'comments', 'jobs', 'deliveries', 'settings']));
  });
});

describe('malformed URLs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers broken percent-encoding with the HTML 400 page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/2026/01/10/%E0%A4%A/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('not a valid URL');
  });
});
