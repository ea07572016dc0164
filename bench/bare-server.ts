// The ceiling for the page benchmark: a bare Fastify route (no plugins, no database) serving the same bytes
// as each measured page. Reads {name: {type, body}} from the JSON file named on the command line, serves
// each at /b/<name>, prints {"port"} as one JSON line and runs until stdin closes.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const pages = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Record<string, { type: string; body: string }>;
const app = Fastify({ logger: false });
const bodies = new Map(Object.entries(pages).map(([name, p]) => [name, { type: p.type, body: Buffer.from(p.body, 'base64') }]));
app.get('/b/:name', async (request, reply) => {
  const page = bodies.get((request.params as { name: string }).name);
  if (!page) return reply.code(404).send('no such page');
  return reply.type(page.type).send(page.body);
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }) + '\n');
process.stdin.resume();
process.stdin.on('end', () => void app.close().then(() => process.exit(0)));
