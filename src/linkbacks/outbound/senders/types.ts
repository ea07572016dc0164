// What every sender returns: the send job turns it into the delivery state (sent / retrying at T / failed).
export type SendOutcome = { kind: 'sent'; answer: string; location?: string } | { kind: 'retry'; answer: string; retryAfterMs: number | null } | { kind: 'failed'; answer: string };

/** Optional for every sender: the clock for an HTTP-date Retry-After when the answer carries no Date header. */
export interface SendOptions {
  now?: () => Date;
}
