// The guarded outbound HTTP client (undici). Placeholder until the net/ work lands: refuses everything.
import type { Config } from '../config.js';
import { HttpError, type HttpClient } from './types.js';

export function createHttpClient(config: Pick<Config, 'outboundAllowPrivate' | 'siteUrl'>): HttpClient {
  void config;
  return {
    async request(url: string) {
      throw new HttpError('network', `outbound HTTP is not available yet (${url})`);
    },
  };
}
