// Pure link extraction and the diff that decides who hears about an edit.
import { describe, expect, it } from 'vitest';
import { extractLinks, plainExcerpt } from '../../../src/linkbacks/outbound/links.js';
import { planLinks, type ExistingDelivery } from '../../../src/linkbacks/outbound/plan.js';

const permalink = 'http://blog.test/2026/01/15/hello/';

describe('extractLinks', () => {
  it('resolves against the permalink, keeps http(s) only, drops fragments, skips the post itself, de-duplicates', () => {
    const html = `
      <p><a href="https://a.example/x#top">a</a> <a href="https://a.example/x">again</a>
      <a href="../../14/older/">relative</a> <a href="mailto:me@x.test">mail</a> <a href="javascript:alert(1)">js</a>
      <a href="#comments">self fragment</a> <a href="${permalink}">self</a> <a href="ftp://files.example/">ftp</a>
      <a href="HTTP://B.Example:80/path?q=1">upper</a> <a>no href</a></p>
      <!-- <a href="https://commented.example/">hidden</a> -->`;
    expect(extractLinks(html, permalink)).toEqual(['https://a.example/x', 'http://blog.test/2026/01/14/older/', 'http://b.example/path?q=1']);
  });
});

describe('plainExcerpt', () => {
  it('strips tags and cuts at 255 characters without splitting an emoji', () => {
    const text = plainExcerpt(`<p>${'😀'.repeat(300)}</p>`);
    expect(Array.from(text)).toHaveLength(255);
    expect(text.endsWith('…')).toBe(true);
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(plainExcerpt('<b>Hi</b>   there')).toBe('Hi there');
  });
});

describe('planLinks', () => {
  const row = (id: number, url: string, over: Partial<ExistingDelivery> = {}): ExistingDelivery => ({ id, target_url: url, state: 'sent', protocol: 'pingback', present: 1, skip_reason: null, ...over });
  const send = { kind: 'send' } as const;

  it('inserts only new links on a plain edit', () => {
    expect(planLinks([row(1, 'http://a/')], [{ url: 'http://a/', decision: send }, { url: 'http://b/', decision: send }])).toEqual([{ type: 'insert', url: 'http://b/', decision: send }]);
  });

  it('re-sends a removed link only where a Webmention was sent', () => {
    const steps = planLinks([row(1, 'http://wm/', { protocol: 'webmention' }), row(2, 'http://pb/')], []);
    expect(steps).toEqual([
      { type: 'set_present', id: 1, present: 0, resend: true },
      { type: 'set_present', id: 2, present: 0, resend: false },
    ]);
  });

  it('re-sends a re-added Webmention link but not a re-added Pingback link', () => {
    const steps = planLinks([row(1, 'http://wm/', { protocol: 'webmention', present: 0 }), row(2, 'http://pb/', { present: 0 })], [
      { url: 'http://wm/', decision: send },
      { url: 'http://pb/', decision: send },
    ]);
    expect(steps).toEqual([
      { type: 'set_present', id: 1, present: 1, resend: true },
      { type: 'set_present', id: 2, present: 1, resend: false },
    ]);
  });

  it('queues a link skipped by policy once the policy allows it, but keeps an author skip', () => {
    const steps = planLinks([row(1, 'http://a/', { state: 'skipped', skip_reason: 'outbound_off' }), row(2, 'http://b/', { state: 'skipped', skip_reason: 'user' })], [
      { url: 'http://a/', decision: send },
      { url: 'http://b/', decision: send },
    ]);
    expect(steps).toEqual([{ type: 'requeue', id: 1 }]);
  });
});
