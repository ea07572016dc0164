// TrackBack receiver (TB12, linkback-protocols §2.2–2.8): charsets, required url, lengths, GET, duplicates,
// verification on and off, and the <response> answers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/app.js';
import type { Peer } from '../../support/peer.js';
import { useAppWithPeer } from '../../support/app-with-peer.js';
import { saveSettings } from '../../../src/settings/repository.js';
import { commentsOf, fixture, freshIp, permalink, publishedPost } from './helpers.js';

const OK = '<?xml version="1.0" encoding="utf-8"?>\n<response>\n<error>0</error>\n</response>\n';

/** Percent-encodes raw bytes, as a sender in that charset would. */
function pct(bytes: Buffer): string {
  return [...bytes].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join('');
}

describe('TrackBack receiver', () => {
  const env = useAppWithPeer();
  let t: TestApp;
  let peer: Peer;
  beforeAll(() => ({ t, peer } = env));
  beforeEach(() => t.clock.advance(120_000));

  const post = (id: number | string, body: string, contentType = 'application/x-www-form-urlencoded') =>
    t.app.inject({ method: 'POST', url: `/trackback/${id}`, headers: { 'content-type': contentType, 'user-agent': 'TB-Sender/2' }, payload: body, remoteAddress: freshIp() });

  async function linkedPost(path: string) {
    const p = await publishedPost(t.ctx);
    peer.route(path, { body: fixture('h-entry.html', permalink(t.ctx, p)) });
    return p;
  }

  it('accepts a UTF-8 ping with all fields and answers <error>0</error> as text/xml', async () => {
    const p = await linkedPost('/utf8');
    const body = new URLSearchParams({ url: `${peer.url}/utf8`, title: 'Ünïcödé title ✓', excerpt: 'An excerpt with “quotes”', blog_name: 'Alice’s blog' }).toString();
    const res = await post(p.id, body, 'application/x-www-form-urlencoded; charset=utf-8');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/xml');
    expect(res.body).toBe(OK);
    const [c] = await commentsOf(t.ctx, p.id);
    expect(c).toMatchObject({ kind: 'trackback', status: 'pending', title: 'Ünïcödé title ✓', excerpt: 'An excerpt with “quotes”', author_name: 'Alice’s blog', user_agent: 'TB-Sender/2', verification_state: 'verified' });
  });

  const charsets: Array<[string, string, string]> = [
    ['ISO-8859-1', 'latin1', 'Café crème brûlée'],
    ['Shift_JIS', 'shift_jis', '日本語のタイトル'],
    ['EUC-JP', 'euc-jp', '日本語のブログ'],
  ];
  for (const [label, , text] of charsets) {
    it(`decodes a ${label} ping with the charset from the Content-Type`, async () => {
      const p = await linkedPost(`/cs-${label}`);
      const bytes = label === 'ISO-8859-1' ? Buffer.from(text, 'latin1') : encodeJapanese(text, label);
      const res = await post(p.id, `url=${encodeURIComponent(`${peer.url}/cs-${label}`)}&title=${pct(bytes)}&blog_name=${pct(bytes)}`, `application/x-www-form-urlencoded; charset=${label}`);
      expect(res.body).toBe(OK);
      const [c] = await commentsOf(t.ctx, p.id);
      expect(c.title).toBe(text);
      expect(c.author_name).toBe(text);
    });
  }

  it('reads the charset from a form field (as WordPress does) and falls back to Latin-1 for non-UTF-8 bytes without one', async () => {
    const a = await linkedPost('/field-cs');
    const sjis = encodeJapanese('漢字', 'Shift_JIS');
    expect((await post(a.id, `url=${encodeURIComponent(`${peer.url}/field-cs`)}&charset=Shift_JIS&title=${pct(sjis)}`)).body).toBe(OK);
    expect((await commentsOf(t.ctx, a.id))[0].title).toBe('漢字');
    t.clock.advance(16_000); // past the rules' 15 s flood window for one source host
    const b = await linkedPost('/no-cs');
    expect((await post(b.id, `url=${encodeURIComponent(`${peer.url}/no-cs`)}&title=${pct(Buffer.from('Déjà vu', 'latin1'))}`)).body).toBe(OK);
    expect((await commentsOf(t.ctx, b.id))[0].title).toBe('Déjà vu');
  });

  it('refuses UTF-7, unknown charsets and bytes invalid in the declared charset, storing nothing', async () => {
    const p = await linkedPost('/bad-cs');
    const url = `url=${encodeURIComponent(`${peer.url}/bad-cs`)}&title=x`;
    for (const [ct, reason] of [['utf-7', 'UTF-7'], ['x-klingon', 'not supported'], ['utf-8', 'not valid']] as const) {
      const body = ct === 'utf-8' ? `${url}%FF%FE` : url;
      const res = await post(p.id, body, `application/x-www-form-urlencoded; charset=${ct}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<error>1</error>');
      expect(res.body).toContain(reason);
    }
    expect(await commentsOf(t.ctx, p.id)).toHaveLength(0);
  });

  it('requires url, a numeric id of a published post, and POST', async () => {
    const p = await publishedPost(t.ctx);
    const draft = await publishedPost(t.ctx, { status: 'draft' });
    expect((await post(p.id, 'title=No+url')).body).toMatch(/<error>1<\/error>\n<message>You need to provide the URL/);
    expect((await post('abc', 'url=http%3A%2F%2Fx.example%2F')).body).toContain('numeric ID');
    expect((await post(999999, 'url=http%3A%2F%2Fx.example%2F')).body).toContain('no published post');
    expect((await post(draft.id, 'url=http%3A%2F%2Fx.example%2F')).body).toContain('no published post');
    const get = await t.app.inject({ url: `/trackback/${p.id}?url=http://x.example/&title=hi` });
    expect(get.statusCode).toBe(200);
    expect(get.body).toContain('<error>1</error>');
    expect(get.body).toContain('must use HTTP POST');
    expect(await commentsOf(t.ctx, p.id)).toHaveLength(0);
  });

  it('fills the title from the page when only url is sent, and cuts long fields without splitting characters', async () => {
    const p = await linkedPost('/only-url');
    expect((await post(p.id, `url=${encodeURIComponent(`${peer.url}/only-url`)}`)).body).toBe(OK);
    expect((await commentsOf(t.ctx, p.id))[0]).toMatchObject({ title: 'A reply about linkbacks', author_name: 'A reply about linkbacks' });
    t.clock.advance(16_000);
    const q = await linkedPost('/long');
    const excerpt = '😀'.repeat(4_000); // 48 KB encoded: long, yet under the 64 KB body cap
    const title = 'é'.repeat(300);
    expect((await post(q.id, new URLSearchParams({ url: `${peer.url}/long`, excerpt, title, blog_name: 'b'.repeat(400) }).toString())).body).toBe(OK);
    const [c] = await commentsOf(t.ctx, q.id);
    expect(Array.from(c.excerpt!)).toHaveLength(255);
    expect(c.excerpt!.endsWith('😀…')).toBe(true);
    expect(Array.from(c.title!)).toHaveLength(250);
    expect(Array.from(c.author_name)).toHaveLength(250);
  });

  it('keeps HTML in the fields as text: tags dropped, entities decoded', async () => {
    const p = await linkedPost('/html');
    const body = new URLSearchParams({ url: `${peer.url}/html`, title: '<b>Bold</b> &amp; <script>alert(1)</script>plain', excerpt: 'Cut here&#8230; &lt;img src=x onerror=alert(1)&gt;' }).toString();
    expect((await post(p.id, body)).body).toBe(OK);
    const [c] = await commentsOf(t.ctx, p.id);
    expect(c.title).toBe('Bold & plain');
    expect(c.excerpt).toBe('Cut here… <img src=x onerror=alert(1)>');
  });

  it('answers a duplicate with an error and stores one comment', async () => {
    const p = await linkedPost('/dup');
    const body = `url=${encodeURIComponent(`${peer.url}/dup`)}&title=One`;
    expect((await post(p.id, body)).body).toBe(OK);
    t.clock.advance(60_000);
    expect((await post(p.id, body)).body).toContain('already a ping from that URL');
    expect(await commentsOf(t.ctx, p.id)).toHaveLength(1);
  });

  it('refuses a source that does not link, and closed posts', async () => {
    const p = await publishedPost(t.ctx);
    peer.route('/no-link', { body: fixture('no-link.html', permalink(t.ctx, p)) });
    expect((await post(p.id, `url=${encodeURIComponent(`${peer.url}/no-link`)}`)).body).toContain('does not link to this post');
    const closed = await publishedPost(t.ctx, { ping_status: 'closed' });
    expect((await post(closed.id, `url=${encodeURIComponent(`${peer.url}/no-link`)}`)).body).toContain('trackbacks are closed');
    expect(await commentsOf(t.ctx, p.id)).toHaveLength(0);
  });

  it('stores an unverified ping as pending when verification is off, even from a trusted host', async () => {
    await saveSettings(t.ctx.db, { trackback_verify_source: false, trusted_source_hosts: ['unfetched.example'] });
    const p = await publishedPost(t.ctx);
    expect((await post(p.id, 'url=https%3A%2F%2Funfetched.example%2Fentry&title=Hi')).body).toBe(OK);
    const [c] = await commentsOf(t.ctx, p.id);
    expect(c).toMatchObject({ status: 'pending', verification_state: 'unverified', verified_at: null });
    await saveSettings(t.ctx.db, { trackback_verify_source: true, trusted_source_hosts: [] });
  });

  it('also takes pings at the <permalink>trackback/ address WordPress uses', async () => {
    const p = await linkedPost('/wp-style');
    const path = new URL(permalink(t.ctx, p)).pathname;
    const res = await t.app.inject({ method: 'POST', url: `${path}trackback/`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `url=${encodeURIComponent(`${peer.url}/wp-style`)}&title=WP`, remoteAddress: freshIp() });
    expect(res.body).toBe(OK);
    expect(await commentsOf(t.ctx, p.id)).toHaveLength(1);
    const unknown = await t.app.inject({ method: 'POST', url: '/2020/01/01/no-such-post/trackback/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'url=http%3A%2F%2Fx.example%2F' });
    expect(unknown.body).toContain('no published post');
    // The post page itself is unaffected.
    expect((await t.app.inject({ url: path })).statusCode).toBe(200);
  });

  it('refuses a body over 64 KB with 413 in the TrackBack envelope', async () => {
    const p = await publishedPost(t.ctx);
    const res = await post(p.id, `url=http%3A%2F%2Fx.example%2F&excerpt=${'a'.repeat(70 * 1024)}`);
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('<error>1</error>');
  });
});

/** Shift_JIS / EUC-JP bytes for a few fixed characters (Node has decoders but no encoders for these). */
function encodeJapanese(text: string, charset: string): Buffer {
  const decoder = new TextDecoder(charset);
  const table = new Map<string, number[]>();
  // Search the two-byte space once for the characters we need.
  const wanted = new Set(Array.from(text));
  for (let a = 0x81; a <= 0xfe && table.size < wanted.size; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      const ch = decoder.decode(Uint8Array.from([a, b]));
      if (wanted.has(ch) && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  return Buffer.from(Array.from(text).flatMap((ch) => table.get(ch) ?? [0x3f]));
}
