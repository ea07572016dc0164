// Issue 19 point 4 end to end: a reply (and a like, and a repost) written in the editor, published through
// the admin form, is sent through the outbound queue to a loopback receiver on 127.0.0.1 that advertises a
// Webmention endpoint (or Pingback), fetches our page as any receiver would and reads it with its mf2 parser
// (microformats-parser and post-type discovery, as src/linkbacks/inbound/mf2.ts runs them) as a reply to, a
// like of, a repost of its page. The content itself links nowhere: the response field alone makes the target.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mf2 } from 'microformats-parser';
import { createTestApp, createUser, type TestApp } from '../../support/app.js';
import { signIn, type SignedIn } from '../../support/session.js';
import { startPeer, type Peer } from '../../support/peer.js';
import { saveSettings } from '../../../src/settings/repository.js';
import { readSemantic } from '../../../src/linkbacks/inbound/mf2.js';
import { deliveriesOfPost } from '../../../src/linkbacks/outbound/repository.js';
import { findPostById } from '../../../src/posts/repository.js';
import { XMLRPC_OK, form } from './peers.js';

interface Heard {
  source: string;
  target: string;
  /** What the receiver's parser made of our page: post-type discovery's kind. */
  kind: string | null;
  /** The raw mf2 property naming the target, as the receiver's parser read it. */
  names: string[];
}

/** A receiver blog: its page advertises a Webmention endpoint; a Webmention is verified by fetching the source. */
async function receiver(heard: Heard[]): Promise<Peer> {
  const peer = await startPeer();
  peer.route('GET /post', { headers: { link: '</webmention>; rel="webmention"' }, body: '<!doctype html><title>A post elsewhere</title><article class="h-entry"><h1 class="p-name">Herons</h1></article>' });
  peer.route('POST /webmention', async (req) => {
    const { source, target } = form(req.body);
    heard.push(await readAsReceiver(source, target));
    return { status: 202, body: 'Accepted' };
  });
  return peer;
}

async function readAsReceiver(source: string, target: string): Promise<Heard> {
  const page = await (await fetch(source)).text();
  const doc = mf2(page, { baseUrl: source }) as unknown as { items: { type: string[]; properties: Record<string, { value?: string }[]> }[] };
  const entry = doc.items.find((i) => i.type.includes('h-entry'));
  const names = Object.entries(entry?.properties ?? {})
    .filter(([, values]) => values.some((v) => (typeof v === 'string' ? v : v?.value) === target))
    .map(([name]) => name);
  return { source, target, kind: readSemantic(page, source, target, 500)?.type ?? null, names };
}

