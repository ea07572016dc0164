// The usual set-up for tests of the outbound client and the senders: a real guarded client with private
// addresses allowed (the peer is on loopback) and one loopback peer, closed after the file's tests.
import { afterAll, beforeAll } from 'vitest';
import { createHttpClient, type ClosableHttpClient } from '../../src/net/http-client.js';
import { startPeer, type Peer } from './peer.js';

export interface ClientAndPeer {
  http: ClosableHttpClient;
  peer: Peer;
}

/** `http` is ready at once; `peer` once the file's beforeAll hooks have run. */
export function useClientAndPeer(): ClientAndPeer {
  const env = { http: createHttpClient({ outboundAllowPrivate: true, siteUrl: 'http://blog.test' }) } as ClientAndPeer;
  beforeAll(async () => {
    env.peer = await startPeer();
  });
  afterAll(async () => {
    await env.peer?.stop();
    await env.http.close();
  });
  return env;
}
