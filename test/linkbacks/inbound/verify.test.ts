// Pure pieces of inbound verification: link matching under normalisation, title precedence, the context
// excerpt, URL rules, charset decoding and truncation.
import { describe, expect, it } from 'vitest';
import { verifyHtml, verifyText } from '../../../src/linkbacks/inbound/verify.js';
import { comparisonKey, parseHttpUrl, sameResource } from '../../../src/linkbacks/inbound/urls.js';
import { decodeTrackbackForm } from '../../../src/linkbacks/inbound/charset.js';
import { fieldToText, truncateText } from '../../../src/linkbacks/inbound/text.js';
import { fixture } from './helpers.js';

const T = 'https://blog.test/2026/01/15/hello/';
const page = (body: string, head = '') => `<html><head>${head}</head><body>${body}</body></html>`;

describe('verifyHtml', () => {
  it('finds links to the target in its usual variants, resolved against the page or <base>', () => {
    for (const href of [T, 'https://blog.test/2026/01/15/hello', 'http://blog.test/2026/01/15/hello/#c-3', 'HTTPS://BLOG.TEST/2026/01/15/hello/', 'https://blog.test:443/2026/01/15/hello/']) {
      expect(verifyHtml(page(`<a href="${href}">x</a>`), 'https://alice.example/p', T).linked, href).toBe(true);
    }
    expect(verifyHtml(page('<a href="/2026/01/15/hello/">x</a>'), 'https://blog.test/elsewhere', T).linked).toBe(true);
    expect(verifyHtml(page('<a href="2026/01/15/hello/">x</a>', '<base href="https://blog.test/">'), 'https://alice.example/p', T).linked).toBe(true);
  });

  it('does not count other pages, plain text, comments, scripts or non-anchor elements', () => {
    const misses = [
      `<a href="https://blog.test/2026/01/15/hello-world/">x</a>`,
      `<a href="https://blog.test/2026/01/15/hello/?replytocom=1">x</a>`,
      `<p>${T}</p>`,
      `<!-- <a href="${T}">x</a> -->`,
      `<script>document.write('<a href="${T}">x</a>')</script>`,
      `<link rel="canonical" href="${T}">`,
      `<a data-href="${T}">x</a>`,
    ];
    for (const body of misses) expect(verifyHtml(page(body), 'https://alice.example/p', T).linked, body).toBe(false);
  });

  it('takes the h-entry name, then og:title, then <title>, then the host', () => {
    expect(verifyHtml(fixture('h-entry.html', T), 'https://a.example/', T).title).toBe('A reply about linkbacks');
    expect(verifyHtml(fixture('og-only.html', T), 'https://a.example/', T).title).toBe('The OG title');
    expect(verifyHtml(fixture('title-only.html', T), 'https://a.example/', T).title).toBe('Just a title');
    expect(verifyHtml(page(`<a href="${T}">x</a>`), 'https://a.example/p', T).title).toBe('a.example');
  });

  it('builds a plain-text excerpt of about 100 characters each side, within the link paragraph', () => {
    const v = verifyHtml(fixture('h-entry.html', T), 'https://a.example/', T);
    expect(v.excerpt).toMatch(/^[^<>]*this post on Backtalk explains the trade-offs[^<>]*$/);
    expect(v.excerpt).not.toContain('opening paragraph');
    expect(v.excerpt).not.toContain('closing paragraph');
    expect(v.excerpt).not.toContain('var target');
    const [before, after] = v.excerpt.split('this post on Backtalk');
    expect(before.length).toBeLessThanOrEqual(101);
    expect(after.length).toBeLessThanOrEqual(101);
    expect(after.length).toBeGreaterThan(50);
  });

  it('keeps markup-looking text as text', () => {
    const v = verifyHtml(fixture('xss.html', T), 'https://a.example/', T);
    expect(v.title).toBe('<script>alert("title")</script> & friends');
    expect(v.excerpt).toContain('<img src=x onerror=alert(1)> before <b>link</b> after');
  });

  it('handles plain-text sources by exact URL', () => {
    expect(verifyText(`see ${T} for more`, 'https://a.example/t.txt', T)).toEqual({ linked: true, title: 'a.example', excerpt: `see ${T} for more` });
    expect(verifyText('nothing here', 'https://a.example/t.txt', T).linked).toBe(false);
  });
});

describe('URL rules', () => {
  it('accepts only absolute http(s) URLs without credentials', () => {
    for (const bad of ['', 'x', '/relative', 'mailto:a@b.c', 'javascript:alert(1)', 'ftp://a.example/', 'data:text/html,hi', 'http://user:pw@a.example/', 'http://', 42, null]) {
      expect(parseHttpUrl(bad), String(bad)).toBeNull();
    }
    expect(parseHttpUrl(' https://a.example/x ')?.href).toBe('https://a.example/x');
  });

  it('compares ignoring scheme, fragment, default port and one trailing slash', () => {
    expect(sameResource('http://a.example/x/', 'https://A.example:443/x#top')).toBe(true);
    expect(sameResource('http://a.example/x', 'http://a.example/x?y=1')).toBe(false);
    expect(comparisonKey('http://a.example:8080/')).toBe('a.example:8080/');
  });
});

describe('TrackBack form decoding and text', () => {
  it('decodes percent-escapes as bytes of the declared charset', () => {
    const r = decodeTrackbackForm(Buffer.from('title=Caf%E9&url=http%3A%2F%2Fa.example%2F'), 'application/x-www-form-urlencoded; charset="ISO-8859-1"');
    expect(r).toMatchObject({ ok: true });
    if (r.ok) expect(r.fields.get('title')).toEqual(['Café']);
    expect(decodeTrackbackForm(Buffer.from('title=%2BADw-script'), 'application/x-www-form-urlencoded; charset=UTF-7')).toMatchObject({ ok: false });
    expect(decodeTrackbackForm(Buffer.from('title=a+b%20c'), undefined)).toMatchObject({ ok: true, charset: 'utf-8' });
  });

  it('truncates by characters, never splitting an emoji or a combined letter', () => {
    expect(truncateText('abcdef', 4)).toBe('abc…');
    expect(truncateText('👩‍👩‍👧‍👦'.repeat(5), 3)).toBe('👩‍👩‍👧‍👦👩‍👩‍👧‍👦…');
    expect(truncateText('e\u0301'.repeat(10), 4)).toBe('e\u0301e\u0301e\u0301…');
    expect(truncateText('short', 10)).toBe('short');
  });

  it('turns HTML fields into text', () => {
    expect(fieldToText('<p>One</p><style>p{}</style>  two &amp; three&#8230;')).toBe('One two & three…');
    expect(fieldToText('a\u0000b')).toBe('a b');
  });
});
