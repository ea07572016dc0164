// Sends one TrackBack ping (TrackBack 1.2 "Sending a TrackBack Ping", protocols reference §2.2–2.4): a UTF-8
// form POST of title, url, blog_name and a plain-text excerpt of at most 255 characters. The verdict is the
// <error> element of the answer, never the status: 0 is success, 1 is a refusal with a <message>, and an
// answer without a readable <error> is a failure. 5xx (and 408/429) mean "later".
import { htmlToText, truncateText } from '../../../content/sanitize.js';
import type { HttpClient, HttpResult } from '../../../net/types.js';
import { ANSWER_MAX_BYTES, isRetryableStatus, retryLater, short, statusAnswer, transportOutcome } from './outcome.js';
import type { SendOptions, SendOutcome } from './types.js';

export interface TrackbackPing {
  title: string;
  url: string;
  excerpt: string;
  blogName: string;
}

export const EXCERPT_MAX_CHARS = 255;

/** The form body; `charset` is also sent as a field because WordPress reads it from the body (reference §2.4). */
export function trackbackForm(ping: TrackbackPing): string {
  return new URLSearchParams({
    // WordPress ignores a ping without a title (reference §2.4), so an untitled post sends its URL.
    title: ping.title.trim() || ping.url,
    url: ping.url,
    blog_name: ping.blogName,
    excerpt: truncateText(htmlToText(ping.excerpt), EXCERPT_MAX_CHARS),
    charset: 'utf-8',
  }).toString();
}

export async function sendTrackback(http: HttpClient, endpoint: string, ping: TrackbackPing, opts: SendOptions = {}): Promise<SendOutcome> {
  let res: HttpResult;
  try {
    res = await http.request(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'text/xml, application/xml, */*;q=0.5' },
      body: trackbackForm(ping),
      maxBytes: ANSWER_MAX_BYTES,
    });
  } catch (err) {
    return transportOutcome(err);
  }
  if (res.status >= 500) return retryLater(res, statusAnswer(res), opts);
  const verdict = readResponse(res.body);
  if (verdict?.error === 0) return { kind: 'sent', answer: short(verdict.message || `HTTP ${res.status}: <error>0</error>`) };
  if (verdict) {
    const answer = short(verdict.message || 'the receiver answered <error>1</error>');
    // Movable Type throttles with 403 and "try again later" (reference §2.4): that one is worth retrying.
    if (res.status === 429 || res.status === 408 || /try again later|too quickly/i.test(verdict.message)) return retryLater(res, answer, opts);
    return { kind: 'failed', answer };
  }
  if (isRetryableStatus(res.status)) return retryLater(res, statusAnswer(res), opts);
  return { kind: 'failed', answer: short(`no TrackBack answer (${statusAnswer(res)})`) };
}

/** Reads <response><error>N</error><message>...</message></response>, tolerating whitespace and CDATA. */
export function readResponse(body: string): { error: number; message: string } | null {
  const error = /<error>\s*(\d+)\s*<\/error>/i.exec(body);
  if (!error) return null;
  const message = /<message>([\s\S]*?)<\/message>/i.exec(body);
  return { error: Number(error[1]) === 0 ? 0 : 1, message: message ? xmlText(message[1]!) : '' };
}

function xmlText(s: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(s);
  if (cdata) return cdata[1]!.trim();
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => codePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => codePoint(Number(d)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
    .trim();
}

const codePoint = (n: number): string => (n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\uFFFD');
