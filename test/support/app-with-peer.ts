// The usual inbound/outbound test set-up: the real app plus one loopback peer blog, built before the
// enclosing describe's tests and closed after them.
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { startPeer, type Peer } from './peer.js';

export interface AppWithPeer {
  t: TestApp;
  peer: Peer;
}

/** Call inside a describe; read `env.t` and `env.peer` in hooks and tests. */
export function useAppWithPeer(): AppWithPeer {
  const env = {} as AppWithPeer;
  beforeAll(async () => {
    env.t = await createTestApp();
    env.peer = await startPeer();
  });
  afterAll(async () => {
    await env.peer?.stop();
    await env.t?.close();
  });
  return env;
}
