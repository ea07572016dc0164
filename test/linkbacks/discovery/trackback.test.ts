// TrackBack ping URL discovery, one fixture per rule of TrackBack 1.2 "Auto-Discovery".
import { describe, expect, it } from 'vitest';
import { discoverTrackback } from '../../../src/linkbacks/discovery/trackback.js';
import { fixtureNames, loadFixture } from './fixture.js';

const PAGE = 'https://target.example/post/1';

const cases: Array<[fixture: string, rule: string, expected: string | null, linked?: string]> = [
  ['trackback-autodiscovery-rdf-in-comment.http', 'the RDF block inside an HTML comment (the usual form)', 'https://target.example/trackback/1'],
  ['trackback-autodiscovery-rdf-bare.http', 'a bare RDF block; relative ping URL; &amp; decoded', 'https://target.example/tb.cgi?id=1&mode=ping'],
  ['trackback-autodiscovery-index-page-chooses-matching.http', 'several blocks: the one whose dc:identifier is the linked URL', 'https://target.example/trackback/2', 'https://target.example/post/2'],
  ['trackback-autodiscovery-identifier-normalised.http', 'identifier compared without trailing slash, fragment or host case', 'https://target.example/trackback/normalised', 'https://target.example/post/1#comments'],
  ['trackback-autodiscovery-other-entry-only.http', 'a block for another entry is not ours', null],
  ['trackback-autodiscovery-identifier-typo.http', 'the common dc:identifer typo falls back to rdf:about', 'https://target.example/trackback/typo'],
  ['trackback-link-rel-fallback.http', 'no RDF: a <link rel="trackback"> element', 'https://target.example/trackback/by-link'],
  ['trackback-none.http', 'text that merely mentions trackback:ping is not a block', null],
];

describe('TrackBack discovery (TrackBack 1.2 Auto-Discovery)', () => {
  it.each(cases)('%s: %s', (fixture, _rule, expected, linked = PAGE) => {
    expect(discoverTrackback(linked, loadFixture(fixture).body)).toBe(expected);
  });

  it('has a test for every trackback fixture', () => {
    expect(fixtureNames('trackback-').sort()).toEqual(cases.map((c) => c[0]).sort());
  });
});
