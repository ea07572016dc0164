// sendWebmention end to end against a loopback receiver that parses what it gets (W3C Webmention §3.1.3,
// §3.2): form-encoded source and target, query string kept, every answer class mapped to an outcome.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient } from '../../../../src/net/http-client.js';
import { sendWebmention } from '../../../../src/linkbacks/outbound/senders/webmention.js';
import type { Peer, RecordedRequest } from '../../../support/peer.js';
import { useClientAndPeer } from '../../../support/client-and-peer.js';

const env = useClientAndPeer();
const http = env.http;
const SOURCE = 'http://blog.test/2026/01/my-post';
const TARGET = 'https://bob.example/posts/42?x=1&y=2';
let peer: Peer;

beforeAll(() => {
  peer = env.peer;
});

function form(req: RecordedRequest) {
  return Object.fromEntries(new URLSearchParams(req.body));
}

describe('sendWebmention', () => {
  it('POSTs exactly source and target, form-encoded, to the endpoint with its query string; 202 is sent', async () => {
    peer.route('POST /wm', { status: 202, body: 'Accepted for processing' });
    const outcome = await sendWebmention(http, `${peer.url}/wm?token=a%20b&v=2`, SOURCE, TARGET);
    expect(outcome).toEqual({ kind: 'sent', answer: 'HTTP 202: Accepted for processing' });
    const req = peer.requests.at(-1)!;
    expect(req.path).toBe('/wm?token=a%20b&v=2');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form(req)).toEqual({ source: SOURCE, target: TARGET });
  });

  it('keeps a 201 Location as an absolute URL', async () => {
    peer.route('POST /wm201', { status: 201, headers: { location: '/status/17' } });
    const outcome = await sendWebmention(http, `${peer.url}/wm201`, SOURCE, TARGET);
    expect(outcome).toEqual({ kind: 'sent', answer: 'HTTP 201', location: `${peer.url}/status/17` });
  });

  it('treats any 2xx as success', async () => {
    peer.route('POST /wm200', { status: 200, body: '<p>Webmention verified</p>' });
    expect(await sendWebmention(http, `${peer.url}/wm200`, SOURCE, TARGET)).toEqual({ kind: 'sent', answer: 'HTTP 200: Webmention verified' });
  });

  it('follows a 307 with the same POST', async () => {
    peer.route('POST /moved', { status: 307, headers: { location: '/wm-new' } }).route('POST /wm-new', (req) => ({ status: form(req).source === SOURCE ? 202 : 400 }));
    expect((await sendWebmention(http, `${peer.url}/moved`, SOURCE, TARGET)).kind).toBe('sent');
  });

  it('keeps the answer short and textual for the delivery log', async () => {
    peer.route('POST /wmhtml', { status: 400, body: `<html><head><style>body{color:red}</style><script>x()</script></head><body><h1>Bad</h1><p>${'long '.repeat(200)}</p></body></html>` });
    const outcome = await sendWebmention(http, `${peer.url}/wmhtml`, SOURCE, TARGET);
    expect(outcome.kind).toBe('failed');
    expect(outcome.answer.startsWith('HTTP 400: Bad long long')).toBe(true);
    expect(Array.from(outcome.answer).length).toBeLessThanOrEqual(300);
  });

  it.each([400, 404, 410, 422])('fails for good on %i', async (status) => {
    peer.route(`POST /wm${status}`, { status, body: 'Source does not link to target' });
    expect(await sendWebmention(http, `${peer.url}/wm${status}`, SOURCE, TARGET)).toEqual({ kind: 'failed', answer: `HTTP ${status}: Source does not link to target` });
  });

  it('retries a 503 after the Retry-After it asks for', async () => {
    peer.route('POST /busy', { status: 503, headers: { 'retry-after': '120' }, body: 'busy' });
    expect(await sendWebmention(http, `${peer.url}/busy`, SOURCE, TARGET)).toEqual({ kind: 'retry', answer: 'HTTP 503: busy', retryAfterMs: 120_000 });
  });

  it('reads an HTTP-date Retry-After against the peer Date header', async () => {
    peer.route('POST /slowdown', { status: 429, headers: { date: 'Wed, 21 Oct 2026 07:28:00 GMT', 'retry-after': 'Wed, 21 Oct 2026 07:33:00 GMT' } });
    expect(await sendWebmention(http, `${peer.url}/slowdown`, SOURCE, TARGET)).toEqual({ kind: 'retry', answer: 'HTTP 429', retryAfterMs: 300_000 });
  });

  it('measures an HTTP-date Retry-After from the clock it is given', async () => {
    peer.route('POST /later', { status: 503, headers: { 'retry-after': 'Thu, 15 Jan 2026 12:10:00 GMT' } });
    const now = () => new Date('2026-01-15T12:00:00Z');
    expect(await sendWebmention(http, `${peer.url}/later`, SOURCE, TARGET, { now })).toEqual({ kind: 'retry', answer: 'HTTP 503', retryAfterMs: 600_000 });
  });

  it('retries 408 and 500 without a Retry-After', async () => {
    peer.route('POST /wm408', { status: 408 }).route('POST /wm500', { status: 500 });
    expect(await sendWebmention(http, `${peer.url}/wm408`, SOURCE, TARGET)).toEqual({ kind: 'retry', answer: 'HTTP 408', retryAfterMs: null });
    expect(await sendWebmention(http, `${peer.url}/wm500`, SOURCE, TARGET)).toEqual({ kind: 'retry', answer: 'HTTP 500', retryAfterMs: null });
  });

  it('retries when nobody listens (connection refused)', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise((r) => server.close(r));
    const outcome = await sendWebmention(http, `http://127.0.0.1:${port}/wm`, SOURCE, TARGET);
    expect(outcome.kind).toBe('retry');
    expect(outcome.answer).toMatch(/^network: /);
  });

  it('fails for good when the guard refuses the endpoint, without sending', async () => {
    const guarded = createHttpClient({ outboundAllowPrivate: false, siteUrl: 'http://blog.test' });
    const before = peer.requests.length;
    const outcome = await sendWebmention(guarded, `${peer.url}/wm`, SOURCE, TARGET);
    expect(outcome.kind).toBe('failed');
    expect(outcome.answer).toMatch(/^blocked: /);
    expect(peer.requests.length).toBe(before);
    expect((await sendWebmention(guarded, 'ftp://bob.example/wm', SOURCE, TARGET)).kind).toBe('failed');
    await guarded.close();
  });
});
