// pingback.ping through the real /xmlrpc route: the spec's answers and faults on the wire (HTTP 200, one
// <string> or a fault), the fetch cap (fault 50), an XML bomb, a 10 MB body, and Python's xmlrpc.client.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { startPeer, type Peer } from '../../support/peer.js';
import { useAppWithPeer } from '../../support/app-with-peer.js';
import { decodeMethodResponse, encodeMethodCall } from '../../../src/xmlrpc/codec.js';
import { commentsOf, fixture, freshIp, permalink, publishedPost } from './helpers.js';

const run = promisify(execFile);

describe('pingback over /xmlrpc', () => {
  const env = useAppWithPeer();
  let t: TestApp;
  let peer: Peer;
  beforeAll(() => ({ t, peer } = env));
  beforeEach(() => t.clock.advance(120_000));

  async function call(method: string, params: unknown[], ip = freshIp()) {
    const res = await t.app.inject({ method: 'POST', url: '/xmlrpc', headers: { 'content-type': 'text/xml' }, payload: encodeMethodCall(method, params), remoteAddress: ip });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/xml');
    return decodeMethodResponse(res.body);
  }

  it('registers a pingback and answers with one string', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    peer.route('/wire', { body: fixture('h-entry.html', target) });
    const answer = await call('pingback.ping', [`${peer.url}/wire`, target]);
    expect(answer.fault).toBeNull();
    expect(answer).toMatchObject({ value: expect.stringContaining('registered') });
    expect(await commentsOf(t.ctx, post.id)).toHaveLength(1);
  });

  it('carries each fault code in an HTTP 200 fault response', async () => {
    const post = await publishedPost(t.ctx);
    const closed = await publishedPost(t.ctx, { ping_status: 'closed' });
    const target = permalink(t.ctx, post);
    peer.route('/linked', { body: fixture('og-only.html', target) });
    peer.route('/unlinked', { body: fixture('no-link.html', target) });
    peer.route('/broken', { status: 500, body: 'no' });
    const codes: Array<[unknown[], number]> = [
      [[`${peer.url}/broken`, target], 16],
      [[`${peer.url}/unlinked`, target], 17],
      [[`${peer.url}/linked`, 'http://blog.test/2020/01/01/gone/'], 32],
      [[`${peer.url}/linked`, 'http://blog.test/feed/'], 33],
      [[`${peer.url}/linked`, permalink(t.ctx, closed)], 49],
      [[target, target], 0],
      [[`${peer.url}/linked`], -32602],
      [[`${peer.url}/linked`, target, 'third'], -32602],
      [[1, 2], -32602],
    ];
    for (const [params, code] of codes) {
      t.clock.advance(16_000);
      expect(await call('pingback.ping', params), JSON.stringify(params)).toMatchObject({ fault: { code } });
    }
    expect((await call('pingback.ping', [`${peer.url}/linked`, target])).fault).toBeNull();
    t.clock.advance(16_000);
    expect(await call('pingback.ping', [`${peer.url}/linked`, target])).toMatchObject({ fault: { code: 48 } });
    expect(await commentsOf(t.ctx, post.id)).toHaveLength(1);
  });

  it('lists pingback.ping and getPingbacks in system.listMethods', async () => {
    const answer = await call('system.listMethods', []);
    expect(answer).toMatchObject({ value: expect.arrayContaining(['pingback.ping', 'pingback.extensions.getPingbacks']) });
  });

  it('answers 50 once 8 verification fetches are in flight', async () => {
    const posts = await Promise.all(Array.from({ length: 9 }, () => publishedPost(t.ctx)));
    const slow = await startPeer();
    try {
      for (const [i, p] of posts.entries()) slow.route(`/slow-${i}`, { delayMs: i < 8 ? 400 : 0, body: fixture('title-only.html', permalink(t.ctx, p)) });
      const first8 = posts.slice(0, 8).map((p, i) => call('pingback.ping', [`${slow.url}/slow-${i}`, permalink(t.ctx, p)]));
      while (slow.inFlight < 8) await new Promise((r) => setTimeout(r, 5));
      expect(await call('pingback.ping', [`${slow.url}/slow-8`, permalink(t.ctx, posts[8])])).toMatchObject({ fault: { code: 50 } });
      const results = await Promise.all(first8);
      expect(results.filter((r) => r.fault === null).length).toBeGreaterThan(0);
      expect(slow.maxInFlight).toBe(8);
      expect(slow.received('GET', '/slow-8')).toHaveLength(0);
    } finally {
      await slow.stop();
    }
  });

  it('refuses an XML bomb before parsing and keeps answering', async () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<methodCall><methodName>pingback.ping</methodName><params><param><value><string>&lol9;</string></value></param><param><value><string>x</string></value></param></params></methodCall>`;
    const res = await t.app.inject({ method: 'POST', url: '/xmlrpc', headers: { 'content-type': 'text/xml' }, payload: bomb });
    expect(res.statusCode).toBeLessThan(500);
    expect(res.body).not.toContain('lollollol');
    if (res.statusCode === 200) expect((await decodeMethodResponse(res.body)).fault).not.toBeNull();
    expect((await call('system.listMethods', [])).fault).toBeNull();
  });

  it('refuses a 10 MB body with 413 and keeps answering', async () => {
    const huge = encodeMethodCall('pingback.ping', ['x'.repeat(10 * 1024 * 1024), 'y']);
    const res = await t.app.inject({ method: 'POST', url: '/xmlrpc', headers: { 'content-type': 'text/xml' }, payload: huge });
    expect(res.statusCode).toBe(413);
    expect((await call('system.listMethods', [])).fault).toBeNull();
  });

  it('rate-limits a flood of pings from one IP with fault 49', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 23; i++) {
      const a = await call('pingback.ping', [`https://s${i}.example/`, 'http://blog.test/'], '198.51.100.200');
      codes.push(a.fault ? a.fault.code : -1);
    }
    expect(codes.slice(0, 20).every((c) => c === 33)).toBe(true);
    expect(codes.slice(20)).toEqual([49, 49, 49]);
  });
});

