// One protocol per target (issue 4 §4): Webmention, else Pingback, else TrackBack, else nothing.
import { describe, expect, it } from 'vitest';
import { chooseProtocol, discoverEndpoints } from '../../../src/linkbacks/discovery/endpoints.js';
import { loadFixture } from './fixture.js';

const PAGE = 'https://target.example/post/1';

function discover(name: string, linked = PAGE, finalUrl = linked) {
  const { headers, body } = loadFixture(name);
  return discoverEndpoints(linked, finalUrl, headers, body);
}

describe('discoverEndpoints and chooseProtocol', () => {
  it('finds all three on a page that advertises all three, and chooses Webmention', () => {
    const e = discover('choose-all-three.http');
    expect(e).toEqual({ webmention: 'https://target.example/webmention', pingback: 'https://target.example/xmlrpc.php', trackback: 'https://target.example/trackback/1' });
    expect(chooseProtocol(e)).toEqual({ protocol: 'webmention', endpoint: 'https://target.example/webmention' });
  });

  it('chooses Pingback over TrackBack', () => {
    expect(chooseProtocol(discover('choose-pingback-and-trackback.http'))).toEqual({ protocol: 'pingback', endpoint: 'https://target.example/xmlrpc.php' });
  });

  it('falls back to TrackBack', () => {
    expect(chooseProtocol(discover('trackback-autodiscovery-rdf-in-comment.http'))).toEqual({ protocol: 'trackback', endpoint: 'https://target.example/trackback/1' });
  });

  it('chooses nothing for a page that advertises nothing', () => {
    const e = discover('webmention-3.1.2-none.http');
    expect(e).toEqual({ webmention: null, pingback: null, trackback: null });
    expect(chooseProtocol(e)).toBeNull();
  });

  it('matches the TrackBack RDF against the URL after redirects when the linked URL was a short link', () => {
    const e = discover('trackback-autodiscovery-rdf-in-comment.http', 'https://short.example/x', PAGE);
    expect(e.trackback).toBe('https://target.example/trackback/1');
  });
});
