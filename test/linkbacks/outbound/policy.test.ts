// What the scan decides before any network: internal pingbacks between our own posts, "Send trackbacks to"
// URLs, update services once on first publish, the staging off switch, the deny list, the per-post flag.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../../src/db/schema.js';
import { createPost, updatePost } from '../../../src/posts/service.js';
import { permalinkUrl } from '../../../src/posts/permalink.js';
import { saveSettings } from '../../../src/settings/settings.js';
import { defaultSettings } from '../../../src/settings/definitions.js';
import { deliveriesOfPost } from '../../../src/linkbacks/outbound/repository.js';
import type { TestApp } from '../../support/app.js';
import { startPeer } from '../../support/peer.js';
import { form, posts, TB_OK, WEBLOGS_OK, webmentionPeer, useBlogWithPeers } from './peers.js';

const blog = useBlogWithPeers();
const keep = blog.keep;
let t: TestApp;
let author: User;
beforeAll(() => ({ t, author } = blog));
afterEach(async () => {
  const { outbound_enabled, outbound_deny_hosts, update_services, internal_pingbacks } = defaultSettings;
  await saveSettings(t.ctx.db, { outbound_enabled, outbound_deny_hosts, update_services, internal_pingbacks });
});

/** Runs the queued scans only, so the send jobs they queue can be inspected before anything is sent. */
async function runScansOnly(): Promise<void> {
  const scans = await t.ctx.db.selectFrom('jobs').selectAll().where('type', '=', 'linkbacks.scan').where('status', '=', 'queued').execute();
  for (const scan of scans) {
    await t.ctx.handlers.get(scan.type)!(JSON.parse(scan.payload), { job: scan, db: t.ctx.db, clock: t.clock, log: t.ctx.log });
    await t.ctx.db.updateTable('jobs').set({ status: 'done' }).where('id', '=', scan.id).execute();
  }
}

async function publish(title: string, content: string, extra: Record<string, unknown> = {}) {
  const r = await createPost(t.ctx, author, { title, content, status: 'published', ...extra });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.post;
}

describe('internal pingbacks', () => {
  it('records a link to our own post as an approved pingback on it, with no HTTP', async () => {
    const older = await publish('Older post', '<p>Hello</p>');
    const olderUrl = permalinkUrl('http://blog.test', older);
    const newer = await publish('Newer post', `<p>As I said in <a href="${olderUrl}">my older post</a>.</p>`);
    await t.app.worker.runUntilIdle();
    const comments = await t.ctx.db.selectFrom('comments').selectAll().where('post_id', '=', older.id).execute();
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ kind: 'pingback', status: 'approved', source_url: permalinkUrl('http://blog.test', newer), target_url: olderUrl, title: 'Newer post' });
    const [row] = await deliveriesOfPost(t.ctx.db, newer.id, 'link');
    expect(row).toMatchObject({ state: 'internal', protocol: 'pingback', attempts: 0, job_id: null });
    // An edit does not record it twice.
    await updatePost(t.ctx, author, newer.id, { title: 'Newer post', content: `<p>Still <a href="${olderUrl}">linked</a>.</p>`, status: 'published' });
    await t.app.worker.runUntilIdle();
    expect(await t.ctx.db.selectFrom('comments').select('id').where('post_id', '=', older.id).execute()).toHaveLength(1);
  });

  it('sends through the normal path when internal pingbacks are switched off', async () => {
    await saveSettings(t.ctx.db, { internal_pingbacks: false });
    const older = await publish('Another older', '<p>Hi</p>');
    const newer = await publish('Links home', `<a href="${permalinkUrl('http://blog.test', older)}">x</a>`);
    await runScansOnly();
    const [row] = await deliveriesOfPost(t.ctx.db, newer.id, 'link');
    expect(row.state).toBe('queued');
    const job = await t.ctx.db.selectFrom('jobs').selectAll().where('id', '=', row.job_id!).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ type: 'linkbacks.send', host: 'blog.test', status: 'queued' });
    expect(await t.ctx.db.selectFrom('comments').select('id').where('post_id', '=', older.id).execute()).toHaveLength(0);
    await t.ctx.db.updateTable('jobs').set({ status: 'cancelled' }).where('id', '=', job.id).execute();
  });
});

describe('"Send trackbacks to"', () => {
  it('pings each listed URL directly, once, even with link notification off', async () => {
    const tb = keep(await startPeer({ 'POST /trackback/7': { headers: { 'content-type': 'text/xml' }, body: TB_OK } }));
    const post = await publish('Trackbacked', '<p>Body text <b>bold</b></p>', { toPing: `${tb.url}/trackback/7`, notifyLinks: false });
    await t.app.worker.runUntilIdle();
    await updatePost(t.ctx, author, post.id, { title: 'Trackbacked', content: '<p>Edited</p>', status: 'published', toPing: `${tb.url}/trackback/7` });
    await t.app.worker.runUntilIdle();
    expect(tb.requests).toHaveLength(1);
    expect(form(tb.requests[0].body)).toMatchObject({ title: 'Trackbacked', url: permalinkUrl('http://blog.test', post), excerpt: 'Body text bold', blog_name: 'Backtalk' });
    const [row] = await deliveriesOfPost(t.ctx.db, post.id, 'trackback');
    expect(row).toMatchObject({ state: 'sent', protocol: 'trackback', endpoint: `${tb.url}/trackback/7` });
  });
});