describe('replies, likes and reposts written in the editor reach the page they answer', () => {
  let t: TestApp;
  let s: SignedIn;
  let base: string;
  const heard: Heard[] = [];
  let peer: Peer;
  const formHeaders = () => ({ ...s.headers, 'content-type': 'application/x-www-form-urlencoded' });
  // What a browser sends for the editor's form (views/admin/post-edit.eta), "Attempt to notify" ticked as by default.
  const editorForm = (fields: Record<string, string>) => s.form({ title: '', slug: '', content: '', excerpt: '', status: 'draft', date: '', allow_comments: '1', allow_pings: '1', notify_links: '1', to_ping: '', featured_media_id: '', format: 'html', in_reply_to: '', like_of: '', repost_of: '', ...fields });
  const save = (url: string, fields: Record<string, string>) => t.app.inject({ method: 'POST', url, headers: formHeaders(), payload: editorForm(fields) });
  const savedId = (location: string | undefined) => Number(/\/admin\/posts\/(\d+)\/edit$/.exec(location ?? '')?.[1]);

  beforeAll(async () => {
    t = await createTestApp();
    base = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
    await saveSettings(t.ctx.db, { site_url: base });
    s = await signIn(t, await createUser(t.ctx, 'admin', 'hilda'));
    peer = await receiver(heard);
  });
  afterAll(async () => {
    await peer?.stop();
    await t?.close();
  });

  it('publishes a reply; the receiver gets one Webmention and reads our page as a reply to its post', async () => {
    const target = `${peer.url}/post`;
    const res = await save('/admin/posts', { title: 'Patience', content: '<p>Agreed: herons are patient.</p>', in_reply_to: target, action: 'publish' });
    expect(res.statusCode).toBe(303);
    const post = (await findPostById(t.ctx.db, savedId(res.headers.location)))!;
    expect(post).toMatchObject({ status: 'published', in_reply_to: target, like_of: '', repost_of: '' });
    await t.app.worker.runUntilIdle();

    expect(heard).toEqual([{ source: `${base}/2026/01/15/patience/`, target, kind: 'reply', names: ['in-reply-to'] }]);
    const [delivery] = await deliveriesOfPost(t.ctx.db, post.id, 'link');
    expect(delivery).toMatchObject({ target_url: target, state: 'sent', protocol: 'webmention' });
    // The editor reopens with the address in its field.
    const edit = await t.app.inject({ url: `/admin/posts/${post.id}/edit`, headers: s.headers });
    expect(edit.body).toContain(`id="in_reply_to" name="in_reply_to" type="url" value="${target}"`);
  });

  it('saves a like as a draft (nothing sent), then publishes it with Update: the receiver reads a like', async () => {
    heard.length = 0;
    const target = `${peer.url}/post?photo=1`;
    peer.route('GET /post?photo=1', { headers: { link: '</webmention>; rel="webmention"' }, body: '<!doctype html><title>A photo</title>' });
    const draft = await save('/admin/posts', { title: 'Lovely', content: '<p>What a heron.</p>', like_of: target, action: 'draft' });
    expect(draft.statusCode).toBe(303);
    const id = savedId(draft.headers.location);
    await t.app.worker.runUntilIdle();
    expect(heard).toEqual([]);
    // "Links in this post" lists it before publishing, as the scan will see it.
    const preview = await t.app.inject({ url: `/admin/posts/${id}/link-preview`, headers: s.headers });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain(target.replace('&', '&amp;'));

    const published = await save(`/admin/posts/${id}`, { title: 'Lovely', content: '<p>What a heron.</p>', like_of: target, status: 'published', action: 'update' });
    expect(published.statusCode).toBe(303);
    await t.app.worker.runUntilIdle();
    expect(heard).toEqual([{ source: `${base}/2026/01/15/lovely/`, target, kind: 'like', names: ['like-of'] }]);
  });

  it('sends a repost by Pingback to a receiver that advertises only Pingback', async () => {
    const pingback = await startPeer();
    try {
      pingback.route('GET /story', (_req, p) => ({ headers: { 'x-pingback': `${p.url}/xmlrpc` }, body: '<!doctype html><title>Story</title>' }));
      pingback.route('POST /xmlrpc', { headers: { 'content-type': 'text/xml' }, body: XMLRPC_OK });
      const target = `${pingback.url}/story`;
      const res = await save('/admin/posts', { title: 'Worth reading', content: '<p>Read this.</p>', repost_of: target, action: 'publish' });
      expect(res.statusCode).toBe(303);
      await t.app.worker.runUntilIdle();
      const calls = pingback.received('POST', '/xmlrpc');
      expect(calls).toHaveLength(1);
      expect(calls[0].body).toContain('<methodName>pingback.ping</methodName>');
      expect(calls[0].body).toContain(`<string>${base}/2026/01/15/worth-reading/</string>`);
      expect(calls[0].body).toContain(`<string>${target}</string>`);
      // And the page the Pingback names says it is a repost of the target.
      expect((await readAsReceiver(`${base}/2026/01/15/worth-reading/`, target)).kind).toBe('repost');
    } finally {
      await pingback.stop();
    }
  });

  it('refuses an address that is not http(s) with a 400 in the editor, keeping everything typed, and saves nothing', async () => {
    const before = await t.ctx.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await save('/admin/posts', { title: 'Half-typed', content: '<p>Kept text.</p>', in_reply_to: 'javascript:alert(1)', like_of: 'example.com/no-scheme', action: 'publish' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('The post was not saved.');
    expect(res.body).toContain('In reply to must be an absolute http:// or https:// address');
    expect(res.body).toContain('value="javascript:alert(1)"');
    expect(res.body).toContain('value="example.com/no-scheme"');
    expect(res.body).toContain('value="Half-typed"');
    expect(res.body).toContain('Kept text.');
    const after = await t.ctx.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
