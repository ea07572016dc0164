// Source pages for bench/inbound.ts, in their own process as other blogs would be: GET /<anything>?t=<target>
// answers a small HTML page that links to the target. Prints its base URL as one JSON line; exits when stdin ends.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((req, res) => {
  const target = new URL(req.url ?? '/', 'http://x').searchParams.get('t') ?? '';
  const href = target.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html><head><title>A source post</title></head><body><article><p>I read <a href="${href}">this post</a> and agree with it.</p></article></body></html>`);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }) + '\n');
});
process.stdin.resume();
process.stdin.on('end', () => server.close(() => process.exit(0)));
