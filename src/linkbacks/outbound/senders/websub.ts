// WebSub publish notification (issue 19 point 5). W3C WebSub (2018) §7 leaves how a publisher tells its hub
// of new content to the hub; the form every public hub accepts is PubSubHubbub 0.4's: a form-encoded POST of
// hub.mode=publish and hub.url=<topic>, one hub.url per changed feed. Any 2xx (hubs answer 204) is success.
import type { HttpClient, HttpResult } from '../../../net/types.js';
import { ANSWER_MAX_BYTES, isRetryableStatus, retryLater, statusAnswer, transportOutcome } from './outcome.js';
import type { SendOptions, SendOutcome } from './types.js';

export async function notifyHub(http: HttpClient, hubUrl: string, topics: string[], opts: SendOptions = {}): Promise<SendOutcome> {
  const body = new URLSearchParams([['hub.mode', 'publish'], ...topics.map((t): [string, string] => ['hub.url', t])]).toString();
  let res: HttpResult;
  try {
    res = await http.request(hubUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, maxBytes: ANSWER_MAX_BYTES });
  } catch (err) {
    return transportOutcome(err);
  }
  if (res.status >= 200 && res.status < 300) return { kind: 'sent', answer: statusAnswer(res) };
  if (isRetryableStatus(res.status)) return retryLater(res, statusAnswer(res), opts);
  return { kind: 'failed', answer: statusAnswer(res) };
}

/** The topics a post's publication changes: the site's main feeds, which advertise the hubs (posts/feed.ts). */
export function hubTopics(site: string): string[] {
  return [`${site}/feed/`, `${site}/feed/atom/`];
}
