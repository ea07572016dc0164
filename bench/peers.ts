// The benchmark's remote blogs, in a process of their own (as real remote sites would be): N loopback
// servers that answer every request after a delay. Most advertise a Webmention endpoint in a Link header;
// a tenth each (issue 11 point 5) answer the post with 404 (discovery fails), redirect it to another page
// (301), serve a real ~40 KB HTML page with the endpoint in <head>, or refuse the Webmention with a 500.
// Prints the URLs as one JSON line; on "report" (stdin) prints per-peer counts and the most requests in flight.
import { createInterface } from 'node:readline';
import { Peer, type PeerReply } from '../test/support/peer.js';

const count = Number(process.argv[2] ?? 100);
const delayMs = Number(process.argv[3] ?? 50);

const filler = Array.from({ length: 120 }, (_, i) => `<p>Paragraph ${i} of a real article, with <a href="/p/${i}">a link</a>, <em>markup</em> and enough words to weigh what a blog post weighs.</p>`).join('\n');
const realHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A real post</title><link rel="stylesheet" href="/s.css"><link rel="webmention" href="/webmention"><script>var x = 1;</script></head><body><header><nav><a href="/">Home</a></nav></header><article class="h-entry"><h1 class="p-name">A real post</h1><div class="e-content">${filler}</div></article></body></html>`;

export const peerKinds = ['link-header', 'not-found', 'redirect', 'real-html', 'send-fails'] as const;
export function peerKind(i: number): (typeof peerKinds)[number] {
  const k = i % 10;
  return k === 1 ? 'not-found' : k === 2 ? 'redirect' : k === 3 ? 'real-html' : k === 4 ? 'send-fails' : 'link-header';
}

const linked: PeerReply = { headers: { link: '</webmention>; rel="webmention"' }, body: '<!doctype html><title>peer</title><p>A peer post.</p>', delayMs };
const peers: Peer[] = [];
for (let i = 0; i < count; i++) {
  const kind = peerKind(i);
  const post: PeerReply =
    kind === 'not-found' ? { status: 404, body: 'Not found', delayMs }
    : kind === 'redirect' ? { status: 301, headers: { location: '/moved' }, body: '', delayMs }
    : kind === 'real-html' ? { headers: { 'content-type': 'text/html; charset=utf-8' }, body: realHtml, delayMs }
    : linked;
  const peer = new Peer({
    'GET /post': post,
    'GET /moved': linked,
    'POST /webmention': kind === 'send-fails' ? { status: 500, body: 'Internal error', delayMs } : { status: 202, body: 'Accepted', delayMs },
  });
  peers.push(await peer.start());
}
process.stdout.write(JSON.stringify({ urls: peers.map((p) => p.url) }) + '\n');

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== 'report') continue;
  const report = { received: peers.map((p) => p.received('POST', '/webmention').length), maxInFlight: peers.map((p) => p.maxInFlight), rssMb: process.memoryUsage().rss / 1024 / 1024, cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000 };
  process.stdout.write(JSON.stringify(report) + '\n');
  await Promise.all(peers.map((p) => p.stop()));
  process.exit(0);
}
