// A clock tests move by hand, so the queue, scheduling and rate limits are stepped without sleeps.
import type { Clock } from '../../src/clock.js';

export class ManualClock implements Clock {
  private t: number;
  constructor(start: string | Date = '2026-01-15T12:00:00.000Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(to: string | Date): void {
    this.t = new Date(to).getTime();
  }
}
