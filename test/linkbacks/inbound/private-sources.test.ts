// With the guard on (OUTBOUND_ALLOW_PRIVATE off, as in production), a linkback naming a loopback, private
// or metadata address is never fetched, and each door answers exactly as for any other failed fetch
// (linkback-protocols §1.8, §3.6): the endpoints cannot be used to probe a network.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { startPeer, type Peer } from '../../support/peer.js';
import { commentsOf, fixture, freshIp, permalink, publishedPost } from './helpers.js';

describe('private sources with the outbound guard on', () => {
  let t: TestApp;
  let peer: Peer;
  beforeAll(async () => {
    t = await createTestApp({ outboundAllowPrivate: false });
    peer = await startPeer();
  });
  afterAll(async () => {
    await peer.stop();
    await t.close();
  });

  it('refuses them before connecting, with the generic answer of each protocol', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    peer.route('/page', { body: fixture('h-entry.html', target) });
    const port = new URL(peer.url).port;
    const sources = [`${peer.url}/page`, `http://127.1:${port}/page`, 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/admin'];
    const ping = t.app.xmlrpcMethods.get('pingback.ping')!;
    for (const source of sources) {
      t.clock.advance(60_000);
      await expect(ping.handler({ params: [source, target], ip: freshIp(), userAgent: 'x', ctx: t.ctx }), source).rejects.toMatchObject({ faultCode: 16, faultString: 'The source URL could not be fetched.' });
      const tb = await t.app.inject({ method: 'POST', url: `/trackback/${post.id}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `url=${encodeURIComponent(source)}`, remoteAddress: freshIp() });
      expect(tb.body, source).toContain('could not be fetched');
      // The test harness fails non-loopback hosts as network errors before the guard (support/loopback-only.ts),
      // which a Webmention job retries; only loopback sources reach the guard's own refusal here.
      if (!/^http:\/\/127\./.test(source)) continue;
      const wm = await t.app.inject({ method: 'POST', url: '/webmention', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ source, target }).toString(), remoteAddress: freshIp() });
      expect(wm.statusCode, source).toBe(201);
      await t.app.worker.runUntilIdle();
      const status = await t.app.inject({ url: new URL(String(wm.headers.location)).pathname });
      expect(status.body, source).toContain('the source could not be fetched');
    }
    expect(peer.requests).toHaveLength(0);
    expect(await commentsOf(t.ctx, post.id)).toHaveLength(0);
  });
});