describe('update services', () => {
  it('are pinged once on first publish and never on edits', async () => {
    const svc = keep(await startPeer({ 'POST /RPC2': { headers: { 'content-type': 'text/xml' }, body: WEBLOGS_OK } }));
    await saveSettings(t.ctx.db, { update_services: [`${svc.url}/RPC2`] });
    const post = await publish('Ping the services', '<p>News</p>');
    await t.app.worker.runUntilIdle();
    await updatePost(t.ctx, author, post.id, { title: 'Ping the services', content: '<p>News, edited</p>', status: 'published' });
    await t.app.worker.runUntilIdle();
    expect(posts(svc, '/RPC2')).toBe(1);
    expect(svc.requests[0].body).toContain('weblogUpdates.extendedPing');
    expect(svc.requests[0].body).toContain('http://blog.test/feed/');
    const [row] = await deliveriesOfPost(t.ctx.db, post.id, 'service');
    expect(row.state).toBe('sent');
  });

  it('are not pinged for a draft, and are pinged when it is first published', async () => {
    const svc = keep(await startPeer({ 'POST /RPC2': { headers: { 'content-type': 'text/xml' }, body: WEBLOGS_OK } }));
    await saveSettings(t.ctx.db, { update_services: [`${svc.url}/RPC2`] });
    const draft = await createPost(t.ctx, author, { title: 'Draft first', content: '<p>x</p>', status: 'draft' });
    if (!draft.ok) throw new Error('draft');
    await t.app.worker.runUntilIdle();
    expect(posts(svc, '/RPC2')).toBe(0);
    await updatePost(t.ctx, author, draft.post.id, { title: 'Draft first', content: '<p>x</p>', status: 'published' });
    await t.app.worker.runUntilIdle();
    expect(posts(svc, '/RPC2')).toBe(1);
  });
});

describe('scheduled posts', () => {
  it('notify their links and the update services when they go live, not before', async () => {
    const wm = keep(await webmentionPeer());
    const svc = keep(await startPeer({ 'POST /RPC2': { headers: { 'content-type': 'text/xml' }, body: WEBLOGS_OK } }));
    await saveSettings(t.ctx.db, { update_services: [`${svc.url}/RPC2`] });
    const when = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const r = await createPost(t.ctx, author, { title: 'Later', content: `<a href="${wm.url}/post">x</a>`, status: 'published', date: when });
    if (!r.ok) throw new Error('schedule');
    expect(r.post.status).toBe('scheduled');
    await t.app.worker.runUntilIdle();
    expect(wm.requests).toHaveLength(0);
    expect(svc.requests).toHaveLength(0);
    t.clock.advance(3_600_000);
    await t.app.worker.runUntilIdle();
    expect(posts(wm, '/webmention')).toBe(1);
    expect(posts(svc, '/RPC2')).toBe(1);
  });
});

describe('staging switch, deny list and the per-post flag', () => {
  it('sends nothing while outbound is off, records why, and sends once it is back on', async () => {
    const wm = keep(await webmentionPeer());
    const tb = keep(await startPeer({ 'POST /tb': { body: TB_OK } }));
    await saveSettings(t.ctx.db, { outbound_enabled: false });
    const post = await publish('Staging', `<a href="${wm.url}/post">x</a>`, { toPing: `${tb.url}/tb` });
    await t.app.worker.runUntilIdle();
    expect(wm.requests).toHaveLength(0);
    expect(tb.requests).toHaveLength(0);
    const rows = await deliveriesOfPost(t.ctx.db, post.id);
    expect(rows.map((r) => [r.kind, r.state, r.skip_reason])).toEqual([
      ['link', 'skipped', 'outbound_off'],
      ['trackback', 'skipped', 'outbound_off'],
    ]);
    expect(rows[0].last_answer).toMatch(/switched off/);
    await saveSettings(t.ctx.db, { outbound_enabled: true });
    await updatePost(t.ctx, author, post.id, { title: 'Staging', content: `<a href="${wm.url}/post">x</a> edited`, status: 'published', toPing: `${tb.url}/tb` });
    await t.app.worker.runUntilIdle();
    expect(posts(wm, '/webmention')).toBe(1);
    expect(posts(tb, '/tb')).toBe(1);
  });

  it('holds a queued send back when outbound is switched off before it runs', async () => {
    const wm = keep(await webmentionPeer());
    const post = await publish('Switched off later', `<a href="${wm.url}/post">x</a>`);
    await runScansOnly();
    await saveSettings(t.ctx.db, { outbound_enabled: false });
    await t.app.worker.runUntilIdle();
    expect(wm.requests).toHaveLength(0);
    expect((await deliveriesOfPost(t.ctx.db, post.id))[0]).toMatchObject({ state: 'skipped', skip_reason: 'outbound_off' });
  });

  it('skips denied hosts and says so, while other links go out', async () => {
    const wm = keep(await webmentionPeer());
    await saveSettings(t.ctx.db, { outbound_deny_hosts: ['denied.example'] });
    const post = await publish('Deny', `<a href="http://sub.denied.example/page">no</a> <a href="${wm.url}/post">yes</a>`);
    await t.app.worker.runUntilIdle();
    const rows = await deliveriesOfPost(t.ctx.db, post.id, 'link');
    expect(rows.map((r) => [r.target_url, r.state, r.skip_reason])).toEqual([
      ['http://sub.denied.example/page', 'skipped', 'denied'],
      [`${wm.url}/post`, 'sent', null],
    ]);
    expect(rows[0].last_answer).toMatch(/deny list/);
  });

  it('notifies nobody from a post whose "notify linked blogs" is off, and records the links as skipped', async () => {
    const wm = keep(await webmentionPeer());
    const post = await publish('Quiet', `<a href="${wm.url}/post">x</a>`, { notifyLinks: false });
    await t.app.worker.runUntilIdle();
    expect(wm.requests).toHaveLength(0);
    expect((await deliveriesOfPost(t.ctx.db, post.id))[0]).toMatchObject({ state: 'skipped', skip_reason: 'notify_off' });
  });
});
