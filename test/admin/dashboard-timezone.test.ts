// The dashboard's chart counts the site's days (issue 15: every admin date in the site's timezone): just after
// midnight in Paris a ping received at 00:10 Paris time is today's, although it is yesterday in UTC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { signIn } from '../support/session.js';
import { saveSettings } from '../../src/settings/repository.js';
import { dayIndex, siteDays } from '../../src/admin/dashboard-stats.js';
import type { User } from '../../src/db/schema.js';
import { makeComment, makePost } from '../comments/fixtures.js';

let t: TestApp;
let admin: User;

beforeAll(async () => {
  // 23:30 UTC on 30 November is 00:30 on 1 December in Paris.
  t = await createTestApp({}, { clock: new ManualClock(new Date('2026-11-30T23:30:00.000Z')) });
  admin = await createUser(t.ctx, 'admin');
  await saveSettings(t.ctx.db, { timezone: 'Europe/Paris' });
  const post = await makePost(t.ctx, admin.id, { title: 'Post' });
  await makeComment(t.ctx, post.id, { kind: 'pingback', status: 'approved', source_url: 'http://a.example/1', created_at: '2026-11-30T23:10:00.000Z' });
  await makeComment(t.ctx, post.id, { kind: 'pingback', status: 'approved', source_url: 'http://a.example/2', created_at: '2026-11-30T22:50:00.000Z' });
  // 23:50 Paris time on 31 October: the first chart day is 2 November, so this one is out.
  await makeComment(t.ctx, post.id, { kind: 'pingback', status: 'approved', source_url: 'http://a.example/3', created_at: '2026-11-01T22:50:00.000Z' });
});
afterAll(() => t.close());

describe('dashboard chart in the site timezone', () => {
  it('lists the site calendar days, across a DST change, without gaps or repeats', () => {
    const days = siteDays(new Date('2026-03-30T22:30:00.000Z'), 'Europe/Paris', 3);
    expect(days).toEqual(['2026-03-29', '2026-03-30', '2026-03-31']);
    expect(siteDays(new Date('2026-11-30T23:30:00.000Z'), 'UTC', 1)).toEqual(['2026-11-30']);
  });

  it('finds the day an instant falls on', () => {
    const starts = ['2026-11-29T23:00:00.000Z', '2026-11-30T23:00:00.000Z'];
    expect(dayIndex('2026-11-29T22:59:59.999Z', starts)).toBe(-1);
    expect(dayIndex('2026-11-29T23:00:00.000Z', starts)).toBe(0);
    expect(dayIndex('2026-11-30T22:59:00.000Z', starts)).toBe(0);
    expect(dayIndex('2026-12-01T10:00:00.000Z', starts)).toBe(1);
  });

  it('counts each ping on its Paris day and says so under the table', async () => {
    const res = await t.app.inject({ url: '/admin', headers: (await signIn(t, admin)).headers });
    const $ = cheerio.load(res.body);
    const rows = $('table.chart-data tbody tr');
    expect(rows).toHaveLength(30);
    const row = (day: string) => rows.filter((_, r) => $(r).find('th').text() === day).find('td').map((_, td) => $(td).text()).get();
    expect(rows.last().find('th').text()).toBe('2026-12-01');
    expect(rows.first().find('th').text()).toBe('2026-11-02');
    expect(row('2026-12-01')).toEqual(['1', '0']);
    expect(row('2026-11-30')).toEqual(['1', '0']);
    expect($('#linkback-chart desc').text()).toContain('2 linkbacks received');
    expect($('table.chart-data caption').text()).toContain('Europe/Paris');
  });
});
