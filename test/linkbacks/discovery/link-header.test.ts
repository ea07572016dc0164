// RFC 8288 Link header parsing as Webmention discovery needs it: lists, quoting, repeated parameters.
import { describe, expect, it } from 'vitest';
import { headerValues, isHtml, parseLinkHeaders } from '../../../src/linkbacks/discovery/link-header.js';

describe('parseLinkHeaders', () => {
  it('reads several link-values, quoted and bare parameters, commas and semicolons inside quotes', () => {
    expect(parseLinkHeaders(['<https://a.example/x,y>; title="a, b; c"; rel="next webmention", </wm>; REL=Webmention'])).toEqual([
      { href: 'https://a.example/x,y', rels: ['next', 'webmention'] },
      { href: '/wm', rels: ['webmention'] },
    ]);
  });

  it('keeps only the first rel parameter of a link-value (RFC 8288 §3.3)', () => {
    expect(parseLinkHeaders(['</a>; rel="other"; rel="webmention"'])).toEqual([{ href: '/a', rels: ['other'] }]);
  });

  it('unescapes quoted-pairs and survives junk', () => {
    expect(parseLinkHeaders(['</a>; title="say \\"hi\\""; rel=webmention', 'garbage, </b>; rel=x', '</c'])).toEqual([
      { href: '/a', rels: ['webmention'] },
      { href: '/b', rels: ['x'] },
    ]);
  });

  it('gives a link without rel no relations', () => {
    expect(parseLinkHeaders(['</a>'])).toEqual([{ href: '/a', rels: [] }]);
  });
});

describe('headerValues and isHtml', () => {
  it('finds headers whatever their case and flattens repeats in order', () => {
    expect(headerValues({ Link: ['a', 'b'], LINK: 'c', other: 'd' }, 'link')).toEqual(['a', 'b', 'c']);
  });

  it('treats HTML, XHTML and a missing type as HTML', () => {
    expect(isHtml({ 'content-type': 'text/html; charset=utf-8' })).toBe(true);
    expect(isHtml({ 'Content-Type': 'application/xhtml+xml' })).toBe(true);
    expect(isHtml({})).toBe(true);
    expect(isHtml({ 'content-type': 'text/plain' })).toBe(false);
    expect(isHtml({ 'content-type': 'text/htmlx' })).toBe(false);
  });
});
