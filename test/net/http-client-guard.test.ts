// The SSRF guard inside the real client, with OUTBOUND_ALLOW_PRIVATE off: refusals happen before any
// connection (no undici connect is even attempted for literals; names are refused inside the connect-time
// lookup, before a socket dials), and every redirect hop is judged again. Only loopback is ever dialled here.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LookupAddress } from 'node:dns';
import { createHttpClient } from '../../src/net/http-client.js';
import { HttpError } from '../../src/net/types.js';
import { startPeer, type Peer } from '../support/peer.js';

const site = { outboundAllowPrivate: false, siteUrl: 'http://blog.test' };
let allowedPeer: Peer;
let victim: Peer;
const connects: string[] = [];
const onBeforeConnect = (m: unknown) => {
  const p = (m as { connectParams: { hostname: string; port: string } }).connectParams;
  connects.push(`${p.hostname}:${p.port}`);
};
const connected: string[] = [];
const onConnected = (m: unknown) => connected.push((m as { connectParams: { hostname: string } }).connectParams.hostname);

beforeAll(async () => {
  allowedPeer = await startPeer();
  victim = await startPeer({ '/': { body: 'secret' } });
  subscribe('undici:client:beforeConnect', onBeforeConnect);
  subscribe('undici:client:connected', onConnected);
});
afterAll(async () => {
  unsubscribe('undici:client:beforeConnect', onBeforeConnect);
  unsubscribe('undici:client:connected', onConnected);
  await allowedPeer.stop();
  await victim.stop();
});
beforeEach(() => {
  connects.length = 0;
  connected.length = 0;
});
afterEach(() => {
  expect(victim.requests).toHaveLength(0);
});

async function kindOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(HttpError);
  return (err as HttpError).kind;
}

describe('IP literals are refused before connecting', () => {
  const http = createHttpClient(site);
  afterAll(() => http.close());

  it.each([
    'http://127.0.0.1/', 'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/', 'http://127.1/', 'http://2130706433/', 'http://0x7f.1/', 'http://017700000001/', 'https://192.168.0.1/',
    'http://100.64.0.1/', 'http://[fd00:ec2::254]/', 'http://[fe80::1]/', 'http://0.0.0.0/', 'http://[64:ff9b::a00:1]/', 'http://[2002:a9fe:a9fe::]/',
  ])('%s', async (url) => {
    expect(await kindOf(http.request(url))).toBe('blocked');
    expect(connects).toEqual([]);
  });

  it('refuses the loopback port of a live server too (the victim saw nothing)', async () => {
    expect(await kindOf(http.request(`${victim.url}/`))).toBe('blocked');
    expect(connects).toEqual([]);
  });
});

describe('names are judged by every address they resolve to, inside the connect-time lookup', () => {
  it('refuses localhost', async () => {
    const http = createHttpClient(site);
    const port = new URL(victim.url).port;
    expect(await kindOf(http.request(`http://localhost:${port}/`))).toBe('blocked');
    expect(connected).toEqual([]);
    await http.close();
  });

  it.each([
    [[{ address: '127.0.0.1', family: 4 }]],
    [[{ address: '10.0.0.1', family: 4 }]],
    [[{ address: '169.254.169.254', family: 4 }]],
    [[{ address: '::ffff:127.0.0.1', family: 6 }]],
    // One public address does not launder a private one (a rebinding resolver may answer both).
    [[{ address: '93.184.215.14', family: 4 }, { address: '127.0.0.1', family: 4 }]],
  ])('refuses a name resolving to %j', async (answer: LookupAddress[]) => {
    const resolveAll = vi.fn(async () => answer);
    const http = createHttpClient(site, { resolveAll });
    expect(await kindOf(http.request('http://rebind.example/'))).toBe('blocked');
    expect(resolveAll).toHaveBeenCalledWith('rebind.example');
    expect(connected).toEqual([]);
    await http.close();
  });

  it('dials the address its lookup returned (control, with the guard lifted)', async () => {
    const resolveAll = vi.fn(async () => [{ address: '127.0.0.1', family: 4 }]);
    const http = createHttpClient({ ...site, outboundAllowPrivate: true }, { resolveAll });
    allowedPeer.route('/named', { body: 'reached' });
    const res = await http.request(`http://peer.example:${new URL(allowedPeer.url).port}/named`);
    expect(res.body).toBe('reached');
    expect(resolveAll).toHaveBeenCalledWith('peer.example');
    // Proves the connection spies see real connects, so their emptiness elsewhere means something.
    expect(connects).toContain(`peer.example:${new URL(allowedPeer.url).port}`);
    expect(connected).toContain('peer.example');
    await http.close();
  });
});

describe('every redirect hop is judged again', () => {
  let http: ReturnType<typeof createHttpClient>;
  beforeAll(() => {
    // The allowed peer plays a public blog; every other loopback port (the victim's) stays refused.
    http = createHttpClient(site, { extraAllowed: [new URL(allowedPeer.url).host] });
  });
  afterAll(() => http.close());

  it('reaches the allowed peer itself (control)', async () => {
    allowedPeer.route('/ok', { body: 'fine' });
    expect((await http.request(`${allowedPeer.url}/ok`)).body).toBe('fine');
  });

  it.each([
    ['a loopback port', () => `${victim.url}/`],
    ['a private address', () => 'http://10.0.0.1/admin'],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['an IPv4-mapped loopback', () => `http://[::ffff:127.0.0.1]:${new URL(victim.url).port}/`],
    ['a name resolving to loopback', () => `http://localhost:${new URL(victim.url).port}/`],
  ])('refuses a redirect to %s', async (_label, target) => {
    allowedPeer.route('/hop', { status: 302, headers: { location: target() } });
    allowedPeer.requests.length = 0;
    expect(await kindOf(http.request(`${allowedPeer.url}/hop`))).toBe('blocked');
    expect(allowedPeer.requests).toHaveLength(1);
    expect(connects.filter((c) => !c.endsWith(`:${new URL(allowedPeer.url).port}`) && !c.startsWith('localhost'))).toEqual([]);
    expect(connected.filter((h) => h !== '127.0.0.1')).toEqual([]);
  });
});
