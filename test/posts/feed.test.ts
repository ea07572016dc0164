import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { buildAtom, buildRss, cdata, rfc3339, rfc822, xmlText, type FeedInfo } from '../../src/posts/feed.js';
import { xmlError } from '../support/xml.js';

const info = (overrides: Partial<FeedInfo['items'][number]> = {}): FeedInfo => ({
  title: 'Tom & Jerry\'s "blog"',
  subtitle: 'a <tagline>',
  siteUrl: 'http://blog.test',
  selfUrl: 'http://blog.test/feed/',
  updated: '2026-01-20T00:00:00.000Z',
  items: [
    {
      id: 'http://blog.test/?p=1',
      title: 'A < B & C',
      link: 'http://blog.test/2026/01/15/a-b-c/',
      published: '2026-01-15T12:00:00.000Z',
      updated: '2026-01-16T08:30:00.000Z',
      authorName: 'Ann <admin>',
      html: '<p>x ]]> y</p><script>alert(1)</script>',
      summary: 'x ]]> y',
      ...overrides,
    },
  ],
});

describe('XML helpers', () => {
  it('uses a checker that does reject ill-formed XML', () => {
    expect(xmlError('<a><b></a>')).not.toBeNull();
    expect(xmlError('<a>Tom & Jerry</a>')).not.toBeNull();
    expect(xmlError('<a>ok</a>')).toBeNull();
  });
  it('escapes the five XML specials and drops characters XML 1.0 forbids', () => {
    expect(xmlText(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(xmlText('a\u0000b\u0008c\uFFFEd\uD800e😀')).toBe('abcde😀');
  });
  it('splits ]]> across CDATA sections so the text survives', () => {
    const section = cdata('a]]>b');
    expect(section).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    const $ = cheerio.load(`<x>${section}</x>`, { xml: true });
    expect($('x').text()).toBe('a]]>b');
  });
  it('formats RFC 822 and RFC 3339 dates', () => {
    expect(rfc822('2026-01-15T12:00:00.000Z')).toBe('Thu, 15 Jan 2026 12:00:00 GMT');
    expect(rfc3339('2026-01-15T12:00:00.123Z')).toBe('2026-01-15T12:00:00Z');
  });
});

describe('buildRss', () => {
  it('is well-formed and carries escaped titles and the full HTML', () => {
    const xml = buildRss(info());
    expect(xmlError(xml)).toBeNull();
    const $ = cheerio.load(xml, { xml: true });
    expect($('channel > title').text()).toBe('Tom & Jerry\'s "blog"');
    expect($('item > title').text()).toBe('A < B & C');
    expect($('item > guid').attr('isPermaLink')).toBe('false');
    expect($('item > pubDate').text()).toBe('Thu, 15 Jan 2026 12:00:00 GMT');
    expect($('item > content\\:encoded').text()).toBe('<p>x ]]> y</p><script>alert(1)</script>');
    expect($('item > dc\\:creator').text()).toBe('Ann <admin>');
    expect($('channel > atom\\:link').attr('rel')).toBe('self');
  });
  it('is well-formed with no items', () => {
    const xml = buildRss({ ...info(), items: [] });
    expect(xmlError(xml)).toBeNull();
    expect(xml).toContain('<lastBuildDate>Tue, 20 Jan 2026 00:00:00 GMT</lastBuildDate>');
  });
});

describe('buildAtom', () => {
  it('is well-formed with escaped HTML content, self link and RFC 3339 dates', () => {
    const xml = buildAtom(info({ title: 'Control\u0001char' }));
    expect(xmlError(xml)).toBeNull();
    const $ = cheerio.load(xml, { xml: true });
    expect($('entry > content').attr('type')).toBe('html');
    expect($('entry > content').text()).toBe('<p>x ]]> y</p><script>alert(1)</script>');
    expect($('entry > title').text()).toBe('Controlchar');
    expect($('feed > link[rel=self]').attr('href')).toBe('http://blog.test/feed/');
    expect($('entry > updated').text()).toBe('2026-01-16T08:30:00Z');
    expect($('feed > updated').text()).toBe('2026-01-16T08:30:00Z');
  });
});
