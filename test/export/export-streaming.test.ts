// The export streams: it reads posts, comments, media and terms a page at a time (no read returns more than
// a page, whatever the blog holds) and hands text over before it has read the whole blog; the admin download
// is a chunked response over real HTTP, admins only.
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertComment } from '../../src/comments/repository.js';
import { createPost } from '../../src/posts/service.js';
import { exportWxr } from '../../src/export/wxr-writer.js';
import { loadSettings } from '../../src/settings/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn } from '../support/session.js';
import { field, kids, readWxr } from '../support/wxr-read.js';

/** Records, for every SELECT, the table it reads first and how many rows came back. */
class ReadRecorder implements KyselyPlugin {
  reads: { table: string; rows: number }[] = [];
  private tables = new WeakMap<object, string>();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node as { kind: string; from?: { froms?: { table?: { identifier?: { name?: string } } }[] } };
    this.tables.set(args.queryId, node.kind === 'SelectQueryNode' ? (node.from?.froms?.[0]?.table?.identifier?.name ?? '?') : node.kind);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.reads.push({ table: this.tables.get(args.queryId) ?? '?', rows: args.result.rows.length });
    return args.result;
  }
}

const POSTS = 23;
const COMMENTS_EACH = 3;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await createUser(t.ctx, 'admin', 'keeper');
  for (let n = 0; n < POSTS; n++) {
    const r = await createPost(t.ctx, admin, { title: `Post ${n}`, content: `<p>${'x'.repeat(200)}</p>`, status: 'published', tags: [`tag-${n}`] });
    if (!r.ok) throw new Error('seed');
    for (let c = 0; c < COMMENTS_EACH; c++) {
      const at = t.clock.now().toISOString();
      await insertComment(t.ctx.db, { post_id: r.post.id, kind: 'comment', status: 'approved', status_before_trash: null, author_name: `R${c}`, author_email: `r${c}@example.net`, author_url: '', content: `c${c}`, source_url: null, target_url: null, title: null, excerpt: null, ip: '192.0.2.1', user_agent: 't', created_at: at, updated_at: at, verification_state: 'unverified', verified_at: null, verification_note: null, moderation_reason: null });
    }
  }
});
afterAll(async () => t?.close());

describe('bounded reads', () => {
  it('never reads more than a page of posts, comments, tags or users, and writes the first items before the last page is read', async () => {
    const recorder = new ReadRecorder();
    const db = t.ctx.db.withPlugin(recorder);
    const settings = await loadSettings(t.ctx.db);
    const pageSize = 4;
    let xml = '';
    let postReadsAtFirstItem = -1;
    for await (const chunk of exportWxr(db, { siteUrl: 'http://blog.test', settings, now: t.clock.now(), pageSize, chunkBytes: 1 })) {
      if (postReadsAtFirstItem < 0 && chunk.includes('<item>')) postReadsAtFirstItem = recorder.reads.filter((r) => r.table === 'posts').length;
      xml += chunk;
    }
    const paged = recorder.reads.filter((r) => ['posts', 'comments', 'media', 'users', 'terms'].includes(r.table));
    expect(Math.max(...paged.map((r) => r.rows))).toBeLessThanOrEqual(pageSize);
    // posts: the last id first, then ceil(23 / 4) = 6 pages.
    expect(recorder.reads.filter((r) => r.table === 'posts').length).toBe(1 + Math.ceil(POSTS / pageSize));
    expect(postReadsAtFirstItem).toBe(2);
    const doc = readWxr(xml);
    expect(doc.items).toHaveLength(POSTS);
    expect(doc.items.reduce((n, i) => n + kids(i, 'wp:comment').length, 0)).toBe(POSTS * COMMENTS_EACH);
    expect(kids(doc.channel, 'wp:tag')).toHaveLength(POSTS);
    expect(doc.items.every((i, n) => field(i, 'title') === `Post ${n}`)).toBe(true);
  });
});

describe('Tools → Export', () => {
  it('shows admins the page with the download button, and refuses authors and visitors', async () => {
    const admin = await createUser(t.ctx, 'admin');
    const author = await createUser(t.ctx, 'author');
    const page = await t.app.inject({ method: 'GET', url: '/admin/tools/export', headers: (await signIn(t, admin)).headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Download Export File');
    expect(page.body).toMatch(/<a href="\/admin\/tools\/export" class="active" aria-current="page">Export<\/a>/);
    const signedAuthor = await signIn(t, author);
    expect((await t.app.inject({ method: 'GET', url: '/admin/tools/export', headers: signedAuthor.headers })).statusCode).toBe(403);
    const post = await t.app.inject({ method: 'POST', url: '/admin/tools/export', headers: { ...signedAuthor.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: signedAuthor.form({}) });
    expect(post.statusCode).toBe(403);
    expect(post.body).not.toContain('<rss');
    const anonymous = await t.app.inject({ method: 'GET', url: '/admin/tools/export' });
    expect(anonymous.statusCode).toBe(303);
  });

  it('refuses a download without the form token', async () => {
    const admin = await signIn(t, await createUser(t.ctx, 'admin'));
    const res = await t.app.inject({ method: 'POST', url: '/admin/tools/export', headers: { ...admin.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'include_spam=1' });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('<rss');
  });

  it('streams the file over HTTP in chunks, named as WordPress names it', async () => {
    const admin = await signIn(t, await createUser(t.ctx, 'admin'));
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const body = admin.form({});
    const res = await new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; chunks: Buffer[] }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/admin/tools/export', headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => resolve({ status: r.statusCode!, headers: r.headers, chunks }));
        r.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(res.status).toBe(200);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['content-type']).toBe('text/xml; charset=UTF-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename=backtalk.WordPress.${t.clock.now().toISOString().slice(0, 10)}.xml`);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const doc = readWxr(Buffer.concat(res.chunks).toString('utf8'));
    expect(doc.items).toHaveLength(POSTS);
  });
});
