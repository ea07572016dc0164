// sendPingback end to end against a loopback XML-RPC server that decodes the methodCall it receives
// (Pingback 1.0 §3): every fault class and transport failure mapped to sent / failed / retry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../../src/net/http-client.js';
import { sendPingback } from '../../../../src/linkbacks/outbound/senders/pingback.js';
import { decodeMethodCall, encodeFault, encodeMethodResponse } from '../../../../src/xmlrpc/codec.js';
import type { Peer, PeerReply } from '../../../support/peer.js';
import { useClientAndPeer } from '../../../support/client-and-peer.js';

const env = useClientAndPeer();
const http = env.http;
const SOURCE = 'http://blog.test/2026/01/my-post';
const TARGET = 'https://bob.example/posts/42?a=1&b=<2>';
let peer: Peer;
const received: Array<{ methodName: string; params: unknown[] }> = [];

beforeAll(() => {
  peer = env.peer;
});

/** An XML-RPC endpoint at `path` that records the decoded call and answers with `reply`. */
function server(path: string, reply: PeerReply) {
  peer.route(`POST ${path}`, async (req) => {
    received.push(await decodeMethodCall(req.body));
    return { headers: { 'content-type': 'text/xml' }, ...reply };
  });
  return `${peer.url}${path}`;
}

describe('sendPingback', () => {
  it('sends pingback.ping(source, target) as text/xml; a string answer is success', async () => {
    const endpoint = server('/xmlrpc', { body: encodeMethodResponse('Pingback from a to b registered. Keep the web talking! :-)') });
    const outcome = await sendPingback(http, endpoint, SOURCE, TARGET);
    expect(outcome).toEqual({ kind: 'sent', answer: 'Pingback from a to b registered. Keep the web talking! :-)' });
    expect(received.at(-1)).toEqual({ methodName: 'pingback.ping', params: [SOURCE, TARGET] });
    expect(peer.requests.at(-1)!.headers['content-type']).toMatch(/^text\/xml/);
  });

  it('counts fault 48 (already registered) as success', async () => {
    const endpoint = server('/f48', { body: encodeFault(48, 'The pingback has already been registered.') });
    expect(await sendPingback(http, endpoint, SOURCE, TARGET)).toEqual({ kind: 'sent', answer: 'fault 48: The pingback has already been registered.' });
  });

  it.each([16, 17, 32, 33])('gives up on fault %i', async (code) => {
    const endpoint = server(`/f${code}`, { body: encodeFault(code, 'no') });
    expect(await sendPingback(http, endpoint, SOURCE, TARGET)).toEqual({ kind: 'failed', answer: `fault ${code}: no` });
  });

  it.each([0, 50, 49, -32601])('retries fault %i', async (code) => {
    const endpoint = server(`/r${code}`, { body: encodeFault(code, '') });
    expect(await sendPingback(http, endpoint, SOURCE, TARGET)).toEqual({ kind: 'retry', answer: `fault ${code}`, retryAfterMs: null });
  });

  it('reads a fault sent with an HTTP 400 (some servers do) by its code', async () => {
    const endpoint = server('/f400', { status: 400, body: encodeFault(17, 'no link') });
    expect(await sendPingback(http, endpoint, SOURCE, TARGET)).toEqual({ kind: 'failed', answer: 'fault 17: no link' });
  });

  it('retries a 5xx, with its Retry-After', async () => {
    const endpoint = server('/down', { status: 503, headers: { 'retry-after': '30' }, body: 'maintenance' });
    expect(await sendPingback(http, endpoint, SOURCE, TARGET)).toEqual({ kind: 'retry', answer: 'HTTP 503: maintenance', retryAfterMs: 30_000 });
  });

  it('fails when a 200 is not an XML-RPC answer at all', async () => {
    const endpoint = server('/html', { body: '<html><body>XML-RPC server accepts POST requests only.</body></html>' });
    const outcome = await sendPingback(http, endpoint, SOURCE, TARGET);
    expect(outcome.kind).toBe('failed');
    expect(outcome.answer).toMatch(/^not an XML-RPC answer/);
  });

  it('fails for good on a 404 endpoint', async () => {
    expect((await sendPingback(http, `${peer.url}/nothing-here`, SOURCE, TARGET)).kind).toBe('failed');
  });

  it('retries a timeout (a transport error)', async () => {
    const endpoint = server('/slow', { delayMs: 2_000, body: encodeMethodResponse('late') });
    const fast = { request: (url: string, o: Parameters<typeof http.request>[1]) => http.request(url, { ...o, timeoutMs: 150 }) };
    const outcome = await sendPingback(fast, endpoint, SOURCE, TARGET);
    expect(outcome.kind).toBe('retry');
    expect(outcome.answer).toMatch(/^timeout: /);
  });

  it('fails for good when the guard refuses the endpoint', async () => {
    const guarded = createHttpClient({ outboundAllowPrivate: false, siteUrl: 'http://blog.test' });
    expect((await sendPingback(guarded, 'http://169.254.169.254/xmlrpc', SOURCE, TARGET)).kind).toBe('failed');
    await guarded.close();
  });
});
