// Outbound linkbacks end to end: posts published through the posts service, the real queue and HTTP
// client, and real peer blogs on 127.0.0.1 advertising each protocol (or nothing).
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/settings/definitions.js';
import type { User } from '../../../src/db/schema.js';
import { createPost, updatePost } from '../../../src/posts/service.js';
import { permalinkUrl } from '../../../src/posts/permalink.js';
import { deliveriesOfPost } from '../../../src/linkbacks/outbound/repository.js';
import { retryDeliveryNow, skipDelivery } from '../../../src/linkbacks/outbound/actions.js';
import type { TestApp } from '../../support/app.js';
import { saveSettings } from '../../../src/settings/repository.js';
import { form, pingbackPeer, posts, silentPeer, trackbackPeer, webmentionPeer, useBlogWithPeers } from './peers.js';

const blog = useBlogWithPeers();
const keep = blog.keep;
let t: TestApp;
let author: User;
beforeAll(() => ({ t, author } = blog));

const linksTo = (...urls: string[]) => urls.map((u, i) => `<p>See <a href="${u}">link ${i}</a>.</p>`).join('\n');

async function publish(title: string, content: string, extra: Record<string, unknown> = {}) {
  const r = await createPost(t.ctx, author, { title, content, status: 'published', ...extra });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.post;
}

async function edit(id: number, title: string, content: string) {
  const r = await updatePost(t.ctx, author, id, { title, content, status: 'published' });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.post;
}

