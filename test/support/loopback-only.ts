// Tests may talk only to this machine. Every app built by createTestApp gets its outbound client wrapped
// so a URL whose host is not a loopback literal or "localhost" fails before any DNS lookup or packet.
import { HttpError, type HttpClient } from '../../src/net/types.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function loopbackOnly(inner: HttpClient): HttpClient {
  return {
    request(url, opts) {
      let host = '';
      try {
        host = new URL(url).hostname;
      } catch {
        return inner.request(url, opts);
      }
      if (!LOOPBACK.has(host)) return Promise.reject(new HttpError('network', `test network: ${host} is not loopback`));
      return inner.request(url, opts);
    },
  };
}
