// What every sender returns: the send job turns it into the delivery state (sent / retrying at T / failed).
export type SendOutcome = { kind: 'sent'; answer: string; location?: string } | { kind: 'retry'; answer: string; retryAfterMs: number | null } | { kind: 'failed'; answer: string };

/** Optional for every sender: the clock an HTTP-date Retry-After is measured from (default: the peer's Date header). */
export interface SendOptions {
  now?: () => Date;
}
