// Discovery fed by the real client from a loopback peer serving the fixtures: the headers and final URL the
// client reports are exactly what discovery needs (relative endpoints resolve after redirects, WM §3.1.2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseProtocol, discoverEndpoints } from '../../../src/linkbacks/discovery/endpoints.js';
import { createHttpClient } from '../../../src/net/http-client.js';
import { startPeer, type Peer } from '../../support/peer.js';
import { loadFixture } from './fixture.js';

const http = createHttpClient({ outboundAllowPrivate: true, siteUrl: 'http://blog.test' });
let peer: Peer;

function serve(name: string) {
  const f = loadFixture(name);
  return { status: f.status, headers: f.headers, body: f.body };
}

beforeAll(async () => {
  peer = await startPeer({
    '/old/post': { status: 301, headers: { location: '/new/place/post' } },
    '/new/place/post': serve('webmention-3.1.2-relative-to-final-url.http'),
    '/several': serve('webmention-3.1.2-several-link-headers.http'),
    '/pingback': serve('pingback-2.3-x-pingback-header.http'),
  });
});
afterAll(async () => {
  await peer.stop();
  await http.close();
});

async function discoverAt(path: string) {
  const linked = `${peer.url}${path}`;
  const res = await http.request(linked);
  return discoverEndpoints(linked, res.url, res.headers, res.body);
}

describe('discovery over HTTP', () => {
  it('resolves a relative endpoint against the URL after redirects', async () => {
    expect(chooseProtocol(await discoverAt('/old/post'))).toEqual({ protocol: 'webmention', endpoint: `${peer.url}/new/place/endpoint` });
  });

  it('reads repeated Link headers as the client reports them', async () => {
    expect((await discoverAt('/several')).webmention).toBe(`${peer.url}/wm/second-header`);
  });

  it('reads X-Pingback as the client reports it', async () => {
    expect(chooseProtocol(await discoverAt('/pingback'))).toEqual({ protocol: 'pingback', endpoint: 'https://target.example/xmlrpc.php' });
  });
});
