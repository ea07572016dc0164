// The delivery log in a blogger's words (issue 15): "Could not connect to example.org (connection refused);
// next try at 14:05" instead of "network: example.org: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:9". The
// raw answer stays in the row (and the log line) for whoever needs it; this only reads it.
import { formatZoned } from '../content/zoned-time.js';

const NETWORK_CODES: [RegExp, string][] = [
  [/ECONNREFUSED/, 'connection refused'],
  [/ENOTFOUND|EAI_NONAME/, 'no such host name'],
  [/EAI_AGAIN/, 'its name could not be looked up just now'],
  [/ECONNRESET|UND_ERR_SOCKET|EPIPE/, 'the connection was cut'],
  [/EHOSTUNREACH|ENETUNREACH/, 'the host cannot be reached'],
  [/ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT/, 'it did not answer in time'],
  [/CERT|SSL|TLS/i, 'its HTTPS certificate is not valid'],
];

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The answer alone, in words: what went wrong, or what the other blog said. */
export function answerInWords(answer: string, targetUrl: string): string {
  const host = hostOf(targetUrl);
  const gaveUp = /^gave up after (\d+) attempts: (.*)$/.exec(answer);
  if (gaveUp) return `Gave up after ${gaveUp[1]} tries. ${answerInWords(gaveUp[2]!, targetUrl)}`;
  if (answer.startsWith('network:') || answer.startsWith('error:')) {
    const why = NETWORK_CODES.find(([re]) => re.test(answer))?.[1];
    return why ? `Could not connect to ${host} (${why})` : `Could not connect to ${host}`;
  }
  if (answer.startsWith('timeout:')) return `${host} did not answer in time`;
  if (answer.startsWith('blocked:')) return `Not sent: ${host} is not a public address`;
  if (answer.startsWith('too_many_redirects:')) return `${host} redirected too many times`;
  if (answer.startsWith('too_large:')) return `${host} answered with more than we read`;
  if (answer.startsWith('bad_url:')) return 'Not a web address that can be notified';
  const status = /^HTTP (\d{3})\b/.exec(answer);
  if (status) return `${host} answered with an error (HTTP ${status[1]})`;
  return answer;
}

export interface DeliveryLike {
  state: string;
  target_url: string;
  last_answer: string | null;
  next_attempt_at: string | null;
}

/** One sentence for the log's "Last answer" column; retrying rows say when the next try is, in the site's zone. */
export function deliveryInWords(d: DeliveryLike, zone: string): string {
  if (!d.last_answer) return '';
  if (d.state === 'sent' || d.state === 'internal' || d.state === 'skipped' || d.state === 'no_endpoint') return d.last_answer;
  const words = answerInWords(d.last_answer, d.target_url);
  if (d.state === 'retrying' && d.next_attempt_at) return `${words}; next try at ${formatZoned(d.next_attempt_at, zone, 'time')}`;
  return words;
}
