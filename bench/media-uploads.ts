// `npm run bench:media` (issue 14 point 7): ten 20 MB uploads at once against the real app in its own process
// (bench/media-server.ts), each a real multipart POST over 127.0.0.1 streamed from disk. Three phases: ten
// PDFs (the streaming path: temp file, sniff, storage), ten JPEGs (each also re-encoded by sharp before it is
// stored), then the queued size jobs. The server's peak RSS (VmHWM from /proc, the kernel's high-water mark)
// is read after each phase. Appends its figures to bench/RESULTS.md under its own heading.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import Database from 'better-sqlite3';
import { projectRoot } from '../src/paths.js';

const FILES = 10;
const webp = process.env.BENCH_MEDIA_WEBP === '1';
const SIZE = 20_000_000;
const work = await mkdtemp(join(tmpdir(), 'backtalk-bench-uploads-'));

async function makeFiles(): Promise<{ pdf: string; jpeg: string }> {
  const pdf = join(work, 'big.pdf');
  await writeFile(pdf, Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(SIZE - 9)]));
  // Noise compresses badly, so a 6000×4500 photo-sized JPEG comes out near 20 MB.
  const jpeg = join(work, 'big.jpg');
  await sharp({ create: { width: 6000, height: 4500, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg({ quality: 91 }).toFile(jpeg);
  return { pdf, jpeg };
}

// The same Node as this process (the pinned one), with tsx's loader.
const server = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'bench', 'media-server.ts')], { stdio: ['ignore', 'pipe', 'inherit'], cwd: projectRoot });
server.on('exit', (code) => {
  if (code) {
    console.error(`bench/media-server.ts exited with ${code}`);
    process.exit(1);
  }
});
const lines = createInterface({ input: server.stdout! })[Symbol.asyncIterator]();
const nextLine = async () => String((await lines.next()).value);
console.error('waiting for the server');
const info = JSON.parse(await nextLine()) as { port: number; cookie: string; csrf: string; dataDir: string };

async function peakRssMb(): Promise<number> {
  const status = await readFile(`/proc/${server.pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

function upload(file: string, name: string, size: number): Promise<number> {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: info.port, method: 'POST', path: '/admin/media', headers: { cookie: info.cookie, 'x-csrf-token': info.csrf, accept: 'application/json', 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + size + tail.length } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.write(head);
    const body = createReadStream(file);
    body.on('end', () => req.end(tail));
    body.pipe(req, { end: false });
  });
}

async function phase(file: string, name: string) {
  const size = (await stat(file)).size;
  const started = performance.now();
  const statuses = await Promise.all(Array.from({ length: FILES }, (_, i) => upload(file, `${i}-${name}`, size)));
  return { size, seconds: (performance.now() - started) / 1000, statuses, peak: await peakRssMb() };
}

const files = await makeFiles();
console.error('files ready; uploading');
const idle = await peakRssMb();
const pdfs = await phase(files.pdf, 'big.pdf');
console.error('pdfs', pdfs.statuses, pdfs.peak);
const jpegs = await phase(files.jpeg, 'big.jpg');
console.error('jpegs', jpegs.statuses, jpegs.peak);
// The size jobs run on the server's own worker; read its queue (the SQLite file, read-only) until it is empty.
const sizesStarted = performance.now();
const queue = new Database(join(info.dataDir, 'bench.db'), { readonly: true, fileMustExist: true });
while ((queue.prepare("select count(*) as n from jobs where type = 'media.sizes' and status in ('queued', 'running')").get() as { n: number }).n > 0) {
  await new Promise((r) => setTimeout(r, 200));
}
queue.close();
const sizesSeconds = (performance.now() - sizesStarted) / 1000;
const afterSizes = await peakRssMb();
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
await rm(work, { recursive: true, force: true });
await rm(info.dataDir, { recursive: true, force: true });

const mb = (n: number) => n.toFixed(0);
const ok = (s: number[]) => `${s.filter((c) => c === 201).length}/${s.length} answered 201`;
const section = `
## Media uploads: ten 20 MB files at once (issue 14 point 7)

Run ${new Date().toISOString()} with \`npm run bench:media\` (bench/media-uploads.ts, bench/media-server.ts)${webp ? ', BENCH_MEDIA_WEBP=1 (WebP copies on)' : ''}. ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}.
The app runs in its own process on a SQLite file with local storage; ten multipart POSTs to /admin/media start at once over
127.0.0.1, each streamed from disk; the server's own worker makes the sizes meanwhile, as in production, under tsx (a compiled \`npm start\` idles lower). Peak RSS is the server process's VmHWM (the kernel's high-water mark), so each row
includes every phase before it.

| Phase | File size | Wall time | Result | Server peak RSS MB |
|---|---|---|---|---|
| idle, after start | – | – | – | ${mb(idle)} |
| 10 × PDF at once | ${(pdfs.size / 1e6).toFixed(1)} MB | ${pdfs.seconds.toFixed(1)} s | ${ok(pdfs.statuses)} | ${mb(pdfs.peak)} |
| 10 × JPEG 6000×4500 at once (each re-encoded by sharp before storing) | ${(jpegs.size / 1e6).toFixed(1)} MB | ${jpegs.seconds.toFixed(1)} s | ${ok(jpegs.statuses)} | ${mb(jpegs.peak)} |
| until the 10 size jobs (thumbnail, medium, large${webp ? ', each also in WebP' : ''}) are done | – | ${sizesSeconds.toFixed(1)} s more | – | ${mb(afterSizes)} |
`;
await appendFile(join(projectRoot, 'bench', 'RESULTS.md'), section);
console.log(section);
