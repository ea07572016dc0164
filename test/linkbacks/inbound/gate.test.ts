// The one inbound gate (issue 12 point 1): the rules that refuse are decided by comments/rules.ts refusalOf,
// at the door and once more before storing, and each door gives its own wire answer for the typed refusal.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/app.js';
import type { Peer } from '../../support/peer.js';
import { useAppWithPeer } from '../../support/app-with-peer.js';
import { XmlRpcFault } from '../../../src/xmlrpc/registry.js';
import { saveSettings } from '../../../src/settings/repository.js';
import { defaultSettings } from '../../../src/settings/definitions.js';
import { admitLinkback } from '../../../src/linkbacks/inbound/gate.js';
import { store } from '../../../src/linkbacks/inbound/receive.js';
import { commentsOf, fixture, freshIp, insertLinkback, permalink, publishedPost } from './helpers.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('the inbound gate', () => {
  const env = useAppWithPeer();
  let t: TestApp;
  let peer: Peer;
  beforeAll(() => ({ t, peer } = env));
  beforeEach(async () => {
    t.clock.advance(120_000);
    await saveSettings(t.ctx.db, defaultSettings);
  });

  async function pingback(source: string, target: string) {
    try {
      return { value: await t.app.xmlrpcMethods.get('pingback.ping')!.handler({ params: [source, target], ip: freshIp(), userAgent: 'x', ctx: t.ctx }) };
    } catch (err) {
      if (err instanceof XmlRpcFault) return { fault: err.faultCode, message: err.faultString };
      throw err;
    }
  }
  const trackback = (postId: number, url: string) =>
    t.app.inject({ method: 'POST', url: `/trackback/${postId}`, headers: FORM, payload: `url=${encodeURIComponent(url)}`, remoteAddress: freshIp() });
  const webmention = (source: string, target: string) =>
    t.app.inject({ method: 'POST', url: '/webmention', headers: FORM, payload: new URLSearchParams({ source, target }).toString(), remoteAddress: freshIp() });

  it('returns the typed refusal of the rule that refused: closed, blocked, duplicate', async () => {
    const closed = await publishedPost(t.ctx, { ping_status: 'closed' });
    const open = await publishedPost(t.ctx);
    const req = (target: string, source = 'http://src.example/a') => ({ protocol: 'pingback' as const, source, target, ip: freshIp(), userAgent: 'x' });
    expect(await admitLinkback(t.ctx, req(permalink(t.ctx, closed)))).toMatchObject({ ok: false, refusal: { kind: 'closed' } });
    await saveSettings(t.ctx.db, { blocked_source_hosts: ['src.example'] });
    expect(await admitLinkback(t.ctx, req(permalink(t.ctx, open)))).toMatchObject({ ok: false, refusal: { kind: 'blocked', message: 'Linkbacks from this site are not accepted.' } });
    const admitted = await admitLinkback(t.ctx, req(permalink(t.ctx, open), 'http://other.example/a'));
    expect(admitted).toMatchObject({ ok: true, admitted: { post: { id: open.id }, sourceHost: 'other.example' } });
    // Stored in URL-parsed form, sent again as the sender first wrote it: the same source, so a duplicate.
    await insertLinkback(t.ctx, open.id, { source_url: 'http://other.example/' });
    expect(await admitLinkback(t.ctx, req(permalink(t.ctx, open), 'http://Other.example'))).toMatchObject({ ok: false, refusal: { kind: 'duplicate' } });
    // A Webmention repeat is an update of the stored mention (WM §3.2.3), not a duplicate.
    expect(await admitLinkback(t.ctx, { ...req(permalink(t.ctx, open), 'http://Other.example'), protocol: 'webmention' })).toMatchObject({ ok: true, admitted: { existing: { source_url: 'http://other.example/' } } });
    // ...but a new mention about to be stored, when another job stored one meanwhile, is a duplicate: decided
    // where the insert is, under the post's lock (issue 18 point 4).
    expect(await store(t.ctx, { ...req(permalink(t.ctx, open), 'http://Other.example'), protocol: 'webmention' }, null)).toMatchObject({ ok: false, refusal: { kind: 'duplicate' } });
  });

  it('a post closed while its source is fetched: each door answers "closed" in its own words, and nothing is stored', async () => {
    const posts = [await publishedPost(t.ctx), await publishedPost(t.ctx), await publishedPost(t.ctx)];
    for (const [i, post] of posts.entries()) {
      peer.route(`/closes-${i}`, async () => {
        await t.ctx.db.updateTable('posts').set({ ping_status: 'closed' }).where('id', '=', post.id).execute();
        return { body: fixture('h-entry.html', permalink(t.ctx, post)) };
      });
    }
    expect(await pingback(`${peer.url}/closes-0`, permalink(t.ctx, posts[0]!))).toEqual({ fault: 49, message: 'This post does not take linkbacks.' });
    expect((await trackback(posts[1]!.id, `${peer.url}/closes-1`)).body).toContain('<message>Sorry, trackbacks are closed for this item.</message>');
    const accepted = await webmention(`${peer.url}/closes-2`, permalink(t.ctx, posts[2]!));
    expect(accepted.statusCode).toBe(201);
    await t.app.worker.runUntilIdle();
    const status = await t.app.inject({ method: 'GET', url: new URL(accepted.headers.location as string).pathname });
    expect(status.body).toContain('does not take linkbacks');
    for (const post of posts) expect(await commentsOf(t.ctx, post.id)).toHaveLength(0);
  });
});
