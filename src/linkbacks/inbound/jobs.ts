// Inbound verification jobs.
import type { AppContext } from '../../context.js';

export function registerInboundJobs(ctx: AppContext): void {
  void ctx;
}
