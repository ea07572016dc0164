// A last check before a reply is written: every header value must be one Node will accept. If one is not
// (a bug: redirect targets go through src/http/redirect-target.ts), the header is dropped and the error goes
// to Fastify's error handler as a logged 500 page, instead of writeHead throwing deep inside a plugin's
// callback where nothing catches it (issue 10 point 1).
import { validateHeaderValue } from 'node:http';
import type { FastifyInstance } from 'fastify';

export class InvalidHeaderError extends Error {
  readonly statusCode = 500;
  readonly code = 'BACKTALK_INVALID_HEADER';
}

export function registerHeaderGuard(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value === undefined) continue;
      try {
        for (const one of Array.isArray(value) ? value : [String(value)]) validateHeaderValue(name, one);
      } catch {
        reply.removeHeader(name);
        throw new InvalidHeaderError(`refused to send header ${name}: it holds a character HTTP does not allow`);
      }
    }
    return payload;
  });
}