describe('pingback.ping from Python xmlrpc.client', () => {
  let t: TestApp;
  let peer: Peer;
  let base = '';
  beforeAll(async () => {
    t = await createTestApp();
    peer = await startPeer();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await peer.stop();
    await t.close();
  });

  const script = `
import sys, json, xmlrpc.client
proxy = xmlrpc.client.ServerProxy(sys.argv[1])
out = []
for source, target in zip(sys.argv[2::2], sys.argv[3::2]):
    try:
        out.append({"ok": proxy.pingback.ping(source, target)})
    except xmlrpc.client.Fault as f:
        out.append({"fault": f.faultCode, "message": f.faultString})
print(json.dumps(out))
`;

  it('gets a string for a good ping, and faults 48 and 17 as the library raises them', async () => {
    const post = await publishedPost(t.ctx);
    const target = permalink(t.ctx, post);
    peer.route('/py', { body: fixture('h-entry.html', target) });
    peer.route('/py-nolink', { body: fixture('no-link.html', target) });
    const { stdout } = await run('python3', ['-c', script, `${base}/xmlrpc`, `${peer.url}/py`, target, `${peer.url}/py`, target, `${peer.url}/py-nolink`, target], { timeout: 20_000 });
    const answers = JSON.parse(stdout);
    expect(answers[0].ok).toContain('registered');
    expect(answers[1]).toMatchObject({ fault: 48 });
    expect(answers[2]).toMatchObject({ fault: 17 });
    const [c] = await commentsOf(t.ctx, post.id);
    expect(c).toMatchObject({ kind: 'pingback', status: 'pending', ip: '127.0.0.1', title: 'A reply about linkbacks' });
    expect(c.user_agent).toContain('Python-xmlrpc');
  });
});
