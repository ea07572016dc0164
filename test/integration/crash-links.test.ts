// Issue 10 point 1, against the real thing: the server started as its own process (src/server.ts through
// tsx), an admin signed in over HTTP, then every hostile `next` the security pass used. The same process
// must still answer afterwards, and every Location must be a local, plain-ASCII path.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { testDialect } from '../support/database.js';

const PASSWORD = 'correct horse battery staple';

/** Raw query strings, exactly as a crafted link would carry them. */
const HOSTILE_QUERIES = [
  'next=/admin/%E3%80%82',
  'next=/admin/%25E3%2580%2582',
  'next=/admin/%F0%9F%92%A5?s=%C3%A9',
  'next=/admin/%FF%FE',
  'next=/admin/%0D%0ASet-Cookie:%20stolen=1',
  'next=/admin%0Aevil',
  'next=//evil.example/admin',
  'next=/%5Cevil.example',
  'next=/%5C%5Cevil.example',
  'next=%2F%2Fevil.example',
  'next=/%2F%2Fevil.example',
  'next=/admin/%2F%2Fevil.example',
  'next=https://evil.example/admin',
  'next=javascript:alert(1)',
  'next=/admin/%C4%80%E2%80%A8',
];

interface Server {
  child: ChildProcess;
  base: string;
  lines: Record<string, unknown>[];
}

async function startServer(dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SITE_URL: 'http://127.0.0.1',
      ADMIN_USER: 'owner',
      ADMIN_PASSWORD: PASSWORD,
      SESSION_SECRET: 'crash-link-test-secret-0123456789abcdef',
      WORKER_CONCURRENCY: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const base = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        lines.push(entry);
        const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(String(entry.msg ?? ''));
        if (m) resolve(m[1]);
      } catch {
        lines.push({ raw: line });
      }
    });
  });
  return { child, base, lines };
}

function cookieOf(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('backtalk_session='));
  return set ? set.split(';')[0] : '';
}

async function signIn(base: string): Promise<string> {
  const form = await fetch(`${base}/admin/login`, { headers: { accept: 'text/html' } });
  const anonymous = cookieOf(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${base}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: anonymous, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: 'owner', password: PASSWORD, _csrf: csrf }).toString(),
  });
  expect(res.status).toBe(303);
  return cookieOf(res);
}

/** A request with raw bytes above U+007F in its target, which fetch and http.request would encode or refuse. */
function rawGet(base: string, target: Buffer, cookie: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(Buffer.concat([Buffer.from('GET '), target, Buffer.from(` HTTP/1.1\r\nHost: ${hostname}\r\nCookie: ${cookie}\r\nAccept: text/html\r\nConnection: close\r\n\r\n`)]));
    });
    let answer = '';
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

function expectLocalLocation(location: string | null, label: string): void {
  expect(location, label).toMatch(/^\/admin(?:[/?#]|$)/);
  expect(location!, label).toMatch(/^[\x21-\x7e]+$/);
  expect(location!.startsWith('//'), label).toBe(false);
}

describe.skipIf(testDialect === 'postgres')('the running server survives hostile redirect targets', () => {
  let server: Server;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'backtalk-crash-'));
    server = await startServer(dataDir);
  }, 60_000);
  afterAll(async () => {
    if (server?.child.exitCode === null) {
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every hostile next and back with a local redirect, signed in or signing in, and keeps running', async () => {
    const { base, child } = server;
    const pid = child.pid;
    const cookie = await signIn(base);
    expect(cookie).not.toBe('');

    for (const query of HOSTILE_QUERIES) {
      const res = await fetch(`${base}/admin/login?${query}`, { redirect: 'manual', headers: { cookie, accept: 'text/html' } });
      expect(res.status, query).toBe(303);
      expectLocalLocation(res.headers.get('location'), query);
    }

    // The sign-in form carries `next` in its body too.
    for (const query of HOSTILE_QUERIES) {
      const form = await fetch(`${base}/admin/login`, { headers: { accept: 'text/html' } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
      const next = new URLSearchParams(query).get('next')!;
      const res = await fetch(`${base}/admin/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: cookieOf(form), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: 'owner', password: PASSWORD, next, _csrf: csrf }).toString(),
      });
      expect(res.status, `POST ${query}`).toBe(303);
      expectLocalLocation(res.headers.get('location'), `POST ${query}`);
    }

    // The posts list's row actions carry `back` in their body: trash and restore one post with each value.
    const editor = await fetch(`${base}/admin/posts/new`, { headers: { cookie, accept: 'text/html' } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await editor.text())?.[1] ?? '';
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      redirect: 'manual' as const,
      headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, _csrf: csrf }).toString(),
    });
    const created = await fetch(`${base}/admin/posts`, form({ title: 'Target', content: 'x', status: 'draft', slug: '', excerpt: '', date: '', to_ping: '' }));
    expect(created.status).toBe(303);
    const postId = /\/admin\/posts\/(\d+)\/edit/.exec(created.headers.get('location') ?? '')![1];
    for (const query of HOSTILE_QUERIES) {
      const back = new URLSearchParams(query).get('next')!;
      for (const action of ['trash', 'restore']) {
        const res = await fetch(`${base}/admin/posts/${postId}/${action}`, form({ back }));
        expect(res.status, `${action} ${query}`).toBe(303);
        expectLocalLocation(res.headers.get('location'), `${action} ${query}`);
      }
    }

    // Raw UTF-8 (the ideographic full stop U+3002) in the request target itself.
    const raw = await rawGet(base, Buffer.from('/admin/login?next=/admin/\u3002', 'utf8'), cookie);
    expect(raw).toMatch(/^HTTP\/1\.1 (303|400) /);

    expect(child.exitCode).toBeNull();
    expect(child.pid).toBe(pid);
    const after = await fetch(`${base}/admin`, { redirect: 'manual', headers: { cookie, accept: 'text/html' } });
    expect(after.status).toBe(200);
    const home = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
    expect(home.status).toBe(200);
    // Nothing went wrong on the server's side either: no error or fatal line in its log.
    const failures = server.lines.filter((l) => typeof l.level === 'number' && l.level >= 50);
    expect(failures).toEqual([]);
  });
});
