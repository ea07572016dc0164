// Inbound floods (issue 11 point 4), on loopback source peers: with the shipped limits every ping answered
// "accepted" ends stored, the rest are refused at the door with their reason; and junk that names a real blog
// as its source does not spend that blog's budget for its real pings.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { startPeer, type Peer } from '../../support/peer.js';
import { XmlRpcFault } from '../../../src/xmlrpc/registry.js';
import { commentsOf, fixture, freshIp, permalink, publishedPost } from './helpers.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
// The shipped defaults of INBOUND_PER_SOURCE_HOST_PER_MINUTE and INBOUND_PER_IP_PER_MINUTE (.env.example).
const SHIPPED = { inboundPerSourceHostPerMinute: 30, inboundPerIpPerMinute: 60 };

let t: TestApp | undefined;
let peer: Peer | undefined;
afterEach(async () => {
  await peer?.stop();
  await t?.close();
  peer = t = undefined;
});

async function setUp(overrides: Partial<typeof SHIPPED>) {
  t = await createTestApp(overrides);
  peer = await startPeer();
  const post = await publishedPost(t.ctx);
  const target = permalink(t.ctx, post);
  // Every /real-N page links to the post; every /junk-N page exists but does not.
  for (let i = 0; i < 60; i++) {
    peer.route(`/real-${i}`, { body: fixture('h-entry.html', target) });
    peer.route(`/junk-${i}`, { body: fixture('no-link.html', target) });
  }
  return { app: t, peer, post, target };
}

const webmention = (t: TestApp, source: string, target: string, ip: string) =>
  t.app.inject({ method: 'POST', url: '/webmention', headers: FORM, payload: new URLSearchParams({ source, target }).toString(), remoteAddress: ip });

async function pingback(t: TestApp, source: string, target: string, ip: string): Promise<{ ok: true } | { fault: number; message: string }> {
  try {
    await t.app.xmlrpcMethods.get('pingback.ping')!.handler({ params: [source, target], ip, userAgent: 'x', ctx: t.ctx });
    return { ok: true };
  } catch (err) {
    if (err instanceof XmlRpcFault) return { fault: err.faultCode, message: err.faultString };
    throw err;
  }
}

describe('inbound floods at the shipped limits', () => {
  it('stores every Webmention it answered 201, and refuses the rest at the door with 429 and a reason', async () => {
    const { app, peer, post, target } = await setUp(SHIPPED);
    const answers = [];
    for (let i = 0; i < 45; i++) answers.push(await webmention(app, `${peer.url}/real-${i}`, target, '198.51.100.60'));
    const accepted = answers.filter((a) => a.statusCode === 201);
    const refused = answers.filter((a) => a.statusCode !== 201);
    expect(accepted.length).toBe(SHIPPED.inboundPerSourceHostPerMinute);
    for (const r of refused) {
      expect(r.statusCode).toBe(429);
      expect(r.headers['retry-after']).toBe('60');
      expect(r.body).toMatch(/Too many linkbacks from this source site/);
    }
    await app.app.worker.runUntilIdle();
    const stored = await commentsOf(app.ctx, post.id);
    expect(stored).toHaveLength(accepted.length);
    for (const a of accepted) {
      const page = await app.app.inject({ url: new URL(a.headers.location as string).pathname });
      expect(page.body).toContain('Verified, and waiting for moderation.');
    }
    // The budget is spent by what was verified: the next one is refused at the door, not dropped later.
    const after = await webmention(app, `${peer.url}/real-50`, target, freshIp());
    expect(after.statusCode).toBe(429);
  });

  it('answers pingbacks within the budget and refuses the rest at the door, never after storing', async () => {
    const { app, peer, post, target } = await setUp(SHIPPED);
    const results = [];
    for (let i = 0; i < 40; i++) results.push(await pingback(app, `${peer.url}/real-${i}`, target, freshIp()));
    const ok = results.filter((r) => 'ok' in r).length;
    expect(await commentsOf(app.ctx, post.id)).toHaveLength(ok);
    for (const r of results.slice(ok)) expect(r).toMatchObject({ fault: 49, message: expect.stringMatching(/Too many linkbacks from this source site/) });
    expect(ok).toBeGreaterThan(0);
    expect(results.slice(0, ok).every((r) => 'ok' in r)).toBe(true);
  });
});

describe('a flood of junk naming a real blog as its source', () => {
  it('does not spend that blog’s budget: its real pings are still taken, up to the budget of verified ones', async () => {
    const { app, peer, post, target } = await setUp({ inboundPerSourceHostPerMinute: 10, inboundPerIpPerMinute: 1000 });
    const junkPingbacks = [];
    for (let i = 0; i < 30; i++) junkPingbacks.push(await pingback(app, `${peer.url}/junk-${i}`, target, '203.0.113.66'));
    expect(junkPingbacks.every((r) => 'fault' in r && r.fault === 17)).toBe(true);
    // Junk Webmentions waiting in the queue hold slots under the junk sender's address only.
    const junkMentions = [];
    for (let i = 30; i < 60; i++) junkMentions.push((await webmention(app, `${peer.url}/junk-${i}`, target, '203.0.113.67')).statusCode);
    expect(junkMentions.filter((s) => s === 201)).toHaveLength(10);
    expect(junkMentions.filter((s) => s === 429)).toHaveLength(20);

    const real = [];
    for (let i = 0; i < 11; i++) real.push(await pingback(app, `${peer.url}/real-${i}`, target, '198.51.100.61'));
    expect(real.slice(0, 10).every((r) => 'ok' in r)).toBe(true);
    expect(real[10]).toMatchObject({ fault: 49 });
    await app.app.worker.runUntilIdle();
    expect(await commentsOf(app.ctx, post.id)).toHaveLength(10);
  });
});
