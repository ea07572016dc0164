// `npm run bench:xmlrpc-upload` (issue 14 point 5): the server's peak memory for one 20 MB
// metaWeblog.newMediaObject call (base64 in XML, about 27 MB on the wire), against the real app in its own
// process (bench/media-server.ts). The body is streamed from disk; the server's VmHWM is read before and
// after. Prints a table row for bench/RESULTS.md.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import { projectRoot } from '../src/paths.js';

const SIZE = 20_000_000;
const work = await mkdtemp(join(tmpdir(), 'backtalk-bench-xmlrpc-'));
const body = join(work, 'call.xml');

// A PDF (stored as it is, no sharp), base64 in 76-character lines as MarsEdit and Python's client send it.
{
  const file = await open(body, 'w');
  await file.write('<?xml version="1.0"?><methodCall><methodName>metaWeblog.newMediaObject</methodName><params>' +
    '<param><value><string>1</string></value></param><param><value><string>bench</string></value></param>' +
    '<param><value><string>bench bench bench</string></value></param><param><value><struct>' +
    '<member><name>name</name><value><string>big.pdf</string></value></member>' +
    '<member><name>type</name><value><string>application/pdf</string></value></member><member><name>bits</name><value><base64>\n');
  const raw = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(SIZE - 9)]).toString('base64');
  for (let i = 0; i < raw.length; i += 76 * 1000) await file.write(raw.slice(i, i + 76 * 1000).replace(/.{76}/g, '$&\n'));
  await file.write('\n</base64></value></member></struct></value></param></params></methodCall>');
  await file.close();
}

const server = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'bench', 'media-server.ts')], { stdio: ['ignore', 'pipe', 'inherit'], cwd: projectRoot });
const lines = createInterface({ input: server.stdout! })[Symbol.asyncIterator]();
const info = JSON.parse(String((await lines.next()).value)) as { port: number; dataDir: string };
const peak = async () => Number(/VmHWM:\s+(\d+) kB/.exec(await readFile(`/proc/${server.pid}/status`, 'utf8'))![1]) / 1024;

function call(xml: Buffer | string, length: number, source?: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: info.port, method: 'POST', path: '/xmlrpc', headers: { 'content-type': 'text/xml', 'content-length': length } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve(`${res.statusCode} ${text}`));
    });
    req.on('error', reject);
    if (source) createReadStream(source).pipe(req);
    else req.end(xml);
  });
}

// A first signed-in call, so the peak before the upload already includes the password check (scrypt's
// memory) and the endpoint's first-use costs; what is left is the upload's own.
const warm = '<?xml version="1.0"?><methodCall><methodName>wp.getMediaLibrary</methodName><params><param><value><string>1</string></value></param><param><value><string>bench</string></value></param><param><value><string>bench bench bench</string></value></param></params></methodCall>';
await call(warm, Buffer.byteLength(warm));
const size = (await stat(body)).size;
const before = await peak();
const started = performance.now();
const answer = await call('', size, body);
const seconds = (performance.now() - started) / 1000;
const after = await peak();
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
await rm(work, { recursive: true, force: true });
await rm(info.dataDir, { recursive: true, force: true });
const ok = answer.startsWith('200') && answer.includes('attachment_id');
console.log(`| one metaWeblog.newMediaObject, 20 MB PDF (${(size / 1e6).toFixed(1)} MB of XML) | ${seconds.toFixed(1)} s | ${ok ? 'stored' : `FAILED: ${answer.slice(0, 200)}`} | ${before.toFixed(0)} | ${after.toFixed(0)} | +${(after - before).toFixed(0)} |`);
