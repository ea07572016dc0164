// Remote blogs for the outbound tests: real servers on 127.0.0.1 that advertise one protocol each (or
// nothing) on GET /post and accept the notification, recording everything they receive.
import { afterAll, beforeAll } from 'vitest';
import type { User } from '../../../src/db/schema.js';
import { createTestApp, createUser, type TestApp } from '../../support/app.js';
import { startPeer, type Peer, type PeerReply } from '../../support/peer.js';

export const XMLRPC_OK = '<?xml version="1.0"?><methodResponse><params><param><value><string>Pingback registered</string></value></param></params></methodResponse>';
export const TB_OK = '<?xml version="1.0" encoding="utf-8"?><response><error>0</error></response>';
export const WEBLOGS_OK =
  '<?xml version="1.0"?><methodResponse><params><param><value><struct><member><name>flerror</name><value><boolean>0</boolean></value></member><member><name>message</name><value>Thanks for the ping.</value></member></struct></value></param></params></methodResponse>';

const page = (head = '', body = '<p>A page.</p>') => `<!doctype html><html><head><title>Remote</title>${head}</head><body>${body}</body></html>`;

export async function webmentionPeer(endpointReply: PeerReply | ((n: number) => PeerReply) = { status: 202, body: 'Accepted' }, delayMs = 0): Promise<Peer> {
  let n = 0;
  const peer = await startPeer();
  peer.route('GET /post', () => ({ headers: { link: '</webmention?via=link>; rel="webmention"' }, body: page(), delayMs }));
  peer.route('POST /webmention', () => {
    const r = typeof endpointReply === 'function' ? endpointReply(++n) : endpointReply;
    return { ...r, delayMs: r.delayMs ?? delayMs };
  });
  return peer;
}

export async function pingbackPeer(): Promise<Peer> {
  const peer = await startPeer();
  peer.route('GET /post', (_req, p) => ({ headers: { 'x-pingback': `${p.url}/xmlrpc` }, body: page() }));
  peer.route('POST /xmlrpc', { headers: { 'content-type': 'text/xml' }, body: XMLRPC_OK });
  return peer;
}

export async function trackbackPeer(): Promise<Peer> {
  const peer = await startPeer();
  peer.route('GET /post', (_req, p) => ({
    body: page(
      '',
      `<p>Entry</p><!--
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:trackback="http://madskills.com/public/xml/rss/module/trackback/">
<rdf:Description rdf:about="${p.url}/post" dc:identifier="${p.url}/post" dc:title="Entry" trackback:ping="${p.url}/tb" />
</rdf:RDF>
-->`,
    ),
  }));
  peer.route('POST /tb', { headers: { 'content-type': 'text/xml' }, body: TB_OK });
  return peer;
}

export async function silentPeer(): Promise<Peer> {
  return startPeer({ 'GET /post': { body: page('<link rel="stylesheet" href="/s.css">', '<p>No endpoints here, <a href="/webmention">not a rel</a>.</p>') } });
}

export function posts(peer: Peer, path: string): number {
  return peer.requests.filter((r) => r.method === 'POST' && r.path.split('?')[0] === path).length;
}

export function form(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

export interface BlogWithPeers {
  t: TestApp;
  author: User;
  /** Remembers a peer so it is stopped after the file's tests; returns it. */
  keep<P extends Peer>(peer: P): P;
}

/** The outbound tests' set-up: the real app with one admin author, and every peer stopped at the end. */
export function useBlogWithPeers(): BlogWithPeers {
  const peers: Peer[] = [];
  const env = { keep: <P extends Peer>(p: P): P => (peers.push(p), p) } as BlogWithPeers;
  beforeAll(async () => {
    env.t = await createTestApp();
    env.author = await createUser(env.t.ctx, 'admin');
  });
  afterAll(async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await env.t?.close();
  });
  return env;
}
