// One XML-RPC call over the guarded client (XML-RPC spec "Transport", protocols reference §4.1): POST text/xml,
// the answer decoded into a value or a fault. Faults normally travel in a 200, but some servers send them
// with 4xx, so the body is read whatever the status; 408/429/5xx without a readable fault mean "later".
import type { HttpClient, HttpResult } from '../../../net/types.js';
import { decodeMethodResponse, encodeMethodCall } from '../../../xmlrpc/codec.js';
import { ANSWER_MAX_BYTES, isRetryableStatus, retryLater, short, statusAnswer, transportOutcome } from './outcome.js';
import type { SendOptions, SendOutcome } from './types.js';

export type CallResult =
  | { kind: 'value'; value: unknown; res: HttpResult }
  | { kind: 'fault'; code: number; message: string; res: HttpResult }
  | { kind: 'outcome'; outcome: SendOutcome };

export async function callXmlRpc(http: HttpClient, endpoint: string, method: string, params: unknown[], opts: SendOptions & { timeoutMs?: number } = {}): Promise<CallResult> {
  let res: HttpResult;
  try {
    res = await http.request(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', accept: 'text/xml, application/xml' },
      body: encodeMethodCall(method, params),
      maxBytes: ANSWER_MAX_BYTES,
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    });
  } catch (err) {
    return { kind: 'outcome', outcome: transportOutcome(err) };
  }
  if (res.status >= 500) return { kind: 'outcome', outcome: retryLater(res, statusAnswer(res), opts) };
  let decoded: Awaited<ReturnType<typeof decodeMethodResponse>> | null = null;
  try {
    decoded = res.truncated ? null : await decodeMethodResponse(res.body);
  } catch {
    decoded = null;
  }
  if (decoded?.fault) return { kind: 'fault', code: decoded.fault.code, message: decoded.fault.message, res };
  if (decoded && res.status >= 200 && res.status < 300) return { kind: 'value', value: decoded.value, res };
  if (isRetryableStatus(res.status)) return { kind: 'outcome', outcome: retryLater(res, statusAnswer(res), opts) };
  const why = res.status >= 200 && res.status < 300 ? 'not an XML-RPC answer' : `HTTP ${res.status}`;
  return { kind: 'outcome', outcome: { kind: 'failed', answer: short(`${why}: ${statusAnswer(res)}`) } };
}

export function faultAnswer(code: number, message: string): string {
  return short(`fault ${code}${message ? `: ${message}` : ''}`);
}
