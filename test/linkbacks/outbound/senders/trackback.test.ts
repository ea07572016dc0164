// sendTrackback end to end against a loopback receiver (TrackBack 1.2, protocols reference §2.2–2.4): the exact
// form fields, the 255-character plain-text excerpt, and the verdict read from <error>, not from the status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendTrackback, trackbackForm } from '../../../../src/linkbacks/outbound/senders/trackback.js';
import type { Peer, RecordedRequest } from '../../../support/peer.js';
import { useClientAndPeer } from '../../../support/client-and-peer.js';

const env = useClientAndPeer();
const http = env.http;
const PING = { title: 'Héllo & <world>', url: 'http://blog.test/2026/01/my-post', excerpt: '<p>Some <b>bold</b> words.</p>', blogName: 'Alice’s blog' };
const OK = '<?xml version="1.0" encoding="utf-8"?>\n<response>\n<error>0</error>\n</response>\n';
let peer: Peer;

beforeAll(() => {
  peer = env.peer;
});

const form = (req: RecordedRequest) => Object.fromEntries(new URLSearchParams(req.body));
const xml = { 'content-type': 'text/xml; charset=utf-8' };

describe('sendTrackback', () => {
  it('POSTs title, url, blog_name, a plain-text excerpt and charset as a UTF-8 form; <error>0</error> is success', async () => {
    peer.route('POST /tb/1', { headers: xml, body: OK });
    expect(await sendTrackback(http, `${peer.url}/tb/1`, PING)).toEqual({ kind: 'sent', answer: 'HTTP 200: <error>0</error>' });
    const req = peer.requests.at(-1)!;
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(form(req)).toEqual({ title: 'Héllo & <world>', url: PING.url, blog_name: 'Alice’s blog', excerpt: 'Some bold words.', charset: 'utf-8' });
  });

  it('cuts the excerpt to 255 characters without splitting one', async () => {
    // 254 ASCII characters, then astral emoji: a UTF-16 cut at 255 would split a surrogate pair.
    const excerpt = 'x'.repeat(253) + '😀😀😀😀';
    const sent = new URLSearchParams(trackbackForm({ ...PING, excerpt })).get('excerpt')!;
    expect(Array.from(sent).length).toBeLessThanOrEqual(255);
    expect(sent).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(sent.startsWith('x'.repeat(253))).toBe(true);
    peer.route('POST /tb/long', (req) => ({ headers: xml, body: Array.from(form(req).excerpt!).length <= 255 ? OK : '<response><error>1</error></response>' }));
    expect((await sendTrackback(http, `${peer.url}/tb/long`, { ...PING, excerpt: 'word '.repeat(200) })).kind).toBe('sent');
  });

  it('sends the URL as title when the post has none (WordPress drops untitled pings)', () => {
    expect(new URLSearchParams(trackbackForm({ ...PING, title: ' ' })).get('title')).toBe(PING.url);
  });

  it('fails with the receiver message on <error>1</error>, even with a 200', async () => {
    peer.route('POST /tb/closed', { headers: xml, body: '<?xml version="1.0" encoding="utf-8"?><response><error>1</error><message>Sorry, trackbacks are closed for this item.</message></response>' });
    expect(await sendTrackback(http, `${peer.url}/tb/closed`, PING)).toEqual({ kind: 'failed', answer: 'Sorry, trackbacks are closed for this item.' });
  });

  it('believes <error>0</error> even under an odd status, and tolerates whitespace and Latin-1', async () => {
    const body = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?>\n<response>\n  <error> 0 </error>\n  <message>Merci, re'), Buffer.from([0xe7]), Buffer.from('u</message>\n</response>')]);
    peer.route('POST /tb/latin', { status: 404, headers: { 'content-type': 'text/xml' }, body });
    expect(await sendTrackback(http, `${peer.url}/tb/latin`, PING)).toEqual({ kind: 'sent', answer: 'Merci, reçu' });
  });

  it('fails on a 2xx that is not a TrackBack answer', async () => {
    peer.route('POST /tb/html', { body: '<html><body>Thanks!</body></html>' });
    const outcome = await sendTrackback(http, `${peer.url}/tb/html`, PING);
    expect(outcome.kind).toBe('failed');
    expect(outcome.answer).toMatch(/^no TrackBack answer \(HTTP 200/);
  });

  it('retries a 5xx, with its Retry-After', async () => {
    peer.route('POST /tb/down', { status: 502, headers: { 'retry-after': '60' } });
    expect(await sendTrackback(http, `${peer.url}/tb/down`, PING)).toEqual({ kind: 'retry', answer: 'HTTP 502', retryAfterMs: 60_000 });
  });

  it('retries Movable Type throttling (403, "try again later")', async () => {
    peer.route('POST /tb/throttle', { status: 403, headers: xml, body: '<response><error>1</error><message>You are sending TrackBack pings too quickly. Please try again later.</message></response>' });
    expect((await sendTrackback(http, `${peer.url}/tb/throttle`, PING)).kind).toBe('retry');
  });

  it('fails for good on a plain 404 without a TrackBack answer', async () => {
    expect((await sendTrackback(http, `${peer.url}/tb/missing`, PING)).kind).toBe('failed');
  });
});
