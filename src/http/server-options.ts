// Fastify's own options for the one instance: JSON logs at the configured level, which proxies to trust,
// the body and parameter limits, and a plain 400 page for a URL the router cannot decode.
import type { FastifyReply, FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';
import { fastifyTrustProxy } from '../trust-proxy.js';

export function serverOptions(config: Config): FastifyServerOptions {
  return {
    logger: { level: config.logLevel },
    trustProxy: fastifyTrustProxy(config.trustProxy) as FastifyServerOptions['trustProxy'],
    bodyLimit: 1_048_576,
    // Slugs run to 190 characters; percent-encoded non-Latin ones to six bytes each (posts/permalink.ts).
    routerOptions: { maxParamLength: 2048 },
    // A URL with broken percent-encoding is the client's mistake: a plain 400 page, not Fastify's JSON. (The
    // router answers before plugins run, so the themed reply.page is not available here.)
    frameworkErrors: (error, _request, rawReply) => {
      const reply = rawReply as unknown as FastifyReply;
      if (error.code !== 'FST_ERR_BAD_URL') {
        void reply.code(error.statusCode ?? 400).send(error);
        return;
      }
      void reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad request</title><link rel="stylesheet" href="/static/style.css"></head><body><main class="wrap"><h1>400 · Bad request</h1><p>This address is not a valid URL (broken %-encoding).</p><p><a href="/">Go to the home page</a></p></main></body></html>');
    },
  };
}
