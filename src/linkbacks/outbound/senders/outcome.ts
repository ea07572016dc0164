// Shared classification for the senders: which HTTP answers and transport errors are worth retrying, the
// peer's Retry-After (RFC 9110 §10.2.3), and answers cut short for the delivery log.
import { htmlToText } from '../../../content/sanitize.js';
import { parseRetryAfter } from '../../../jobs/backoff.js';
import { HttpError, type HttpResult } from '../../../net/types.js';
import type { SendOptions, SendOutcome } from './types.js';

/** Senders read only a little of the answer: enough for a status line in the delivery log and an XML reply. */
export const ANSWER_MAX_BYTES = 64 * 1024;

/** 408, 429 and 5xx say "not now" (as Mastodon's delivery workers treat them); other 4xx say "never". */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export function retryAfterMs(res: HttpResult, opts: SendOptions = {}): number | null {
  const value = header(res, 'retry-after');
  // Our clock when the caller gave one (time comes from ctx.clock); else the peer's Date header, the clock an
  // HTTP-date Retry-After was written against; else the system clock.
  const peerNow = Date.parse(header(res, 'date') ?? '');
  const now = opts.now?.() ?? (Number.isNaN(peerNow) ? new Date() : new Date(peerNow));
  return parseRetryAfter(value, now);
}

export function retryLater(res: HttpResult, answer: string, opts: SendOptions = {}): SendOutcome {
  return { kind: 'retry', answer, retryAfterMs: retryAfterMs(res, opts) };
}

/** A transport failure: refused or malformed URLs are final; timeouts, resets and the like retry. */
export function transportOutcome(err: unknown): SendOutcome {
  if (err instanceof HttpError) {
    const answer = `${err.kind}: ${err.message}`;
    if (err.kind === 'blocked' || err.kind === 'bad_url') return { kind: 'failed', answer: short(answer) };
    return { kind: 'retry', answer: short(answer), retryAfterMs: null };
  }
  return { kind: 'retry', answer: short(`error: ${err instanceof Error ? err.message : String(err)}`), retryAfterMs: null };
}

export function header(res: HttpResult, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** One line of at most `max` characters for the delivery log (it is shown as text, escaped). */
export function short(text: string, max = 300): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length <= max ? line : chars.slice(0, max - 1).join('') + '…';
}

/** "HTTP 503: Service Unavailable ..." from an answer, as text (markup, scripts and styles dropped). */
export function statusAnswer(res: HttpResult): string {
  // A space before each tag keeps block elements' words apart ("<h1>Bad</h1><p>long").
  const text = htmlToText(res.body.slice(0, 16_384).replace(/</g, ' <'));
  return short(`HTTP ${res.status}${text.trim() ? `: ${text}` : ''}`);
}
