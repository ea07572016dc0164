// The dashboard: pending count for admins, latest linkbacks, failed deliveries, and the 30-day chart as
// inline SVG (accessible title/desc, no script, no style attributes) with a data table that matches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn } from '../support/session.js';
import type { Post, User } from '../../src/db/schema.js';
import { makeComment, makePost } from '../comments/fixtures.js';

let t: TestApp;
let admin: User;
let author: User;
let mine: Post;
let theirs: Post;
const DAY = 86_400_000;

async function delivery(postId: number, state: string, updatedAt: string, target: string) {
  await t.ctx.db.insertInto('deliveries').values({ post_id: postId, kind: 'link', target_url: target, protocol: 'pingback', endpoint: null, state, attempts: 1, last_answer: state === 'failed' ? 'fault 17: source has no link' : null, next_attempt_at: null, location: null, present: 1, created_at: updatedAt, updated_at: updatedAt } as any).execute();
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.ctx, 'admin');
  author = await createUser(t.ctx, 'author');
  mine = await makePost(t.ctx, author.id, { title: 'Author post' });
  theirs = await makePost(t.ctx, admin.id, { title: 'Admin post' });
  const now = t.clock.now().getTime();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  await makeComment(t.ctx, mine.id, { kind: 'pingback', status: 'approved', title: 'Mention of mine', source_url: 'http://a.example/1', created_at: at(0) });
  await makeComment(t.ctx, theirs.id, { kind: 'webmention', status: 'pending', title: 'Pending <mention>', source_url: 'http://b.example/1', created_at: at(0) });
  await makeComment(t.ctx, theirs.id, { kind: 'trackback', status: 'approved', title: 'Two days ago', source_url: 'http://c.example/1', created_at: at(2) });
  await makeComment(t.ctx, theirs.id, { kind: 'pingback', status: 'approved', title: 'Too old', source_url: 'http://d.example/1', created_at: at(40) });
  await makeComment(t.ctx, theirs.id, { kind: 'comment', status: 'pending', created_at: at(0) });
  await delivery(theirs.id, 'sent', at(1), 'http://x.example/a');
  await delivery(theirs.id, 'sent', at(1), 'http://x.example/b');
  await delivery(theirs.id, 'failed', at(0), 'http://dead.example/<p>');
  await delivery(mine.id, 'failed', at(3), 'http://dead.example/mine');
});
afterAll(() => t.close());

const dashboard = async (u: User) => (await t.app.inject({ url: '/admin', headers: (await signIn(t, u)).headers }));

describe('dashboard', () => {
  it('sends visitors to the login page', async () => {
    expect((await t.app.inject({ url: '/admin' })).statusCode).toBe(303);
  });

  it('shows admins the pending count, latest linkbacks and failed deliveries linking to the log', async () => {
    const res = await dashboard(admin);
    expect(res.statusCode).toBe(200);
    const $ = cheerio.load(res.body);
    expect($('[data-pending]').text()).toBe('2');
    const latest = $('#latest-linkbacks li').map((_, e) => $(e).text().replace(/\s+/g, ' ')).get();
    expect(latest).toHaveLength(4);
    expect(latest.join('|')).toContain('Pending <mention>');
    expect(res.body).toContain('Pending &lt;mention&gt;');
    const failures = $('#delivery-failures li');
    expect(failures).toHaveLength(2);
    expect(failures.first().find('a').attr('href')).toBe(`/admin/deliveries?state=failed&post=${theirs.id}`);
    expect(failures.first().text()).toContain('http://dead.example/<p>');
    expect(res.body).not.toContain('http://dead.example/<p>');
  });

  it('draws the 30-day chart as inline SVG with title, desc and a table whose numbers match', async () => {
    const res = await dashboard(admin);
    const $ = cheerio.load(res.body);
    const svg = $('#linkback-chart svg');
    expect(svg).toHaveLength(1);
    expect(svg.attr('role')).toBe('img');
    expect(svg.find('title#chart-title').text()).toContain('last 30 days');
    expect(svg.find('desc').text()).toContain('3 linkbacks received and 2 sent');
    expect($('#linkback-chart [style]')).toHaveLength(0);
    expect($('script:not([src])')).toHaveLength(0);
    const rows = $('table.chart-data tbody tr');
    expect(rows).toHaveLength(30);
    const today = t.clock.now().toISOString().slice(0, 10);
    const row = (day: string) => rows.filter((_, r) => $(r).find('th').text() === day).find('td').map((_, td) => $(td).text()).get();
    expect(row(today)).toEqual(['2', '0']);
    expect(row(new Date(t.clock.now().getTime() - DAY).toISOString().slice(0, 10))).toEqual(['0', '2']);
    expect(svg.find('g.received rect')).toHaveLength(2);
    expect(svg.find('g.sent rect title').text()).toContain(': 2 sent');
  });

  it('gives authors a reduced view of their own posts only, without the moderation queue', async () => {
    const res = await dashboard(author);
    expect(res.statusCode).toBe(200);
    const $ = cheerio.load(res.body);
    expect($('#pending')).toHaveLength(0);
    expect($('#latest-linkbacks li').map((_, e) => $(e).text()).get().join('|')).toContain('Mention of mine');
    expect($('#latest-linkbacks li')).toHaveLength(1);
    expect($('#delivery-failures li')).toHaveLength(1);
    expect($('#linkback-chart desc').text()).toContain('1 linkback received and 0 sent');
  });
});
