// Pingback server discovery, one fixture per rule of Pingback 1.0 §2.3.
import { describe, expect, it } from 'vitest';
import { discoverPingback } from '../../../src/linkbacks/discovery/pingback.js';
import { fixtureNames, loadFixture } from './fixture.js';

const PAGE = 'https://target.example/post/1';

const cases: Array<[fixture: string, rule: string, expected: string | null]> = [
  ['pingback-2.3-x-pingback-header.http', 'the X-Pingback header', 'https://target.example/xmlrpc.php'],
  ['pingback-2.3-header-wins-over-link.http', 'when header and element differ, the header wins', 'https://target.example/xmlrpc-header'],
  ['pingback-2.3-html-link.http', 'the HTML <link> element, &amp; decoded', 'https://target.example/xmlrpc.php?a=1&b=2'],
  ['pingback-2.3-xhtml-link.http', 'the XHTML <link ... /> element', 'https://target.example/xhtml-xmlrpc'],
  ['pingback-2.3-wordpress-style-link.http', "single-quoted attributes, as WordPress themes print them", 'https://target.example/wp/xmlrpc.php'],
  ['pingback-2.3-commented-link-ignored.http', 'a commented-out element does not count', null],
  ['pingback-2.2-any-content-type-header.http', 'X-Pingback on any content type (the spec shows an image/png)', 'https://target.example/xmlrpc-image'],
  ['pingback-2.3-none.http', 'no header and no element: not pingback-enabled', null],
];

describe('Pingback discovery (Pingback 1.0 §2.3)', () => {
  it.each(cases)('%s: %s', (fixture, _rule, expected) => {
    const { headers, body } = loadFixture(fixture);
    expect(discoverPingback(headers, body, PAGE)).toBe(expected);
  });

  it('has a test for every pingback fixture', () => {
    expect(fixtureNames('pingback-').sort()).toEqual(cases.map((c) => c[0]).sort());
  });

  it('uses the first of several X-Pingback headers', () => {
    expect(discoverPingback({ 'X-Pingback': ['https://a.example/1', 'https://a.example/2'] }, '', PAGE)).toBe('https://a.example/1');
  });
});
