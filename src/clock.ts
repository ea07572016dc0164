// Time comes from an injected clock so the queue, scheduling and rate limits can be stepped in tests.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
