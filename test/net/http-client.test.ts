// The outbound client against real loopback peers, with the guard lifted (OUTBOUND_ALLOW_PRIVATE): redirects,
// caps, timeouts, charsets, POST, and the User-Agent that names Backtalk and the site.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { HttpError } from '../../src/net/types.js';
import type { Peer } from '../support/peer.js';
import { useClientAndPeer } from '../support/client-and-peer.js';

const env = useClientAndPeer();
const http = env.http;
let peer: Peer;

beforeAll(() => {
  peer = env.peer;
});
afterEach(() => {
  peer.requests.length = 0;
});

async function failure(p: Promise<unknown>): Promise<HttpError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(HttpError);
  return err as HttpError;
}

describe('requests', () => {
  it('GETs a page and reports status, lower-cased headers and the final URL', async () => {
    peer.route('/page', { status: 200, headers: { 'X-Thing': 'yes', 'Link': ['<a>; rel=a', '<b>; rel=b'] }, body: '<p>hello</p>' });
    const res = await http.request(`${peer.url}/page#frag`);
    expect(res).toMatchObject({ url: `${peer.url}/page`, status: 200, body: '<p>hello</p>', truncated: false });
    expect(res.headers['x-thing']).toBe('yes');
    expect(res.headers['link']).toEqual(['<a>; rel=a', '<b>; rel=b']);
    expect(peer.requests[0]!.headers['user-agent']).toBe('Backtalk/0.1 (+http://blog.test)');
  });

  it('always sends its own User-Agent, whatever the caller passes', async () => {
    peer.route('/ua', { body: 'ok' });
    await http.request(`${peer.url}/ua`, { headers: { 'User-Agent': 'evil' } });
    expect(peer.requests[0]!.headers['user-agent']).toBe('Backtalk/0.1 (+http://blog.test)');
  });

  it('POSTs a body with the given headers', async () => {
    peer.route('POST /form', (req) => ({ status: 202, body: `got ${req.body}` }));
    const res = await http.request(`${peer.url}/form`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=2' });
    expect(res.status).toBe(202);
    expect(res.body).toBe('got a=1&b=2');
    expect(peer.requests[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('refuses schemes other than http and https', async () => {
    for (const url of ['ftp://example.com/', 'file:///etc/passwd', 'gopher://x/', 'not a url', 'http://user:pw@example.com/']) {
      expect((await failure(http.request(url))).kind).toBe('bad_url');
    }
  });

  it('does not invent a status for 4xx/5xx: they are results, not errors', async () => {
    peer.route('/gone', { status: 410, body: 'gone' });
    expect((await http.request(`${peer.url}/gone`)).status).toBe(410);
  });
});

describe('redirects', () => {
  it('follows relative Locations and reports the final URL', async () => {
    peer.route('/r1', { status: 301, headers: { location: '/r2?x=1' } }).route('/r2', { status: 302, headers: { location: 'r3' } });
    peer.route('/r3', { body: 'landed' });
    const res = await http.request(`${peer.url}/r1`);
    expect(res.url).toBe(`${peer.url}/r3`);
    expect(res.body).toBe('landed');
  });

  it('turns POST into GET on 301/302/303, like browsers, and keeps it on 307/308', async () => {
    peer.route('POST /p303', { status: 303, headers: { location: '/after' } }).route('POST /p307', { status: 307, headers: { location: '/after' } });
    peer.route('/after', (req) => ({ body: `${req.method} ${req.body}` }));
    expect((await http.request(`${peer.url}/p303`, { method: 'POST', body: 'x=1', headers: { 'content-type': 'text/plain' } })).body).toBe('GET ');
    expect((await http.request(`${peer.url}/p307`, { method: 'POST', body: 'x=1' })).body).toBe('POST x=1');
  });

  it('stops after maxRedirects with too_many_redirects, never asking beyond the cap', async () => {
    peer.route('/loop', (req) => ({ status: 302, headers: { location: `/loop?n=${Number(new URL(req.path, 'http://x').searchParams.get('n') ?? 0) + 1}` } }));
    expect((await failure(http.request(`${peer.url}/loop`))).kind).toBe('too_many_redirects');
    expect(peer.requests).toHaveLength(6); // the first request plus 5 redirects followed
    peer.requests.length = 0;
    expect((await failure(http.request(`${peer.url}/loop`, { maxRedirects: 2 }))).kind).toBe('too_many_redirects');
    expect(peer.requests).toHaveLength(3);
  });

  it('returns the 3xx itself with maxRedirects 0', async () => {
    peer.route('/once', { status: 301, headers: { location: '/else' } });
    const res = await http.request(`${peer.url}/once`, { maxRedirects: 0 });
    expect(res.status).toBe(301);
    expect(res.headers['location']).toBe('/else');
  });

  it('refuses a redirect to another scheme', async () => {
    peer.route('/tofile', { status: 302, headers: { location: 'file:///etc/passwd' } });
    expect((await failure(http.request(`${peer.url}/tofile`))).kind).toBe('bad_url');
  });
});

describe('caps', () => {
  it('stops reading at maxBytes and says it truncated', async () => {
    peer.route('/big', { body: 'a'.repeat(200_000) });
    const res = await http.request(`${peer.url}/big`, { maxBytes: 1000 });
    expect(res.body).toBe('a'.repeat(1000));
    expect(res.truncated).toBe(true);
  });

  it('fails with too_large when asked to', async () => {
    peer.route('/big2', { body: 'b'.repeat(5000) });
    expect((await failure(http.request(`${peer.url}/big2`, { maxBytes: 100, failIfTooLarge: true }))).kind).toBe('too_large');
    const ok = await http.request(`${peer.url}/big2`, { maxBytes: 5000, failIfTooLarge: true });
    expect(ok.body.length).toBe(5000);
  });

  it('applies a 1 MB cap by default', async () => {
    peer.route('/huge', { body: Buffer.alloc(1024 * 1024 + 10, 0x61) });
    const res = await http.request(`${peer.url}/huge`);
    expect(res.body.length).toBe(1024 * 1024);
    expect(res.truncated).toBe(true);
  });
});

describe('timeouts', () => {
  let silent: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts connections and never answers.
    silent = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
  });

  it('gives up after timeoutMs with kind timeout', async () => {
    const { port } = silent.address() as AddressInfo;
    const started = Date.now();
    expect((await failure(http.request(`http://127.0.0.1:${port}/`, { timeoutMs: 200 }))).kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('counts the body against the same total time', async () => {
    peer.route('/slow', { body: 'late', delayMs: 1000 });
    expect((await failure(http.request(`${peer.url}/slow`, { timeoutMs: 150 }))).kind).toBe('timeout');
  });
});

describe('charsets', () => {
  it('decodes with the charset from Content-Type', async () => {
    peer.route('/latin1', { headers: { 'content-type': 'text/html; charset=iso-8859-1' }, body: Buffer.from([0x63, 0x61, 0x66, 0xe9]) });
    peer.route('/sjis', { headers: { 'content-type': 'text/html; charset=Shift_JIS' }, body: Buffer.from([0x82, 0xa0, 0x82, 0xa2]) });
    peer.route('/eucjp', { headers: { 'content-type': 'text/plain; charset="euc-jp"' }, body: Buffer.from([0xa4, 0xa2]) });
    expect((await http.request(`${peer.url}/latin1`)).body).toBe('café');
    expect((await http.request(`${peer.url}/sjis`)).body).toBe('あい');
    expect((await http.request(`${peer.url}/eucjp`)).body).toBe('あ');
  });

  it('reads <meta charset> when the header names none, and a BOM before anything', async () => {
    const sjis = Buffer.concat([Buffer.from('<html><head><meta charset="shift_jis"></head><body>'), Buffer.from([0x82, 0xa0]), Buffer.from('</body></html>')]);
    peer.route('/meta', { headers: { 'content-type': 'text/html' }, body: sjis });
    peer.route('/bom', { headers: { 'content-type': 'text/html; charset=iso-8859-1' }, body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('✓', 'utf8')]) });
    expect((await http.request(`${peer.url}/meta`)).body).toContain('<body>あ</body>');
    expect((await http.request(`${peer.url}/bom`)).body).toBe('✓');
  });

  it('defaults to UTF-8, and reads an XML declaration when the header names no charset', async () => {
    peer.route('/utf8', { headers: { 'content-type': 'text/html' }, body: Buffer.from('naïve ✓', 'utf8') });
    const xml = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><r>'), Buffer.from([0xe9]), Buffer.from('</r>')]);
    peer.route('/xml', { headers: { 'content-type': 'text/xml' }, body: xml });
    expect((await http.request(`${peer.url}/utf8`)).body).toBe('naïve ✓');
    expect((await http.request(`${peer.url}/xml`)).body).toContain('<r>é</r>');
  });
});
