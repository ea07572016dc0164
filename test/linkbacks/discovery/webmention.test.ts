// Webmention endpoint discovery, one fixture per rule of W3C Webmention §3.1.2 (the webmention.rocks
// discovery tests named in brackets).
import { describe, expect, it } from 'vitest';
import { discoverWebmention } from '../../../src/linkbacks/discovery/webmention.js';
import { fixtureNames, loadFixture } from './fixture.js';

const PAGE = 'https://target.example/post/1';

const cases: Array<[fixture: string, rule: string, expected: string | null, finalUrl?: string]> = [
  ['webmention-3.1.2-link-header-absolute.http', 'HTTP Link header, absolute URL [1]', 'https://target.example/wm/absolute'],
  ['webmention-3.1.2-link-header-relative.http', 'HTTP Link header, relative URL [2]', 'https://target.example/wm/relative'],
  ['webmention-3.1.2-html-link-relative.http', '<link>, relative URL [3]', 'https://target.example/wm/link-relative'],
  ['webmention-3.1.2-html-link-absolute.http', '<link>, absolute URL [4]', 'https://target.example/wm/link-absolute'],
  ['webmention-3.1.2-html-a-relative.http', '<a>, relative URL [5]', 'https://target.example/wm/a-relative'],
  ['webmention-3.1.2-html-a-absolute.http', '<a>, absolute URL, href before rel [6]', 'https://target.example/wm/a-absolute'],
  ['webmention-3.1.2-header-name-case.http', 'header name is case-insensitive (LinK:) [7]', 'https://target.example/wm/case'],
  ['webmention-3.1.2-link-header-quoted-rel.http', 'quoted rel in the Link header [8]', 'https://target.example/wm/quoted'],
  ['webmention-3.1.2-link-header-rel-case.http', 'rel parameter name and value are case-insensitive', 'https://target.example/wm/rel-case'],
  ['webmention-3.1.2-html-rel-several-tokens.http', 'rel with several tokens on <link> [9]', 'https://target.example/wm/several-tokens'],
  ['webmention-3.1.2-link-header-rel-several-tokens.http', 'rel with several tokens in the header [10]', 'https://target.example/wm/header-tokens'],
  ['webmention-3.1.2-header-before-html.http', 'the Link header wins over the document [11]', 'https://target.example/wm/from-header'],
  ['webmention-3.1.2-rel-not-webmention.http', 'only the exact token counts [12]', 'https://target.example/wm/real'],
  ['webmention-3.1.2-html-comment-ignored.http', 'nothing inside HTML comments [13]', 'https://target.example/wm/after-comment'],
  ['webmention-3.1.2-escaped-html-ignored.http', 'escaped markup in text does not count [14]', 'https://target.example/wm/not-escaped'],
  ['webmention-3.1.2-script-and-template-ignored.http', 'script text, template content and textarea text do not count', 'https://target.example/wm/visible'],
  ['webmention-3.1.2-empty-href-is-self.http', 'an empty href is the page itself [15]', PAGE],
  ['webmention-3.1.2-a-before-link-document-order.http', '<a> before <link>: document order [16]', 'https://target.example/wm/a-first'],
  ['webmention-3.1.2-link-before-a-document-order.http', '<link> before <a>: document order [17]', 'https://target.example/wm/link-first'],
  ['webmention-3.1.2-several-link-headers.http', 'several Link headers [18]', 'https://target.example/wm/second-header'],
  ['webmention-3.1.2-comma-separated-link-header.http', 'one Link header with a comma-separated list [19]', 'https://target.example/wm/in-list'],
  ['webmention-3.1.2-link-without-href-skipped.http', 'a <link> without href is skipped, not self [20]', 'https://target.example/wm/has-href'],
  ['webmention-3.1.2-query-string-kept.http', 'the query string is kept [21]', 'https://target.example/wm/endpoint?query=yes&token=a%20b'],
  ['webmention-3.1.2-path-relative-href.http', 'a path-relative href resolves against the page path [22]', 'https://target.example/test/22/webmention', 'https://target.example/test/22'],
  ['webmention-3.1.2-relative-to-final-url.http', 'relative URLs resolve against the URL after redirects [23]', 'https://moved.example/new/place/endpoint', 'https://moved.example/new/place/post'],
  ['webmention-3.1.2-not-html-body-ignored.http', 'elements count only in an HTML document, not in text/plain', null],
  ['webmention-3.1.2-non-html-link-header-counts.http', 'the Link header counts for any content type', 'https://target.example/wm/image'],
  ['webmention-3.1.2-none.http', 'a page that advertises nothing', null],
];

describe('Webmention discovery (W3C Webmention §3.1.2)', () => {
  it.each(cases)('%s: %s', (fixture, _rule, expected, finalUrl = PAGE) => {
    const { headers, body } = loadFixture(fixture);
    expect(discoverWebmention(finalUrl, headers, body)).toBe(expected);
  });

  it('has a test for every webmention fixture', () => {
    expect(fixtureNames('webmention-').sort()).toEqual(cases.map((c) => c[0]).sort());
  });

  it('drops the fragment of the endpoint, never sends it', () => {
    expect(discoverWebmention(PAGE, { link: '</wm#frag>; rel=webmention' }, '')).toBe('https://target.example/wm');
  });

  it('skips a header link whose URL cannot be used and falls through to the document', () => {
    expect(discoverWebmention(PAGE, { link: '<javascript:alert(1)>; rel=webmention' }, '<a rel="webmention" href="/ok">x</a>')).toBe('https://target.example/ok');
  });
});
