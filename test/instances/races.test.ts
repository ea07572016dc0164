// Races between instances (issue 18 point 4): two app instances on one database (one SQLite file with a
// connection each, or one PostgreSQL database with a pool each) receive the same thing at the same moment.
// The duplicate and flood rules are serialised with the insert, so exactly one is stored; a repeated ping
// makes one linkback; two start-ups with ADMIN_USER make one admin and neither throws.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInstances, type Instances } from '../support/instances.js';
import { startPeer, type Peer } from '../support/peer.js';
import { fixture, permalink, publishedPost } from '../linkbacks/inbound/helpers.js';
import { formBody, html } from '../support/public-site.js';
import { saveSettings } from '../../src/settings/repository.js';
import { store } from '../../src/linkbacks/inbound/receive.js';
import { acceptWebmention } from '../../src/linkbacks/inbound/webmention.js';
import { ensureAdminFromConfig } from '../../src/users/bootstrap.js';
import { commentFormToken } from '../../src/comments/form-token.js';
import { XmlRpcFault } from '../../src/xmlrpc/registry.js';
import type { AppContext } from '../../src/context.js';
import type { Post } from '../../src/db/schema.js';
import type { FastifyInstance } from 'fastify';
import type { TestApp } from '../support/app.js';
import { openForm } from '../admin/form-session.js';

const ROUNDS = 20;

describe('two instances on one database', () => {
  let n: Instances;
  let peer: Peer;
  let post: Post;
  beforeAll(async () => {
    n = await createInstances(2, { inboundPerIpPerMinute: 100_000, inboundPerSourceHostPerMinute: 100_000 });
    peer = await startPeer();
    post = await publishedPost(n.ctxs[0]);
  });
  afterAll(async () => {
    await peer.stop();
    await n.close();
  });

  const rows = (kind: string) => n.ctxs[0].db.selectFrom('comments').selectAll().where('post_id', '=', post.id).where('kind', '=', kind as 'comment').orderBy('id').execute();
  const comment = (app: FastifyInstance, ip: string, fields: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/comments', remoteAddress: ip, headers: { ...html, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ post_id: String(post.id), form_token: commentFormToken(n.ctxs[0].config.sessionSecret, post.id), ...fields }) });

  it('stores the same reader’s comment posted to both at once exactly once (duplicate rule)', async () => {
    // No email, from two addresses: only the duplicate rule (same post, author, text) can tell them apart.
    await saveSettings(n.ctxs[0].db, { require_name_email: false });
    try {
      for (let i = 0; i < ROUNDS; i++) {
        n.clock.advance(16_000);
        const fields = { author: 'Twice', email: '', url: '', content: `Said once, sent twice, round ${i}` };
        const answers = await Promise.all([comment(n.apps[0], `192.0.2.${i + 1}`, fields), comment(n.apps[1], `198.51.100.${i + 1}`, fields)]);
        expect(answers.map((a) => a.statusCode).sort()).toEqual([303, 409]);
      }
      const stored = (await rows('comment')).filter((c) => c.author_name === 'Twice');
      expect(stored).toHaveLength(ROUNDS);
      expect(new Set(stored.map((c) => c.content)).size).toBe(ROUNDS);
    } finally {
      await saveSettings(n.ctxs[0].db, { require_name_email: true });
    }
  });

  it('stores one of two comments from the same address sent to both at once (flood rule)', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      n.clock.advance(16_000);
      const ip = `203.0.113.${i + 1}`;
      const answers = await Promise.all([
        comment(n.apps[0], ip, { author: 'Fast', email: `fast${i}a@example.org`, url: '', content: `first ${i}` }),
        comment(n.apps[1], ip, { author: 'Fast', email: `fast${i}b@example.org`, url: '', content: `second ${i}` }),
      ]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([303, 429]);
    }
    expect((await rows('comment')).filter((c) => c.author_name === 'Fast')).toHaveLength(ROUNDS);
  });

  async function pingback(ctx: AppContext, source: string, target: string, ip: string) {
    const method = n.apps[n.ctxs.indexOf(ctx)].xmlrpcMethods.get('pingback.ping')!;
    try {
      await method.handler({ params: [source, target], ip, userAgent: 'x', ctx });
      return 'ok';
    } catch (err) {
      if (err instanceof XmlRpcFault) return err.faultCode;
      throw err;
    }
  }

  it('makes one linkback of the same pingback sent to both at once', async () => {
    const target = permalink(n.ctxs[0], post);
    for (let i = 0; i < ROUNDS; i++) {
      peer.route(`/pb-${i}`, { body: fixture('h-entry.html', target) });
      const source = `${peer.url}/pb-${i}`;
      const answers = await Promise.all(n.ctxs.map((ctx, k) => pingback(ctx, source, target, `192.0.2.${100 + k}`)));
      // One registers it; the other hears "already registered" (fault 48), whichever of the checks saw it first.
      expect(answers.sort()).toEqual([48, 'ok']);
    }
    const stored = await rows('pingback');
    expect(stored).toHaveLength(ROUNDS);
    expect(new Set(stored.map((c) => c.source_url)).size).toBe(ROUNDS);
  });

  it('stores one linkback when both instances store the same verified ping at the same moment', async () => {
    // Past the door and the shared "being verified" guard (as after a lease lapsed): the write itself decides.
    const target = permalink(n.ctxs[0], post);
    for (let i = 0; i < ROUNDS; i++) {
      const source = `${peer.url}/tb-${i}`;
      const req = { protocol: 'trackback' as const, source, target, ip: '192.0.2.150', userAgent: 'x' };
      const results = await Promise.all(n.ctxs.map((ctx) => store(ctx, req, null)));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ refusal: { kind: 'duplicate' } });
    }
    expect(await rows('trackback')).toHaveLength(ROUNDS);
  });

  it('makes one mention of the same Webmention sent to both at once; the other updates it', async () => {
    // Past the minute in which the tests above sent 40 linkbacks from this peer (the moderation rules' burst).
    n.clock.advance(61_000);
    const target = permalink(n.ctxs[0], post);
    for (let i = 0; i < 5; i++) {
      peer.route(`/wm-${i}`, { body: fixture('h-entry.html', target) });
      const source = `${peer.url}/wm-${i}`;
      const accepted = await Promise.all(n.ctxs.map((ctx, k) => acceptWebmention(ctx, { protocol: 'webmention', source, target, ip: `192.0.2.${160 + k}`, userAgent: 'x' })));
      expect(accepted).toEqual([expect.objectContaining({ ok: true }), expect.objectContaining({ ok: true })]);
      // Both instances' workers run their queue at once.
      await Promise.all(n.apps.map((app) => app.worker.runUntilIdle()));
    }
    const stored = await rows('webmention');
    expect(stored).toHaveLength(5);
    const requests = await n.ctxs[0].db.selectFrom('webmention_requests').select(['state', 'comment_id']).where('post_id', '=', post.id).execute();
    expect(requests).toHaveLength(10);
    expect(requests.every((r) => r.state === 'verified' && stored.some((c) => c.id === r.comment_id))).toBe(true);
  });
});

