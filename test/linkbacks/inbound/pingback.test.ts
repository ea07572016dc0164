// pingback.ping and getPingbacks (PB §3, linkback-protocols §1.5–1.9) against real loopback source pages.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { startPeer, type Peer } from '../../support/peer.js';
import { useAppWithPeer } from '../../support/app-with-peer.js';
import { XmlRpcFault } from '../../../src/xmlrpc/registry.js';
import { saveSettings } from '../../../src/settings/repository.js';
import { commentsOf, fixture, freshIp, insertLinkback, permalink, publishedPost } from './helpers.js';

describe('pingback.ping', () => {
  const env = useAppWithPeer();
  let t: TestApp;
  let peer: Peer;
  beforeAll(() => ({ t, peer } = env));
  beforeEach(() => t.clock.advance(120_000));

  async function ping(source: unknown, target: unknown, ip = freshIp(), extra: unknown[] = []) {
    const method = t.app.xmlrpcMethods.get('pingback.ping')!;
    try {
      return { value: await method.handler({ params: [source, target, ...extra], ip, userAgent: 'TestPinger/1.0', ctx: t.ctx }) };
    } catch (err) {
      if (err instanceof XmlRpcFault) return { fault: err.faultCode, message: err.faultString };
      throw err;
    }
  }

  it('registers a verified pingback as one pending comment with title, excerpt, IP and user agent', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    peer.route('/reply', { body: fixture('h-entry.html', target) });
    const result = await ping(`${peer.url}/reply`, target, '198.51.100.7');
    expect(typeof result.value).toBe('string');
    const [c] = await commentsOf(t.ctx, post.id);
    expect(c).toMatchObject({ kind: 'pingback', status: 'pending', source_url: `${peer.url}/reply`, target_url: target, title: 'A reply about linkbacks', ip: '198.51.100.7', user_agent: 'TestPinger/1.0', verification_state: 'verified' });
    expect(c.excerpt).toContain('this post on Backtalk');
    expect(c.excerpt).toContain('I think that');
    expect(c.excerpt).not.toContain('opening paragraph');
    expect(c.excerpt!.length).toBeLessThanOrEqual(255);
    const fetched = peer.received('GET', '/reply').at(-1)!;
    expect(fetched.headers['x-pingback-forwarded-for']).toBe('198.51.100.7');
  });

  it('answers 48 for the same source and target twice, without a second comment', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    peer.route('/twice', { body: fixture('title-only.html', target) });
    expect((await ping(`${peer.url}/twice`, target)).value).toBeTypeOf('string');
    t.clock.advance(60_000);
    expect((await ping(`${peer.url}/twice`, target)).fault).toBe(48);
    expect(await commentsOf(t.ctx, post.id)).toHaveLength(1);
  });

  it('maps the target with or without slash, with a fragment, over https, by an old slug and by ?p=ID', async () => {
    const post = await publishedPost(t.ctx, { slug: 'current-slug' });
    await t.ctx.db.insertInto('old_slugs').values({ post_id: post.id, slug: 'former-slug', created_at: t.clock.now().toISOString() }).execute();
    const base = permalink(t.ctx, post);
    const forms = [base.replace(/\/$/, ''), `${base}#comment-5`, base.replace('http://', 'https://'), base.replace('current-slug', 'former-slug'), `http://blog.test/?p=${post.id}`];
    for (const [i, target] of forms.entries()) {
      peer.route(`/form-${i}`, { body: fixture('og-only.html', target) });
      t.clock.advance(16_000); // past the moderation rules' 15 s flood window for one source host
      const r = await ping(`${peer.url}/form-${i}`, target);
      expect(r, target).toHaveProperty('value');
    }
    const comments = await commentsOf(t.ctx, post.id);
    expect(comments).toHaveLength(5);
    expect(comments[0].title).toBe('The OG title');
  });

  it('gives 17 when the source does not link (plain text and commented-out links do not count)', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    peer.route('/nolink', { body: fixture('no-link.html', target) });
    expect(await ping(`${peer.url}/nolink`, target)).toMatchObject({ fault: 17 });
    expect(await commentsOf(t.ctx, post.id)).toHaveLength(0);
  });

  it('gives one generic 16 for every failure to fetch the source', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    peer.route('/missing', { status: 404, body: fixture('h-entry.html', target) });
    peer.route('/error', { status: 500, body: 'oops' });
    peer.route('/huge', { body: fixture('h-entry.html', target) + 'x'.repeat(1_100_000) });
    const closedPort = await startPeer();
    const deadUrl = `${closedPort.url}/gone`;
    await closedPort.stop();
    const answers = [await ping(`${peer.url}/missing`, target), await ping(`${peer.url}/error`, target), await ping(`${peer.url}/huge`, target), await ping(deadUrl, target)];
    for (const a of answers) expect(a).toEqual({ fault: 16, message: 'The source URL could not be fetched.' });
    expect(await commentsOf(t.ctx, post.id)).toHaveLength(0);
  });

  it('gives 32 for a permalink with no post, 33 for a page that is not a post or not ours, 0 for source = target', async () => {
    const post = await publishedPost(t.ctx);
    const draft = await publishedPost(t.ctx, { status: 'draft' });
    const source = `${peer.url}/whatever`;
    expect((await ping(source, 'http://blog.test/2026/01/15/no-such-post/')).fault).toBe(32);
    expect((await ping(source, permalink(t.ctx, draft))).fault).toBe(32);
    expect((await ping(source, 'http://blog.test/')).fault).toBe(33);
    expect((await ping(source, 'http://blog.test/2026/01/')).fault).toBe(33);
    expect((await ping(source, 'http://other.example/2026/01/15/x/')).fault).toBe(33);
    expect((await ping(source, 'not a url')).fault).toBe(33);
    expect((await ping('javascript:alert(1)', permalink(t.ctx, post))).fault).toBe(16);
    expect((await ping(permalink(t.ctx, post), `${permalink(t.ctx, post)}#x`)).fault).toBe(0);
    expect(peer.received('GET', '/whatever')).toHaveLength(0);
  });

  it('gives 49 when pings are closed, closed by age, or the source host is blocked', async () => {
    const closed = await publishedPost(t.ctx, { ping_status: 'closed' });
    const old = await publishedPost(t.ctx, { published_at: new Date(t.clock.now().getTime() - 30 * 86_400_000).toISOString() });
    const open = await publishedPost(t.ctx);
    const source = `${peer.url}/src`;
    expect((await ping(source, permalink(t.ctx, closed))).fault).toBe(49);
    await saveSettings(t.ctx.db, { close_comments_for_old_posts: true, close_comments_days_old: 14 });
    expect((await ping(source, permalink(t.ctx, old))).fault).toBe(49);
    await saveSettings(t.ctx.db, { close_comments_for_old_posts: false, blocked_source_hosts: ['127.0.0.1'] });
    expect((await ping(source, permalink(t.ctx, open))).fault).toBe(49);
    await saveSettings(t.ctx.db, { blocked_source_hosts: [] });
    expect(peer.received('GET', '/src')).toHaveLength(0);
  });

  it('refuses a wrong parameter count or type with -32602', async () => {
    const post = await publishedPost(t.ctx);
    expect((await ping(`${peer.url}/a`, permalink(t.ctx, post), freshIp(), ['extra'])).fault).toBe(-32602);
    expect((await ping(42, permalink(t.ctx, post))).fault).toBe(-32602);
  });

  it('rate-limits a flood from one IP with 49', async () => {
    const post = await publishedPost(t.ctx);
    const ip = '198.51.100.99';
    const faults: number[] = [];
    for (let i = 0; i < 25; i++) faults.push((await ping(`${peer.url}/flood-${i}`, 'http://blog.test/', ip)).fault as number);
    expect(faults.slice(0, 20).every((f) => f === 33)).toBe(true);
    expect(faults.slice(20)).toEqual([49, 49, 49, 49, 49]);
    t.clock.advance(61_000);
    expect((await ping(`${peer.url}/after`, 'http://blog.test/', ip)).fault).toBe(33);
    void post;
  });
});

describe('pingback.extensions.getPingbacks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists the approved sources of that post only', async () => {
    const post = await publishedPost(t.ctx);
    const other = await publishedPost(t.ctx);
    await insertLinkback(t.ctx, post.id, { source_url: 'https://a.example/1' });
    await insertLinkback(t.ctx, post.id, { source_url: 'https://b.example/2', status: 'pending' });
    await insertLinkback(t.ctx, post.id, { source_url: 'https://c.example/3', status: 'spam' });
    await insertLinkback(t.ctx, other.id, { source_url: 'https://d.example/4' });
    const method = t.app.xmlrpcMethods.get('pingback.extensions.getPingbacks')!;
    const call = (params: unknown[]) => method.handler({ params, ip: '1.2.3.4', userAgent: '', ctx: t.ctx });
    expect(await call([permalink(t.ctx, post)])).toEqual(['https://a.example/1']);
    await expect(call(['http://blog.test/2026/01/15/nothing-here/'])).rejects.toMatchObject({ faultCode: 32 });
    await expect(call(['http://blog.test/about'])).rejects.toMatchObject({ faultCode: 33 });
    await expect(call([])).rejects.toMatchObject({ faultCode: -32602 });
  });
});
