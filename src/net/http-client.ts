// The guarded outbound HTTP client (undici): every request to another site goes through here. http(s) only,
// connect and total timeouts, a byte cap, redirects followed by hand so each hop is re-checked, and the SSRF
// guard applied to IP literals before connecting and to resolved names inside the connect-time lookup.
import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import type { Config } from '../config.js';
import { addressPolicy, literalHostReason, type AddressPolicy } from './address-guard.js';
import { decodeBody } from './charset.js';
import { guardedLookup, type ResolveAll } from './guarded-lookup.js';
import { HttpError, type HttpClient, type HttpRequestOptions, type HttpResult } from './types.js';

const CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Seams for tests of the guard itself; production passes none. */
export interface HttpClientTestOptions {
  /** Replaces the system resolver (dns.lookup, all: true). */
  resolveAll?: ResolveAll;
  /** Exact "ip:port" pairs allowed despite the guard, so a loopback peer can play a public host. */
  extraAllowed?: string[];
}

export type ClosableHttpClient = HttpClient & { close(): Promise<void> };

export function createHttpClient(
  config: Pick<Config, 'outboundAllowPrivate' | 'siteUrl'>,
  test: HttpClientTestOptions = {},
): ClosableHttpClient {
  const policy = addressPolicy(config.outboundAllowPrivate, test.extraAllowed);
  const agent = new Agent({
    connect: { timeout: CONNECT_TIMEOUT_MS, lookup: guardedLookup(policy, test.resolveAll) },
    keepAliveTimeout: 4_000,
  });
  const userAgent = `Backtalk/0.1 (+${config.siteUrl})`;
  return {
    request: (url, opts = {}) => guardedRequest(agent, policy, userAgent, url, opts),
    // Destroy, not close: the app closes this after the worker's drain bound (WORKER_DRAIN_SECONDS), so a
    // request still open belongs to a job whose lease was handed back, and waiting for it (up to its 10 s
    // timeout) would overrun the bound a SIGTERM promised (issue 18 point 6).
    close: () => agent.destroy(),
  };
}

/** Parses and checks one hop: scheme, credentials, and (for IP literals, which Node never looks up) the guard. */
function checkHop(raw: string | URL, policy: AddressPolicy, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new HttpError('bad_url', `not a URL: ${String(raw).slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HttpError('bad_url', `scheme not allowed: ${url.protocol}`);
  if (url.username || url.password) throw new HttpError('bad_url', 'credentials in URLs are not sent');
  const reason = literalHostReason(url, policy);
  if (reason) throw new HttpError('blocked', `refused to connect to ${url.host} (${reason})`);
  url.hash = '';
  return url;
}

async function guardedRequest(agent: Agent, policy: AddressPolicy, userAgent: string, rawUrl: string, opts: HttpRequestOptions): Promise<HttpResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const signal = AbortSignal.timeout(timeoutMs);
  let url = checkHop(rawUrl, policy);
  let method = opts.method ?? 'GET';
  let body = opts.body;
  let headers: Record<string, string> = { ...lowerKeys(opts.headers ?? {}), 'user-agent': userAgent };
  try {
    for (let hop = 0; ; hop++) {
      const res = await undiciRequest(url, {
        dispatcher: agent, method, headers, body, signal, headersTimeout: timeoutMs, bodyTimeout: timeoutMs,
      });
      // Bodies we abandon (redirects, caps) are destroyed early; undici reports that as an 'error' event.
      res.body.on('error', () => {});
      const location = firstHeader(res.headers['location']);
      if (REDIRECTS.has(res.statusCode) && location && maxRedirects > 0) {
        res.body.destroy();
        if (hop >= maxRedirects) throw new HttpError('too_many_redirects', `more than ${maxRedirects} redirects from ${rawUrl}`);
        url = checkHop(location, policy, url);
        // Browsers turn POST into GET on 301/302, and anything but HEAD into GET on 303 (Fetch §4.4).
        if ((res.statusCode === 303 && method !== 'HEAD') || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
          headers = withoutBodyHeaders(headers);
        }
        continue;
      }
      return await readResult(url, res, method, opts);
    }
  } catch (err) {
    throw toHttpError(err, signal, url);
  }
}

async function readResult(url: URL, res: Dispatcher.ResponseData, method: string, opts: HttpRequestOptions): Promise<HttpResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const headers = normaliseHeaders(res.headers);
  const declared = Number(firstHeader(headers['content-length']) ?? NaN);
  if (opts.failIfTooLarge && declared > maxBytes) {
    res.body.destroy();
    throw new HttpError('too_large', `body of ${declared} bytes is over ${maxBytes}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  if (method !== 'HEAD') {
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      if (size + chunk.length > maxBytes) {
        if (opts.failIfTooLarge) throw new HttpError('too_large', `body is over ${maxBytes} bytes`);
        chunks.push(chunk.subarray(0, maxBytes - size));
        size = maxBytes;
        truncated = true;
        break; // leaving the loop destroys the stream: nothing more is read
      }
      chunks.push(chunk);
      size += chunk.length;
    }
  }
  res.body.destroy();
  const bytes = Buffer.concat(chunks, size);
  if (opts.binary) return { url: url.href, status: res.statusCode, headers, body: '', bytes, truncated };
  const text = decodeBody(bytes, firstHeader(headers['content-type']));
  return { url: url.href, status: res.statusCode, headers, body: text, bytes, truncated };
}

function toHttpError(err: unknown, signal: AbortSignal, url: URL): HttpError {
  if (err instanceof HttpError) return err;
  const codes = errorCodes(err);
  if (codes.includes('EBLOCKEDADDRESS')) return new HttpError('blocked', findMessage(err, 'EBLOCKEDADDRESS') ?? `refused ${url.host}`);
  if (signal.aborted || codes.some((c) => c === 'UND_ERR_CONNECT_TIMEOUT' || c === 'UND_ERR_HEADERS_TIMEOUT' || c === 'UND_ERR_BODY_TIMEOUT' || c === 'ETIMEDOUT')) {
    return new HttpError('timeout', `timed out fetching ${url.host}`);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new HttpError('network', `${url.host}: ${codes[0] ?? ''} ${message}`.trim());
}

/** Codes along the error's cause chain (undici wraps socket errors). */
function errorCodes(err: unknown): string[] {
  const out: string[] = [];
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') out.push(code);
  }
  return out;
}

function findMessage(err: unknown, code: string): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === code) return (e as Error).message;
  }
  return null;
}

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

function withoutBodyHeaders(h: Record<string, string>): Record<string, string> {
  const { 'content-type': _t, 'content-length': _l, ...rest } = h;
  return rest;
}

function normaliseHeaders(h: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
}
