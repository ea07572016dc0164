// pingUpdateService end to end against a loopback weblogUpdates service that decodes the calls it receives
// (protocols reference §5): extendedPing with four params, fallback to ping on an unknown method, flerror read
// in all its spellings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pingUpdateService } from '../../../../src/linkbacks/outbound/senders/update-service.js';
import { decodeMethodCall, encodeFault, encodeMethodResponse } from '../../../../src/xmlrpc/codec.js';
import type { Peer } from '../../../support/peer.js';
import { useClientAndPeer } from '../../../support/client-and-peer.js';

const env = useClientAndPeer();
const http = env.http;
const PING = { name: 'Alice & <Bob>’s blog', siteUrl: 'http://blog.test/', changesUrl: 'http://blog.test/', feedUrl: 'http://blog.test/feed' };
let peer: Peer;
let calls: Array<{ methodName: string; params: unknown[] }> = [];

beforeAll(() => {
  peer = env.peer;
});

/** A service at `path` answering each method with the given body (a missing method gets fault -32601). */
function service(path: string, answers: Record<string, string>, status = 200) {
  calls = [];
  peer.route(`POST ${path}`, async (req) => {
    const call = await decodeMethodCall(req.body);
    calls.push(call);
    return { status, headers: { 'content-type': 'text/xml' }, body: answers[call.methodName] ?? encodeFault(-32601, 'server error. requested method not found') };
  });
  return `${peer.url}${path}`;
}

const untyped = (flerror: string, message: string) =>
  `<?xml version="1.0"?><methodResponse><params><param><value><struct><member><name>flerror</name><value>${flerror}</value></member><member><name>message</name><value><string>${message}</string></value></member><member><name>legal</name><value>You agree to the terms.</value></member></struct></value></param></params></methodResponse>`;

describe('pingUpdateService', () => {
  it('calls weblogUpdates.extendedPing(name, siteURL, changesURL, feedURL); flerror false is success', async () => {
    const url = service('/RPC2', { 'weblogUpdates.extendedPing': encodeMethodResponse({ flerror: false, message: 'Thanks for the ping.' }) });
    expect(await pingUpdateService(http, url, PING)).toEqual({ kind: 'sent', answer: 'Thanks for the ping.' });
    expect(calls).toEqual([{ methodName: 'weblogUpdates.extendedPing', params: [PING.name, PING.siteUrl, PING.changesUrl, PING.feedUrl] }]);
  });

  it('falls back to weblogUpdates.ping(name, siteURL) when extendedPing is unknown (-32601)', async () => {
    const url = service('/plain', { 'weblogUpdates.ping': encodeMethodResponse({ flerror: false, message: 'Pinged.' }) });
    expect(await pingUpdateService(http, url, PING)).toEqual({ kind: 'sent', answer: 'Pinged.' });
    expect(calls.map((c) => c.methodName)).toEqual(['weblogUpdates.extendedPing', 'weblogUpdates.ping']);
    expect(calls[1]!.params).toEqual([PING.name, PING.siteUrl]);
  });

  it('falls back when the fault message says the method is unknown, whatever its code', async () => {
    const url = service('/odd', { 'weblogUpdates.extendedPing': encodeFault(0, 'Unknown method weblogUpdates.extendedPing'), 'weblogUpdates.ping': untyped('0', 'ok') });
    expect(await pingUpdateService(http, url, PING)).toEqual({ kind: 'sent', answer: 'ok' });
    expect(calls).toHaveLength(2);
  });

  it('does not fall back on other faults, and gives up', async () => {
    const url = service('/refuses', { 'weblogUpdates.extendedPing': encodeFault(5, 'Site is banned') });
    expect(await pingUpdateService(http, url, PING)).toEqual({ kind: 'failed', answer: 'fault 5: Site is banned' });
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['<boolean>1</boolean>'], ['1'], ['<int>1</int>'], ['true'],
  ])('reads flerror %s as an error, with its message', async (flerror) => {
    const url = service('/err', { 'weblogUpdates.extendedPing': untyped(flerror, 'Your site is not reachable.') });
    expect(await pingUpdateService(http, url, PING)).toEqual({ kind: 'failed', answer: 'Your site is not reachable.' });
  });

  it.each([['<boolean>0</boolean>'], ['0'], ['<int>0</int>'], ['false']])('reads flerror %s as success, ignoring extra members', async (flerror) => {
    const url = service('/ok', { 'weblogUpdates.extendedPing': untyped(flerror, 'Thanks!') });
    expect(await pingUpdateService(http, url, PING)).toEqual({ kind: 'sent', answer: 'Thanks!' });
  });

  it('retries when the service answers 5xx', async () => {
    const url = service('/down', {}, 503);
    expect(await pingUpdateService(http, url, PING)).toMatchObject({ kind: 'retry', retryAfterMs: null });
  });
});
