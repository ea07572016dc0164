// A brand-new site with nothing published: every public address still answers sensibly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { createTestApp, type TestApp } from '../support/app.js';
import { html } from '../support/public-site.js';
import { xmlError } from '../support/xml.js';

describe('an empty site', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('shows an empty home page, not an error', async () => {
    const res = await t.app.inject({ url: '/', headers: html });
    expect(res.statusCode).toBe(200);
    const $ = cheerio.load(res.body);
    expect($('.empty').text()).toContain('Nothing has been published yet');
    expect($('.pagination').length).toBe(0);
    expect($('.archive-list').length).toBe(0);
  });

  it('answers pages and archives that cannot exist with 404', async () => {
    for (const url of ['/page/2/', '/2026/01/', '/2026/01/15/anything/', '/?p=1', '/?p=1&preview=true']) {
      expect((await t.app.inject({ url, headers: html })).statusCode, url).toBe(404);
    }
  });

  it('serves empty feeds that still parse', async () => {
    for (const url of ['/feed/', '/feed/atom/']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(xmlError(res.body), url).toBeNull();
      const $ = cheerio.load(res.body, { xml: true });
      expect($('item, entry').length).toBe(0);
    }
  });

  it('answers a bad comment submission with 404 rather than a crash', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/comments', headers: { ...html, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'post_id=1&content=hi' });
    expect(res.statusCode).toBe(404);
    const json = await t.app.inject({ method: 'POST', url: '/comments', headers: { 'content-type': 'application/json' }, payload: '{"post_id": [1]}' });
    expect(json.statusCode).toBe(404);
  });
});
