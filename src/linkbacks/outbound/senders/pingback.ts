// Sends one pingback.ping(source, target) (Pingback 1.0 §3, protocols reference §1.3–1.5). A non-fault answer
// is success, and so is fault 48 (already registered: the ping arrived before). Faults 16, 17, 32 and 33 are
// about the URIs and will not change by asking again; 0 (WordPress hides every other fault behind it), 50
// (upstream trouble), other faults, 5xx and transport errors are retried.
import type { HttpClient } from '../../../net/types.js';
import { short } from './outcome.js';
import type { SendOptions, SendOutcome } from './types.js';
import { callXmlRpc, faultAnswer } from './xmlrpc-call.js';

const ALREADY_REGISTERED = 48;
const FINAL_FAULTS = new Set([16, 17, 32, 33]);

export async function sendPingback(http: HttpClient, endpoint: string, source: string, target: string, opts: SendOptions = {}): Promise<SendOutcome> {
  const answer = await callXmlRpc(http, endpoint, 'pingback.ping', [source, target], opts);
  if (answer.kind === 'outcome') return answer.outcome;
  if (answer.kind === 'value') return { kind: 'sent', answer: short(typeof answer.value === 'string' ? answer.value : JSON.stringify(answer.value) ?? 'ok') };
  const text = faultAnswer(answer.code, answer.message);
  if (answer.code === ALREADY_REGISTERED) return { kind: 'sent', answer: text };
  if (FINAL_FAULTS.has(answer.code)) return { kind: 'failed', answer: text };
  return { kind: 'retry', answer: text, retryAfterMs: null };
}