describe('two instances starting at once with ADMIN_USER', () => {
  let n: Instances | undefined;
  afterEach(async () => {
    await n?.close();
    n = undefined;
  });

  it('creates one admin, and neither start-up throws', async () => {
    n = await createInstances(2, { admin: { user: 'boss', password: 'correct horse battery', email: 'boss@example.test' } });
    const admins = await Promise.all(n.ctxs.map((ctx) => ensureAdminFromConfig(ctx)));
    expect(admins.map((a) => a?.username)).toEqual(['boss', 'boss']);
    expect(admins[0]!.id).toBe(admins[1]!.id);
    const users = await n.ctxs[1].db.selectFrom('users').select(['username', 'role']).execute();
    expect(users).toEqual([{ username: 'boss', role: 'admin' }]);
  });

  it('creates one admin when the setup page is sent to both instances at once, and while ADMIN_USER starts one', async () => {
    n = await createInstances(3, { admin: { user: 'boss', password: 'correct horse battery', email: 'boss@example.test' } });
    const account = (username: string) => ({ site_title: 'Ours', username, password: 'correct horse', password2: 'correct horse', email: `${username}@example.test`, display_name: username });
    const forms = await Promise.all(n.apps.slice(0, 2).map((app) => openForm({ app } as TestApp, '/admin/setup')));
    const [ada, bob] = await Promise.all([forms[0].post('/admin/setup', account('ada')), forms[1].post('/admin/setup', account('bob')), ensureAdminFromConfig(n.ctxs[2])]);
    const users = await n.ctxs[0].db.selectFrom('users').select(['username', 'role']).execute();
    expect(users).toHaveLength(1);
    expect(users[0].role).toBe('admin');
    // The one whose form created the account goes to the dashboard; the other finds setup gone (404).
    const codes = [ada.statusCode, bob.statusCode].sort();
    expect(codes).toEqual(users[0].username === 'boss' ? [404, 404] : [303, 404]);
  });
});
