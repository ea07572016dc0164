// Sends one Webmention (W3C Webmention §3.1.3, protocols reference §3.2): a form-encoded POST of source and
// target to the discovered endpoint, its query string kept in the URL. Any 2xx is success; a 201/202 Location
// (the status page) is kept as an absolute URL.
import type { HttpClient, HttpResult } from '../../../net/types.js';
import { ANSWER_MAX_BYTES, header, isRetryableStatus, retryLater, statusAnswer, transportOutcome } from './outcome.js';
import type { SendOptions, SendOutcome } from './types.js';

export async function sendWebmention(http: HttpClient, endpoint: string, source: string, target: string, opts: SendOptions = {}): Promise<SendOutcome> {
  let res: HttpResult;
  try {
    res = await http.request(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html, application/json, */*;q=0.5' },
      body: new URLSearchParams({ source, target }).toString(),
      maxBytes: ANSWER_MAX_BYTES,
    });
  } catch (err) {
    return transportOutcome(err);
  }
  if (res.status >= 200 && res.status < 300) {
    const location = (res.status === 201 || res.status === 202) ? absolute(header(res, 'location'), res.url) : undefined;
    return location ? { kind: 'sent', answer: statusAnswer(res), location } : { kind: 'sent', answer: statusAnswer(res) };
  }
  if (isRetryableStatus(res.status)) return retryLater(res, statusAnswer(res), opts);
  return { kind: 'failed', answer: statusAnswer(res) };
}

function absolute(location: string | undefined, base: string): string | undefined {
  if (!location) return undefined;
  try {
    return new URL(location, base).href;
  } catch {
    return undefined;
  }
}
