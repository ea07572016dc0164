// The /xmlrpc endpoint (and /xmlrpc.php, the path WordPress clients try): POST only, body capped at 64 KB
// (a post's size for the calls that carry one) with a 413 beyond, any content type accepted since clients
// vary; everything else is dispatch's.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { bodyLimitFor, MAX_POST_CALL_BYTES } from './body.js';
import { dispatch } from './dispatch.js';
import { readCallBody, type CallBody } from './read-call.js';
import { Base64Spool, spoolFolder } from './base64-spool.js';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { rsdDocument } from './rsd.js';
import { registerSystemMethods } from './system-methods.js';
import { loadSiteUrl } from '../settings/site-url.js';
import { inputOf, present } from '../http/input.js';

/** ?rsd asks for the Really Simple Discovery document (any value). */
const rsdQuery = inputOf({ rsd: present });

const PATHS = ['/xmlrpc', '/xmlrpc.php'];

function notPost(reply: FastifyReply) {
  return reply.code(405).header('allow', 'POST').type('text/plain; charset=utf-8').send('XML-RPC server accepts POST requests only.');
}

export async function xmlrpcRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  registerSystemMethods(app.xmlrpcMethods);
  const registry = app.xmlrpcMethods;

  await app.register(async (scope) => {
    // The spec says text/xml, but clients send application/xml, nothing, or form types: read them all as bytes.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (request, payload, done) => {
      // Methods with caps of their own (uploads, from the upload size setting) are asked each time.
      const spoolDir = join(ctx.config.dataDir, 'tmp');
      Promise.all([registry.ownBodyLimits(ctx), spoolFolder(spoolDir)])
        .then(([own]) => {
          const limitFor = (methodName: string | null) => (methodName !== null && own.has(methodName) ? own.get(methodName)! : bodyLimitFor(methodName, (name) => registry.carriesPost(name)));
          const spoolFor = (methodName: string | null) => (methodName !== null && registry.spoolsBase64(methodName) ? new Base64Spool(spoolDir) : null);
          return readCallBody(payload, Number(request.headers['content-length'] ?? NaN), limitFor, Math.max(MAX_POST_CALL_BYTES, ...own.values()), spoolFor);
        })
        .then((body) => done(null, body), (err: Error) => done(err, undefined));
    });

    scope.setErrorHandler(async (error: FastifyError, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) request.log.error({ err: error }, 'XML-RPC request failed');
      const message = status === 500 ? 'Something went wrong on our side.' : error.message;
      return reply.code(status).type('text/plain; charset=utf-8').send(message);
    });

    for (const url of PATHS) {
      scope.post(url, async (request, reply) => {
        const { body, spooled } = (request.body as CallBody | undefined) ?? { body: Buffer.alloc(0), spooled: [] };
        try {
          const xml = await dispatch(ctx, registry, body, {
            ip: request.ip,
            userAgent: String(request.headers['user-agent'] ?? ''),
            contentType: String(request.headers['content-type'] ?? ''),
            spooled,
          });
          return reply.code(200).type('text/xml; charset=utf-8').send(xml);
        } finally {
          for (const file of spooled) await rm(file.path, { force: true });
        }
      });
      scope.get(url, async (request, reply) => {
        if (rsdQuery.parse(request.query).rsd) {
          return reply.type('application/rsd+xml; charset=utf-8').send(rsdDocument(await loadSiteUrl(ctx.db, ctx.config)));
        }
        return notPost(reply);
      });
      scope.route({ method: ['PUT', 'DELETE', 'PATCH'], url, handler: async (_request, reply) => notPost(reply) });
    }
  });
}
