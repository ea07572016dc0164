// TRUST_PROXY (issue 10 point 4): behind one proxy, TRUST_PROXY=1 (or the proxy's address) makes the
// client address the one the proxy appended, the rightmost X-Forwarded-For entry, so a client writing its
// own leftmost entries can neither dodge the login throttle nor the inbound rate limits.
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../src/config.js';
import { MAX_FAILURES_PER_ACCOUNT_AND_IP } from '../src/users/login-throttle.js';
import { createTestApp, createUser, type TestApp } from './support/app.js';
import { sessionCookie } from './admin/form-session.js';

const PROXY = '10.0.0.2';
const CLIENT = '203.0.113.50';
/** What an attacker sends: a fresh made-up address each time, before the one the proxy appends. */
const spoofed = (i: number) => `198.18.${i}.1, 192.0.2.${i + 1}, ${CLIENT}`;

describe('TRUST_PROXY and the client address', () => {
  let t: TestApp;
  afterEach(() => t.close());

  async function failLogin(xff: string) {
    const page = await t.app.inject({ url: '/admin/login', remoteAddress: PROXY, headers: { accept: 'text/html', 'x-forwarded-for': xff } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
    return t.app.inject({
      method: 'POST',
      url: '/admin/login',
      remoteAddress: PROXY,
      headers: { cookie: sessionCookie(page)!, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': xff },
      payload: new URLSearchParams({ username: 'owner', password: 'wrong guess', _csrf: csrf }).toString(),
    });
  }

  const ipsRecorded = async () => (await t.ctx.db.selectFrom('login_failures').select('ip').execute()).map((r) => r.ip);

  for (const [label, trustProxy] of [
    ['a hop count of 1', 1],
    ['the proxy address as a CIDR range', ['10.0.0.0/8']],
  ] as [string, Config['trustProxy']][]) {
    it(`with ${label}, throttles logins by the address the proxy appended`, async () => {
      t = await createTestApp({ trustProxy });
      await createUser(t.ctx, 'admin', 'owner');
      const codes: number[] = [];
      for (let i = 0; i <= MAX_FAILURES_PER_ACCOUNT_AND_IP; i++) codes.push((await failLogin(spoofed(i))).statusCode);
      expect(codes).toEqual([...Array(MAX_FAILURES_PER_ACCOUNT_AND_IP).fill(401), 429]);
      expect(new Set(await ipsRecorded())).toEqual(new Set([CLIENT]));
    });
  }

  it('with a hop count of 1, rate-limits inbound Webmentions by the appended address', async () => {
    t = await createTestApp({ trustProxy: 1 });
    const limit = t.ctx.config.inboundPerIpPerMinute;
    const codes: number[] = [];
    for (let i = 0; i <= limit; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/webmention',
        remoteAddress: PROXY,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': spoofed(i) },
        payload: 'source=not-a-url&target=not-a-url',
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, limit).every((c) => c === 400)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    // Another reader behind the same proxy has an allowance of their own: the limit is not the proxy's.
    const other = await t.app.inject({
      method: 'POST',
      url: '/webmention',
      remoteAddress: PROXY,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.99' },
      payload: 'source=not-a-url&target=not-a-url',
    });
    expect(other.statusCode).toBe(400);
  });

  it('with a hop count, does not believe a client that reaches the server directly from a public address', async () => {
    t = await createTestApp({ trustProxy: 1 });
    await createUser(t.ctx, 'admin', 'owner');
    const page = await t.app.inject({ url: '/admin/login', remoteAddress: '198.51.100.77', headers: { accept: 'text/html' } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
    await t.app.inject({
      method: 'POST',
      url: '/admin/login',
      remoteAddress: '198.51.100.77',
      headers: { cookie: sessionCookie(page)!, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '192.0.2.200' },
      payload: new URLSearchParams({ username: 'owner', password: 'wrong guess', _csrf: csrf }).toString(),
    });
    expect(await ipsRecorded()).toEqual(['198.51.100.77']);
  });

  it('with TRUST_PROXY=true, believes the leftmost entry: the reason the README warns against it', async () => {
    t = await createTestApp({ trustProxy: true });
    await createUser(t.ctx, 'admin', 'owner');
    await failLogin(spoofed(7));
    expect(await ipsRecorded()).toEqual(['198.18.7.1']);
  });

  it('without TRUST_PROXY, ignores X-Forwarded-For and sees the proxy itself', async () => {
    t = await createTestApp({ trustProxy: false });
    await createUser(t.ctx, 'admin', 'owner');
    await failLogin(spoofed(3));
    expect(await ipsRecorded()).toEqual([PROXY]);
  });
});
