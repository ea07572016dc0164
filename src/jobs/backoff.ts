// Pure retry timing: exponential backoff with jitter, and Retry-After honoured (RFC 9110 §10.2.3), so a
// fleet of failing targets never retries in lock-step and a busy peer is given the pause it asked for.

const MINUTE = 60_000;
const MAX_DELAY = 24 * 60 * MINUTE;

/** Delay before attempt `attempt + 1`, given `attempt` failures so far (1-based). */
export function backoffDelay(attempt: number, random: () => number = Math.random, baseMs = MINUTE): number {
  const exp = Math.min(MAX_DELAY, baseMs * 2 ** Math.max(0, attempt - 1));
  // "Equal jitter": half fixed, half random, so the delay never collapses to zero.
  return Math.round(exp / 2 + (exp / 2) * random());
}

/** Parses a Retry-After value (seconds or an HTTP date) into milliseconds from `now`; null when absent or bad. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(MAX_DELAY, Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.min(MAX_DELAY, Math.max(0, at - now.getTime()));
}

/** The delay to use: the peer's Retry-After when it gave one (never less than a second), else backoff. */
export function retryDelay(attempt: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  if (retryAfterMs !== null) return Math.max(1000, retryAfterMs);
  return backoffDelay(attempt, random);
}
