// The benchmark's remote blogs, in a process of their own (as real remote sites would be): N loopback
// servers that each answer every request after a delay and advertise a Webmention endpoint. Prints the
// URLs as one JSON line; on "report" (stdin) prints per-peer counts and the most requests in flight.
import { createInterface } from 'node:readline';
import { Peer } from '../test/support/peer.js';

const count = Number(process.argv[2] ?? 100);
const delayMs = Number(process.argv[3] ?? 50);
const peers: Peer[] = [];
for (let i = 0; i < count; i++) {
  const peer = new Peer({
    'GET /post': { headers: { link: '</webmention>; rel="webmention"' }, body: '<!doctype html><title>peer</title><p>A peer post.</p>', delayMs },
    'POST /webmention': { status: 202, body: 'Accepted', delayMs },
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
