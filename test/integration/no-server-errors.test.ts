// "Nothing a client can send produces a 500": every registered route, signed in and not, with hostile
// bodies of every content type and garbage query strings, must answer below 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPost } from '../../src/posts/service.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';

/** Rebuilds full paths from Fastify's printed radix tree: a node's path is its ancestors' segments joined. */
function routesOf(printed: string): { method: string; url: string }[] {
  const out: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of printed.split('\n')) {
    const m = /^([\s│├└─]*)(\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = Math.round(m[1].length / 4);
    stack[depth] = m[2];
    stack.length = depth + 1;
    for (const method of (m[3] ?? '').split(', ').filter(Boolean)) if (method !== 'HEAD') out.push({ method, url: stack.join('') });
  }
  return out;
}

describe('no route answers a client with a 5xx', () => {
  let t: TestApp;
  let s: SignedIn;
  let postId = 0;
  beforeAll(async () => {
    t = await createTestApp();
    const admin = await createUser(t.ctx, 'admin');
    const p = await createPost(t.ctx, admin, { title: 'Probe', content: '<p>x</p>', status: 'published' });
    if (p.ok) postId = p.post.id;
    s = await signIn(t, admin);
  });
  afterAll(() => t.close());

  it('holds for every route, body and query', async () => {
    const routes = routesOf(t.app.printRoutes({ commonPrefix: false }));
    expect(routes.length).toBeGreaterThan(50);
    expect(routes).toEqual(expect.arrayContaining([{ method: 'POST', url: '/admin/posts/:id/trash' }, { method: 'POST', url: '/xmlrpc' }]));
    const bodies: [string, string][] = [
      ['application/json', '{"a":1'],
      ['text/plain', 'hello'],
      ['application/x-www-form-urlencoded', `_csrf=${s.csrf}&title[]=a&title[]=b&id=-1&post_id=abc&status=weird&date=notadate&ids=x&action=explode`],
      ['application/x-www-form-urlencoded', '%%%&&&=='],
      ['multipart/form-data; boundary=x', '--x\r\n'],
      ['text/xml', '<?xml version="1.0"?><methodCall><methodName>x</methodName>'],
    ];
    const failures: string[] = [];
    for (const r of routes) {
      for (const id of [String(postId), '99999999999999999999', '-1']) {
        const url = r.url.replace(/:id/g, id).replace(/:[a-zA-Z]+/g, 'zz').replace('*', 'x');
        for (const headers of [s.headers, {}]) {
          for (const [ct, body] of r.method === 'GET' ? [['', '']] : bodies) {
            const res = await t.app.inject({
              method: r.method as 'GET',
              url: `${url}?page=abc&status=%3Cx%3E&post=-1&p=%00&preview=1`,
              headers: { ...headers, ...(ct ? { 'content-type': ct } : {}), accept: 'text/html' },
              payload: body || undefined,
            });
            if (res.statusCode >= 500) failures.push(`${res.statusCode} ${r.method} ${url} ${ct}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
