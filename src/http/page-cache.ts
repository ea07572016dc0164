// HTTP caching for anonymous readers (issue 11 point 3). Every public page and feed an anonymous reader gets
// carries an ETag and a Last-Modified and answers conditional GETs with 304; rendered pages are kept in an
// in-process LRU (bounded by bytes) tagged with the site generation they were rendered at. Each request reads
// the generation once (one primary-key row, bumped by triggers in the same transaction as any public change,
// by whichever process wrote it), so a cached page is served only while nothing it shows has changed.
// Requests that carry a session or another reader cookie, or an unknown query, bypass the cache and get
// `private, no-store` when they are someone's own page. PAGE_CACHE=false turns the in-process cache off; the
// validators and 304s stay.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { carriesReaderCookie, sharedPageKey } from '../cache/cacheable-request.js';
import { entityTag, httpDate, notModified } from '../cache/conditional.js';
import { LruByBytes } from '../cache/lru-bytes.js';
import { readSiteGeneration } from '../cache/site-generation.js';

interface CachedPage {
  bytes: number;
  body: Buffer;
  status: number;
  /** What a hit writes: the stored headers, Content-Length and X-Cache (304: without Content-Length). */
  fullHeaders: Record<string, string | string[]>;
  notModifiedHeaders: Record<string, string | string[]>;
  etag: string;
  generation: number;
  changedAt: string;
  /** A page that changes with time alone (comments closing by age) is not served past this (epoch ms). */
  until: number | null;
}

interface PageCacheState {
  key: string;
  generation: number;
  changedAt: string;
  hit: boolean;
  until: number | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    pageCacheState: PageCacheState | null;
  }
}

/** Headers that belong to one response, not to the page. */
const NOT_STORED = new Set(['content-length', 'set-cookie', 'x-cache', 'date', 'connection', 'transfer-encoding', 'keep-alive']);
const SHARED = 'public, max-age=0, must-revalidate';
const OWN = 'private, no-store';

/** A page that must not be served from the shared cache after `until` (it changes then without a write). */
export function limitSharedLifetime(reply: FastifyReply, until: Date): void {
  const state = reply.request.pageCacheState;
  if (state) state.until = Math.min(state.until ?? Infinity, until.getTime());
}

function isPageOrFeed(contentType: unknown): boolean {
  return typeof contentType === 'string' && /^(?:text\/html|application\/(?:rss\+|atom\+)?xml)/.test(contentType);
}

export function registerPageCache(app: FastifyInstance, ctx: AppContext): LruByBytes<CachedPage> {
  const pages = new LruByBytes<CachedPage>(ctx.config.pageCacheBytes);
  const enabled = ctx.config.pageCache;
  app.decorateRequest('pageCacheState', null);

  // A hit is written straight to the socket: its headers (helmet's included) were checked and stored when the
  // page was rendered, so Fastify's onSend chain (header guard, session, serialisation) has nothing to add to
  // it and is skipped. onResponse and the access log still run.
  const serve = (request: FastifyRequest, reply: FastifyReply, page: CachedPage) => {
    reply.hijack();
    const raw = reply.raw;
    if (notModified(request.headers, page.etag, page.changedAt)) {
      raw.writeHead(304, page.notModifiedHeaders);
      raw.end();
    } else {
      // Node sends no body for HEAD on its own (and keeps Content-Length).
      raw.writeHead(page.status, page.fullHeaders);
      raw.end(page.body);
    }
    return reply;
  };

  // Runs before the session plugin reads the cookie and before the user is loaded: a hit costs one read.
  app.addHook('onRequest', async (request, reply) => {
    const key = sharedPageKey(request);
    if (key === null) return;
    const { generation, changedAt } = await readSiteGeneration(ctx.db);
    request.pageCacheState = { key, generation, changedAt, hit: false, until: null };
    if (!enabled) return;
    const page = pages.get(key);
    if (!page) return;
    if (page.generation !== generation || (page.until !== null && ctx.clock.now().getTime() >= page.until)) {
      pages.delete(key);
      return;
    }
    request.pageCacheState.hit = true;
    return serve(request, reply, page);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const state = request.pageCacheState;
    if (!state) {
      // Someone's own page (signed in, or a reader cookie): no shared cache may keep it.
      if (carriesReaderCookie(request) && !reply.hasHeader('cache-control') && isPageOrFeed(reply.getHeader('content-type'))) reply.header('cache-control', OWN);
      return payload;
    }
    if (state.hit) return payload;
    if (reply.statusCode !== 200 || !isPageOrFeed(reply.getHeader('content-type'))) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (reply.hasHeader('set-cookie') || /private|no-store/.test(String(reply.getHeader('cache-control') ?? ''))) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const etag = entityTag(body);
    reply.header('etag', etag).header('last-modified', httpDate(state.changedAt)).header('cache-control', SHARED).header('vary', 'Cookie');
    if (enabled) {
      reply.header('x-cache', 'miss');
      // Only GET stores: a HEAD's payload is not what a GET would send in every framework path.
      if (request.method === 'GET') {
        const headers: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(reply.getHeaders())) {
          if (value !== undefined && !NOT_STORED.has(name)) headers[name] = typeof value === 'number' ? String(value) : value;
        }
        const notModifiedHeaders = { ...headers, 'x-cache': 'hit' };
        const fullHeaders = { ...notModifiedHeaders, 'content-length': String(body.length) };
        pages.set(state.key, { bytes: body.length + 1024, body, status: 200, fullHeaders, notModifiedHeaders, etag, generation: state.generation, changedAt: state.changedAt, until: state.until });
      }
    }
    if (notModified(request.headers, etag, state.changedAt)) {
      reply.code(304);
      return '';
    }
    return body;
  });
  return pages;
}
