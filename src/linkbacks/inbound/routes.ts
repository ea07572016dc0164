// HTTP doors for inbound linkbacks: POST /trackback/:id, POST /webmention and its status pages, plus the
// post-page advertisement hook. Bodies here are form-encoded, read raw (TrackBack needs the bytes to honour
// its charset) and capped at 64 KB (linkback-protocols §4.7 / §6.3).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { pingsOpen } from '../../comments/rules.js';
import { inputOf, queryText } from '../../http/input.js';
import { loadSiteUrl } from '../../settings/site-url.js';
import { resolveTarget } from './target.js';
import { parseHttpUrl } from './urls.js';
import { advertisement } from './advertise.js';
import { scheduleSweep } from './reverify.js';
import { parseTrackbackPing, receiveTrackback, trackbackXml } from './trackback.js';
import { webmentionRoutes } from './webmention-routes.js';

export const BODY_LIMIT = 64 * 1024;
const FORM = 'application/x-www-form-urlencoded';

export async function inboundRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  registerAdvertisement(ctx);
  // The re-verification sweep starts with the process, queued before the server answers (an onListen hook
  // would run after listen() returns); the job then re-enqueues itself daily.
  ctx.startupTasks.push(() => scheduleSweep(ctx.db, ctx, ctx.clock.now()));
  await app.register(async (scope) => {
    scope.removeContentTypeParser(FORM);
    scope.addContentTypeParser(FORM, { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));
    scope.setErrorHandler(async (error: FastifyError, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) request.log.error({ err: error }, 'inbound linkback request failed');
      const message = status === 413 ? 'The request body is too large.' : status === 500 ? 'Something went wrong on our side.' : error.message;
      if (/\/trackback(\/|$|\?)/.test(request.url)) return reply.code(status).type('text/xml; charset=utf-8').send(trackbackXml(message));
      return reply.code(status).type('text/plain; charset=utf-8').send(message + '\n');
    });
    scope.post('/trackback/:id', { bodyLimit: BODY_LIMIT }, trackbackHandler(ctx));
    scope.get('/trackback/:id', async (_request, reply) => xml(reply, trackbackXml('TrackBack pings must use HTTP POST.')));
    // WordPress's own form, <permalink>trackback/, which senders used to WordPress often try (wordpress-behaviour §2.1).
    // Permalinks take any shape (the structure setting, pages at any depth), so this is a POST to any other
    // path that ends in trackback/; every other POST stays a 404.
    scope.post('/*', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      if (!/\/trackback\/?$/.test(request.url.split('?')[0]!)) return reply.callNotFound();
      return trackbackHandler(ctx, (r) => postIdFromPermalink(ctx, r.url))(request, reply);
    });
    await webmentionRoutes(scope, ctx);
  });
}

function xml(reply: FastifyReply, body: string) {
  // TrackBack answers are HTTP 200 even for errors (TB12): senders read the <error> element.
  return reply.code(200).type('text/xml; charset=utf-8').send(body);
}

/** The id of the published post whose permalink precedes "trackback/", or '' (answered as an unknown ID). */
async function postIdFromPermalink(ctx: AppContext, url: string): Promise<string> {
  const path = url.split('?')[0].replace(/trackback\/?$/, '');
  const site = await loadSiteUrl(ctx.db, ctx.config);
  const target = parseHttpUrl(`${site}${path}`);
  const mapped = target ? await resolveTarget(ctx.db, target, site) : null;
  return mapped?.ok ? String(mapped.post.id) : '';
}

type IdOf = (request: FastifyRequest) => Promise<string>;
const trackbackParams = inputOf({ id: queryText });
const idParam: IdOf = async (request) => trackbackParams.parse(request.params).id;

function trackbackHandler(ctx: AppContext, idOf: IdOf = idParam) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const type = String(request.headers['content-type'] ?? '');
    if (!type.toLowerCase().startsWith(FORM) || !Buffer.isBuffer(request.body)) {
      return xml(reply, trackbackXml('A TrackBack ping must be sent as application/x-www-form-urlencoded.'));
    }
    const postId = await idOf(request);
    if (!postId) return xml(reply, trackbackXml('There is no published post at this TrackBack URL.'));
    const parsed = parseTrackbackPing(postId, request.body, type, { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') });
    if (!parsed.ok) return xml(reply, trackbackXml(parsed.error));
    return xml(reply, trackbackXml(await receiveTrackback(ctx, parsed.ping)));
  };
}

/** Advertises the endpoints on a post page while that post takes pings (closed-by-age included). */
function registerAdvertisement(ctx: AppContext): void {
  ctx.postPageHooks.push((post, siteUrl, settings) => (pingsOpen(post, settings, ctx.clock.now()) ? advertisement(post, siteUrl, settings) : {}));
}