describe('each protocol, end to end', () => {
  it('sends exactly one notification per advertising peer and none to the page advertising nothing', async () => {
    const [wm, pb, tb, none] = [keep(await webmentionPeer()), keep(await pingbackPeer()), keep(await trackbackPeer()), keep(await silentPeer())];
    const post = await publish('Four links', linksTo(`${wm.url}/post`, `${pb.url}/post`, `${tb.url}/post`, `${none.url}/post`));
    await t.app.worker.runUntilIdle();
    const source = permalinkUrl('http://blog.test', post, defaultSettings);

    expect(posts(wm, '/webmention')).toBe(1);
    const mention = wm.requests.find((r) => r.method === 'POST')!;
    expect(mention.path).toBe('/webmention?via=link');
    expect(mention.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(form(mention.body)).toEqual({ source, target: `${wm.url}/post` });

    expect(posts(pb, '/xmlrpc')).toBe(1);
    const call = pb.requests.find((r) => r.method === 'POST')!.body;
    expect(call).toContain('<methodName>pingback.ping</methodName>');
    expect(call).toContain(source);
    expect(call).toContain(`${pb.url}/post`);

    expect(posts(tb, '/tb')).toBe(1);
    const ping = form(tb.requests.find((r) => r.method === 'POST')!.body);
    expect(ping).toMatchObject({ title: 'Four links', url: source, blog_name: 'Backtalk' });

    expect(none.requests.map((r) => r.method)).toEqual(['GET']);

    const rows = await deliveriesOfPost(t.ctx.db, post.id, 'link');
    expect(rows.map((r) => [r.target_url.replace(/:\d+/, ''), r.state, r.protocol, r.attempts])).toEqual([
      ['http://127.0.0.1/post', 'sent', 'webmention', 1],
      ['http://127.0.0.1/post', 'sent', 'pingback', 1],
      ['http://127.0.0.1/post', 'sent', 'trackback', 1],
      ['http://127.0.0.1/post', 'no_endpoint', null, 1],
    ]);
    expect(rows[0].endpoint).toBe(`${wm.url}/webmention?via=link`);

    // Running the queue again (and an hour later) sends nothing more.
    t.clock.advance(3_600_000);
    await t.app.worker.runUntilIdle();
    expect([posts(wm, '/webmention'), posts(pb, '/xmlrpc'), posts(tb, '/tb')]).toEqual([1, 1, 1]);
  });
});

describe('edits', () => {
  it('pings only a newly added link on an edit', async () => {
    const [a, b] = [keep(await webmentionPeer()), keep(await pingbackPeer())];
    const post = await publish('Edit me', linksTo(`${a.url}/post`));
    await t.app.worker.runUntilIdle();
    await edit(post.id, 'Edit me', linksTo(`${a.url}/post`, `${b.url}/post`));
    await t.app.worker.runUntilIdle();
    await edit(post.id, 'Edit me again', linksTo(`${a.url}/post`, `${b.url}/post`) + '<p>typo fixed</p>');
    await t.app.worker.runUntilIdle();
    expect(posts(a, '/webmention')).toBe(1);
    expect(posts(b, '/xmlrpc')).toBe(1);
  });

  it('sends a Webmention again when its link is removed (and re-added), but not a Pingback', async () => {
    const [wm, pb] = [keep(await webmentionPeer()), keep(await pingbackPeer())];
    const post = await publish('Removal', linksTo(`${wm.url}/post`, `${pb.url}/post`));
    await t.app.worker.runUntilIdle();
    await edit(post.id, 'Removal', '<p>No links now.</p>');
    await t.app.worker.runUntilIdle();
    expect(posts(wm, '/webmention')).toBe(2);
    expect(posts(pb, '/xmlrpc')).toBe(1);
    const rows = await deliveriesOfPost(t.ctx.db, post.id, 'link');
    expect(rows.map((r) => [r.present, r.state])).toEqual([
      [0, 'sent'],
      [0, 'sent'],
    ]);
    await edit(post.id, 'Removal', linksTo(`${wm.url}/post`, `${pb.url}/post`));
    await t.app.worker.runUntilIdle();
    expect(posts(wm, '/webmention')).toBe(3);
    expect(posts(pb, '/xmlrpc')).toBe(1);
  });
});

describe('retries and failures', () => {
  it('retries a 503 after its Retry-After, and only then', async () => {
    const wm = keep(await webmentionPeer((n) => (n === 1 ? { status: 503, headers: { 'retry-after': '120' }, body: 'busy' } : { status: 202 })));
    const post = await publish('Busy peer', linksTo(`${wm.url}/post`));
    await t.app.worker.runUntilIdle();
    const [waiting] = await deliveriesOfPost(t.ctx.db, post.id, 'link');
    expect(waiting.state).toBe('retrying');
    expect(new Date(waiting.next_attempt_at!).getTime() - t.clock.now().getTime()).toBe(120_000);
    t.clock.advance(119_000);
    await t.app.worker.runUntilIdle();
    expect(posts(wm, '/webmention')).toBe(1);
    t.clock.advance(1_000);
    await t.app.worker.runUntilIdle();
    expect(posts(wm, '/webmention')).toBe(2);
    const [done] = await deliveriesOfPost(t.ctx.db, post.id, 'link');
    expect(done).toMatchObject({ state: 'sent', attempts: 2, next_attempt_at: null });
  });

  it('does not retry a final failure, and keeps the reason and the failed job visible', async () => {
    const wm = keep(await webmentionPeer({ status: 400, body: 'Target does not exist' }));
    const post = await publish('Refused', linksTo(`${wm.url}/post`));
    await t.app.worker.runUntilIdle();
    t.clock.advance(86_400_000);
    await t.app.worker.runUntilIdle();
    expect(posts(wm, '/webmention')).toBe(1);
    const [row] = await deliveriesOfPost(t.ctx.db, post.id, 'link');
    expect(row.state).toBe('failed');
    expect(row.last_answer).toMatch(/400/);
    const job = await t.ctx.db.selectFrom('jobs').selectAll().where('id', '=', row.job_id!).executeTakeFirstOrThrow();
    expect(job.status).toBe('failed');
    expect(job.last_error).toMatch(/400/);
  });

  it('treats a refused URL as final and a network failure as worth retrying', async () => {
    const closed = await silentPeer();
    const closedUrl = `${closed.url}/gone`;
    await closed.stop(); // nothing listens there any more: connection refused
    const post = await publish('Bad targets', linksTo('http://user:secret@127.0.0.1:9/x', closedUrl));
    await t.app.worker.runUntilIdle();
    const [refused, down] = await deliveriesOfPost(t.ctx.db, post.id, 'link');
    expect(refused).toMatchObject({ state: 'failed', attempts: 1 });
    expect(refused.last_answer).toMatch(/^bad_url/);
    expect(down).toMatchObject({ state: 'retrying', attempts: 1 });
    expect(down.last_answer).toMatch(/^(network|timeout)/);
    t.clock.advance(3_600_000);
    await t.app.worker.runUntilIdle();
    const [refusedLater, downLater] = await deliveriesOfPost(t.ctx.db, post.id, 'link');
    expect(refusedLater.attempts).toBe(1);
    expect(downLater.attempts).toBe(2);
    await t.ctx.db.updateTable('jobs').set({ status: 'cancelled' }).where('id', '=', downLater.job_id!).execute();
  });

  it('gives up after 8 attempts on a peer that is always down', async () => {
    const wm = keep(await webmentionPeer({ status: 500, body: 'down' }));
    const post = await publish('Always down', linksTo(`${wm.url}/post`));
    for (let i = 0; i < 12; i++) {
      await t.app.worker.runUntilIdle();
      t.clock.advance(86_400_000);
    }
    expect(posts(wm, '/webmention')).toBe(8);
    const [row] = await deliveriesOfPost(t.ctx.db, post.id, 'link');
    expect(row.state).toBe('failed');
    expect(row.last_answer).toMatch(/gave up after 8 attempts/);
  });
});

describe('retry now and skip, through the queue', () => {
  it('sends a failed delivery again once the author presses "retry now", and a skipped one never', async () => {
    let broken = true;
    const wm = keep(await webmentionPeer(() => (broken ? { status: 400, body: 'not yet' } : { status: 202 })));
    const wm2 = keep(await webmentionPeer({ status: 503, headers: { 'retry-after': '3600' } }));
    const post = await publish('Fixed later', linksTo(`${wm.url}/post`, `${wm2.url}/post`));
    await t.app.worker.runUntilIdle();
    const [failed, waiting] = await deliveriesOfPost(t.ctx.db, post.id, 'link');
    expect([failed.state, waiting.state]).toEqual(['failed', 'retrying']);
    broken = false;
    expect((await retryDeliveryNow(t.ctx, author, failed.id)).ok).toBe(true);
    expect((await skipDelivery(t.ctx, author, waiting.id)).ok).toBe(true);
    await t.app.worker.runUntilIdle();
    t.clock.advance(7_200_000);
    await t.app.worker.runUntilIdle();
    expect(posts(wm, '/webmention')).toBe(2);
    expect(posts(wm2, '/webmention')).toBe(1);
    const rows = await deliveriesOfPost(t.ctx.db, post.id, 'link');
    expect(rows.map((r) => r.state)).toEqual(['sent', 'skipped']);
  });
});

describe('private and password-protected posts (issue 13)', () => {
  it('notify no one — links, trackbacks, update services — and the log says why; removing the password sends', async () => {
    const wm = keep(await webmentionPeer());
    const tb = keep(await trackbackPeer());
    const service = keep(await webmentionPeer());
    await saveSettings(t.ctx.db, { update_services: [`${service.url}/rpc`] });
    const locked = await publish('Behind a password', linksTo(`${wm.url}/post`), { password: 'pw', toPing: `${tb.url}/tb` });
    const secret = await publish('Private thoughts', linksTo(`${wm.url}/other`), { status: 'private' });
    await t.app.worker.runUntilIdle();
    expect(wm.requests).toEqual([]);
    expect(tb.requests).toEqual([]);
    expect(service.requests).toEqual([]);
    const rows = [...(await deliveriesOfPost(t.ctx.db, locked.id, 'link')), ...(await deliveriesOfPost(t.ctx.db, locked.id, 'trackback')), ...(await deliveriesOfPost(t.ctx.db, locked.id, 'service'))];
    expect(rows.map((r) => [r.kind, r.state, r.skip_reason])).toEqual([
      ['link', 'skipped', 'protected_post'],
      ['trackback', 'skipped', 'protected_post'],
      ['service', 'skipped', 'protected_post'],
    ]);
    expect(rows[0]!.last_answer).toMatch(/password-protected/);
    // A private post is never scanned: nothing is recorded and nothing sent.
    expect(await deliveriesOfPost(t.ctx.db, secret.id, 'link')).toEqual([]);
    // The password removed, the links and trackbacks go out as for any published post.
    const r = await updatePost(t.ctx, author, locked.id, { title: 'Behind a password', content: linksTo(`${wm.url}/post`), status: 'published', password: '' });
    expect(r.ok).toBe(true);
    await t.app.worker.runUntilIdle();
    expect(posts(wm, '/webmention')).toBe(1);
    expect(posts(tb, '/tb')).toBe(1);
    await saveSettings(t.ctx.db, { update_services: [] });
  });
});
