// Fetches a linkback source through the guarded client and verifies it. Caps follow WM §4.2 and WordPress's
// pingback fetch (≤ 1 MB, ≤ 10 s, few redirects); the requester is named in X-Pingback-Forwarded-For so a
// site we are made to fetch can trace the real client (wordpress-behaviour §2.2 step 11).
import type { AppContext } from '../../context.js';
import { HttpError, type HttpErrorKind } from '../../net/types.js';
import { getSetting } from '../../settings/repository.js';
import { readSemantic } from './mf2.js';
import { verifyHtml, verifyText, type Verification } from './verify.js';

export const SOURCE_MAX_BYTES = 1024 * 1024;
export const SOURCE_TIMEOUT_MS = 10_000;
const SOURCE_MAX_REDIRECTS = 3;

export type SourceOutcome =
  | { kind: 'ok'; verification: Verification; finalUrl: string }
  /** 410 Gone: the source was deleted (WM §3.2.4). */
  | { kind: 'gone'; status: 410 }
  | { kind: 'http_error'; status: number }
  | { kind: 'unreachable'; error: HttpErrorKind; detail: string };

export interface Requester {
  ip: string;
  protocol: string;
}

export async function fetchAndVerify(ctx: AppContext, source: string, target: string, requester: Requester | null): Promise<SourceOutcome> {
  const headers: Record<string, string> = { accept: 'text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5, */*;q=0.1' };
  // The guarded client pins its own User-Agent (Backtalk/… (+site)), so the requester rides in this header.
  if (requester) headers['x-pingback-forwarded-for'] = requester.ip;
  let res;
  try {
    res = await ctx.http.request(source, { headers, maxBytes: SOURCE_MAX_BYTES, failIfTooLarge: true, timeoutMs: SOURCE_TIMEOUT_MS, maxRedirects: SOURCE_MAX_REDIRECTS });
  } catch (err) {
    if (err instanceof HttpError) return { kind: 'unreachable', error: err.kind, detail: err.message };
    return { kind: 'unreachable', error: 'network', detail: err instanceof Error ? err.message : String(err) };
  }
  if (res.status === 410) return { kind: 'gone', status: 410 };
  if (res.status < 200 || res.status >= 300) return { kind: 'http_error', status: res.status };
  const type = String(Array.isArray(res.headers['content-type']) ? res.headers['content-type'][0] : res.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('text/plain')) return { kind: 'ok', verification: verifyText(res.body, res.url, target), finalUrl: res.url };
  if (!isHtmlish(type)) return { kind: 'ok', verification: { linked: false, title: '', excerpt: '' }, finalUrl: res.url };
  const verification = verifyHtml(res.body, res.url, target);
  // Every protocol's source is read for mf2 (issue 19). A response property naming the target is a link
  // even where it is not an <a> (<data class="u-like-of" value="…">), as Webmention receivers treat it.
  const semantic = readSemantic(res.body, res.url, target, await getSetting(ctx.db, 'mention_content_length'));
  return { kind: 'ok', verification: { ...verification, linked: verification.linked || semantic?.responds === true, semantic }, finalUrl: res.url };
}

function isHtmlish(type: string): boolean {
  return type === '' || type.startsWith('text/html') || type.startsWith('application/xhtml+xml');
}

/** One sentence for a failed fetch; the same for every network failure so replies cannot map networks. */
export function describeFailure(outcome: Exclude<SourceOutcome, { kind: 'ok' }>): string {
  if (outcome.kind === 'gone') return 'the source answered 410 Gone';
  if (outcome.kind === 'http_error') return `the source answered HTTP ${outcome.status}`;
  return 'the source could not be fetched';
}
