// Update-service pings (protocols reference §5): weblogUpdates.extendedPing(name, siteURL, changesURL, feedURL)
// as Weblogs.com and Google document it, falling back to weblogUpdates.ping(name, siteURL) when the service
// does not know the extended method. The reply struct's `flerror` may be a boolean, an int or a string.
import type { HttpClient } from '../../../net/types.js';
import { short } from './outcome.js';
import type { SendOptions, SendOutcome } from './types.js';
import { callXmlRpc, faultAnswer, type CallResult } from './xmlrpc-call.js';

export interface UpdatePing {
  name: string;
  siteUrl: string;
  changesUrl: string;
  feedUrl: string;
}

const METHOD_NOT_FOUND = -32601;
// Services answer quickly or not at all; WordPress waits 3 s (reference §5.2).
const TIMEOUT_MS = 10_000;

export async function pingUpdateService(http: HttpClient, serviceUrl: string, ping: UpdatePing, opts: SendOptions = {}): Promise<SendOutcome> {
  const call = { ...opts, timeoutMs: TIMEOUT_MS };
  let answer = await callXmlRpc(http, serviceUrl, 'weblogUpdates.extendedPing', [ping.name, ping.siteUrl, ping.changesUrl, ping.feedUrl], call);
  if (answer.kind === 'fault' && unknownMethod(answer.code, answer.message)) {
    answer = await callXmlRpc(http, serviceUrl, 'weblogUpdates.ping', [ping.name, ping.siteUrl], call);
  }
  return classify(answer);
}

function unknownMethod(code: number, message: string): boolean {
  return code === METHOD_NOT_FOUND || /method/i.test(message);
}

function classify(answer: CallResult): SendOutcome {
  if (answer.kind === 'outcome') return answer.outcome;
  // A service that refuses by fault will refuse again; the queue must not hammer it (reference §5.3).
  if (answer.kind === 'fault') return { kind: 'failed', answer: faultAnswer(answer.code, answer.message) };
  const reply = answer.value !== null && typeof answer.value === 'object' ? (answer.value as Record<string, unknown>) : {};
  const message = typeof reply['message'] === 'string' ? reply['message'] : '';
  if (isTrue(reply['flerror'])) return { kind: 'failed', answer: short(message || 'the service reported an error') };
  return { kind: 'sent', answer: short(message || (typeof answer.value === 'string' ? answer.value : 'ok')) };
}

/** <boolean>1</boolean>, <int>1</int>, untyped "1" and "true" all mean error; "0" and "false" do not. */
function isTrue(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return /^\s*(1|true|yes)\s*$/i.test(v);
  return false;
}
