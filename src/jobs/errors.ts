// How a job handler tells the worker what happened: throw RetryLater to be run again (optionally after the
// peer's Retry-After), PermanentFailure to give up now. Any other error is retried with backoff until
// max_attempts, then kept as failed with its message.

export class RetryLater extends Error {
  constructor(message: string, readonly retryAfterMs: number | null = null) {
    super(message);
    this.name = 'RetryLater';
  }
}

export class PermanentFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentFailure';
  }
}
