// Limits shared by every instance (issue 18 point 5): a sender spreading its requests over two instances on
// one database gets the limit once, not twice: the per-IP count, the source host's budget, the fetch cap,
// the "same ping being verified" guard and the readers' comment limit all live in the database.
import { afterEach, describe, expect, it } from 'vitest';
import { createInstances, type Instances } from '../support/instances.js';
import { startPeer, type Peer } from '../support/peer.js';
import { fixture, freshIp, permalink, publishedPost } from '../linkbacks/inbound/helpers.js';
import { formBody, html } from '../support/public-site.js';
import { limitsFor, LIMITS } from '../../src/linkbacks/inbound/limits.js';
import { XmlRpcFault } from '../../src/xmlrpc/registry.js';
import { commentFormToken } from '../../src/comments/form-token.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let n: Instances | undefined;
let peer: Peer | undefined;
afterEach(async () => {
  await peer?.stop();
  await n?.close();
  n = peer = undefined;
});

async function pingback(n: Instances, i: number, source: string, target: string, ip: string): Promise<'ok' | number> {
  try {
    await n.apps[i].xmlrpcMethods.get('pingback.ping')!.handler({ params: [source, target], ip, userAgent: 'x', ctx: n.ctxs[i] });
    return 'ok';
  } catch (err) {
    if (err instanceof XmlRpcFault) return err.faultCode;
    throw err;
  }
}

describe('one limit for two instances on one database', () => {
  it('counts a client’s requests per minute across both instances (INBOUND_PER_IP_PER_MINUTE)', async () => {
    n = await createInstances(2, { inboundPerIpPerMinute: 6 });
    const answers = [];
    // Junk requests: they count at the door like any other, and are refused with 400 until the limit.
    for (let i = 0; i < 10; i++) answers.push(await n.apps[i % 2].inject({ method: 'POST', url: '/webmention', headers: FORM, payload: 'source=nope&target=nope', remoteAddress: '203.0.113.9' }));
    expect(answers.map((a) => a.statusCode)).toEqual([400, 400, 400, 400, 400, 400, 429, 429, 429, 429]);
    expect(answers[6].headers['retry-after']).toBe('60');
    n.clock.advance(LIMITS.windowMs);
    expect((await n.apps[1].inject({ method: 'POST', url: '/webmention', headers: FORM, payload: 'source=nope&target=nope', remoteAddress: '203.0.113.9' })).statusCode).toBe(400);
    // A burst sent to both at once: the count is one atomic upsert, so exactly the limit gets through.
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => n!.apps[i % 2].inject({ method: 'POST', url: '/webmention', headers: FORM, payload: 'source=nope&target=nope', remoteAddress: '203.0.113.10' })));
    expect(burst.filter((a) => a.statusCode === 400)).toHaveLength(6);
  });

  it('spends a source host’s budget once, whichever instance verified its pings', async () => {
    n = await createInstances(2, { inboundPerSourceHostPerMinute: 5, inboundPerIpPerMinute: 1000 });
    peer = await startPeer();
    const post = await publishedPost(n.ctxs[0]);
    const target = permalink(n.ctxs[0], post);
    const answers = [];
    for (let i = 0; i < 8; i++) {
      peer.route(`/real-${i}`, { body: fixture('h-entry.html', target) });
      answers.push(await pingback(n, i % 2, `${peer.url}/real-${i}`, target, freshIp()));
    }
    expect(answers).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 49, 49, 49]);
    const stored = () => n!.ctxs[1].db.selectFrom('comments').select('id').where('post_id', '=', post.id).execute();
    expect(await stored()).toHaveLength(5);
    // A burst from one sender to both at once, the next minute: its slots are reserved one statement each.
    n.clock.advance(LIMITS.windowMs);
    for (let i = 10; i < 22; i++) peer.route(`/real-${i}`, { body: fixture('h-entry.html', target) });
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => pingback(n!, i % 2, `${peer!.url}/real-${i + 10}`, target, '198.51.100.200')));
    expect(burst.filter((a) => a === 'ok')).toHaveLength(5);
    expect(await stored()).toHaveLength(10);
  });

  it('holds the verification-fetch cap across instances, and the guard for a ping being verified', async () => {
    n = await createInstances(2);
    peer = await startPeer();
    const post = await publishedPost(n.ctxs[0]);
    const target = permalink(n.ctxs[0], post);
    peer.route('/real', { body: fixture('h-entry.html', target) });
    // Instance 0 is verifying LIMITS.fetchesInFlight sources: instance 1 has no slot left.
    const slots = [];
    for (let i = 0; i < LIMITS.fetchesInFlight; i++) slots.push(await limitsFor(n.ctxs[0]).acquireFetch());
    expect(await pingback(n, 1, `${peer.url}/real`, target, freshIp())).toBe(50);
    await limitsFor(n.ctxs[0]).releaseFetch(slots[0]!);
    // Instance 0 is verifying this very ping: instance 1 answers it is being registered already.
    const verifying = await limitsFor(n.ctxs[0]).beginVerifying(post.id, `${peer.url}/real`);
    expect(await pingback(n, 1, `${peer.url}/real`, target, freshIp())).toBe(48);
    await limitsFor(n.ctxs[0]).endVerifying(verifying!);
    expect(await pingback(n, 1, `${peer.url}/real`, target, freshIp())).toBe('ok');
  });

  it('limits a reader to 10 comment submissions a minute across both instances, with Retry-After', async () => {
    n = await createInstances(2);
    const post = await publishedPost(n.ctxs[0]);
    const codes = [];
    let last;
    for (let i = 0; i < 12; i++) {
      last = await n.apps[i % 2].inject({ method: 'POST', url: '/comments', remoteAddress: '192.0.2.77', headers: { ...html, ...FORM }, payload: formBody({ post_id: String(post.id), form_token: commentFormToken(n.ctxs[0].config.sessionSecret, post.id), author: 'A', email: 'a@example.org', content: '' }) });
      codes.push(last.statusCode);
    }
    expect(codes).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 429, 429]);
    expect(last!.headers['retry-after']).toBe('60');
    n.clock.advance(60_000);
    const next = await n.apps[0].inject({ method: 'POST', url: '/comments', remoteAddress: '192.0.2.77', headers: { ...html, ...FORM }, payload: formBody({ post_id: String(post.id), form_token: commentFormToken(n.ctxs[0].config.sessionSecret, post.id), author: 'A', email: 'a@example.org', content: '' }) });
    expect(next.statusCode).toBe(400);
  });
});
