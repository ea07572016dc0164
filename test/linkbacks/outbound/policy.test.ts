// The one outbound policy (issue 12 point 2): scan, send job and editor preview all ask outboundVerdict.
import { describe, expect, it } from 'vitest';
import { outboundVerdict, verdictText, type OutboundQuestion } from '../../../src/linkbacks/outbound/policy.js';

const post = { id: 1, status: 'published' as const, notify_links: 1, password: '' };
const settings = { outbound_enabled: true, outbound_deny_hosts: ['deny.example'], internal_pingbacks: true };
const ask = (over: Partial<OutboundQuestion>) => outboundVerdict({ target: 'link', url: 'https://peer.example/x', post, settings, allowPrivate: false, ...over });

describe('outboundVerdict', () => {
  it('sends nothing for a private or a password-protected post, for links, trackbacks and update services alike, and says why (issue 13)', () => {
    for (const target of ['link', 'trackback', 'service'] as const) {
      expect(ask({ target, post: { ...post, status: 'private' } })).toEqual({ kind: 'skip', reason: 'private_post' });
      expect(ask({ target, post: { ...post, password: 'secret' } })).toEqual({ kind: 'skip', reason: 'protected_post' });
      // The editor's preview of a draft that will be private or protected says so too.
      expect(ask({ target, draft: true, post: { ...post, status: 'private' } })).toEqual({ kind: 'skip', reason: 'private_post' });
    }
    expect(verdictText({ kind: 'skip', reason: 'private_post' })).toMatch(/private/);
    expect(verdictText({ kind: 'skip', reason: 'protected_post' })).toMatch(/password-protected/);
  });

  it('skips in its documented order: unpublished, switched off, post flag, deny list, removed, our own posts', () => {
    expect(ask({ post: undefined })).toEqual({ kind: 'skip', reason: 'unpublished' });
    expect(ask({ post: { ...post, status: 'draft' }, settings: { ...settings, outbound_enabled: false } })).toEqual({ kind: 'skip', reason: 'unpublished' });
    expect(ask({ post: { ...post, status: 'draft' }, draft: true, settings: { ...settings, outbound_enabled: false } })).toEqual({ kind: 'skip', reason: 'outbound_off' });
    expect(ask({ post: { ...post, notify_links: 0 }, url: 'https://deny.example/' })).toEqual({ kind: 'skip', reason: 'notify_off' });
    expect(ask({ target: 'trackback', post: { ...post, notify_links: 0 }, url: 'https://a.deny.example/' })).toEqual({ kind: 'skip', reason: 'denied' });
    expect(ask({ recorded: { present: 0, protocol: 'pingback' } })).toEqual({ kind: 'skip', reason: 'removed' });
    expect(ask({ recorded: { present: 0, protocol: 'webmention' } })).toMatchObject({ kind: 'send' });
    expect(ask({ ownPost: null })).toEqual({ kind: 'skip', reason: 'not_a_post' });
    expect(ask({ ownPost: { id: 1, ping_status: 'open' } })).toEqual({ kind: 'skip', reason: 'not_a_post' });
    expect(ask({ ownPost: { id: 2, ping_status: 'closed' } })).toEqual({ kind: 'skip', reason: 'pings_closed' });
    expect(ask({ ownPost: { id: 2, ping_status: 'open' } })).toEqual({ kind: 'internal', postId: 2 });
  });

  it('judges IP literals with the HTTP client’s guard, and leaves names to the address dialled', () => {
    for (const url of ['http://127.0.0.1:8080/x', 'http://[::1]/x', 'http://169.254.169.254/latest', 'http://10.1.2.3/', 'http://[::ffff:192.168.0.1]/']) {
      expect(ask({ url }), url).toEqual({ kind: 'skip', reason: 'private_address' });
      expect(ask({ url, allowPrivate: true }), url).toEqual({ kind: 'send', addressCheckedWhenSent: false });
    }
    expect(ask({ url: 'http://93.184.215.14/x' })).toEqual({ kind: 'send', addressCheckedWhenSent: false });
    expect(ask({ url: 'https://peer.example/x' })).toEqual({ kind: 'send', addressCheckedWhenSent: true });
    expect(ask({ url: 'https://peer.example/x', allowPrivate: true })).toEqual({ kind: 'send', addressCheckedWhenSent: false });
  });

  it('gives the preview a line per verdict that promises nothing the dialled address could undo', () => {
    expect(verdictText(ask({ url: 'https://peer.example/x' }))).toMatch(/checked when sent/);
    expect(verdictText(ask({ url: 'http://93.184.215.14/x' }))).not.toMatch(/checked when sent/);
    expect(verdictText(ask({ url: 'http://127.0.0.1/x' }))).toMatch(/^Not notified: The address is not a public one/);
    expect(verdictText(ask({ ownPost: { id: 2, ping_status: 'open' } }))).toBe('Our own post: recorded as an internal pingback');
  });
});
