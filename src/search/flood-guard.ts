// The per-address limit on rendered search pages, kept in this process's memory: a reader's GET must cost
// no database write (README, "Performance"), and the shared rate-limit store writes a counter row on every
// request it sees. Per instance: behind several instances an address may have the limit on each, which
// still bounds what a flood of unique queries can make the database do. Cache hits never reach it.
import type { Clock } from '../clock.js';

export class FloodGuard {
  private readonly windows = new Map<string, { start: number; n: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
    /** Addresses remembered at most; the oldest window is forgotten first, so memory stays bounded. */
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts one request from `key`: null when allowed, else the seconds until its window ends. */
  hit(key: string): number | null {
    const now = this.clock.now().getTime();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
      window = { start: now, n: 0 };
      this.windows.set(key, window);
    }
    window.n++;
    return window.n > this.max ? Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)) : null;
  }
}
