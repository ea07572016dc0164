// Outbound scan and send jobs.
import type { AppContext } from '../../context.js';

export function registerOutboundJobs(ctx: AppContext): void {
  void ctx;
}
