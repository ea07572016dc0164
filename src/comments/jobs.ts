// Comment jobs: re-verification of approved linkbacks.
import type { AppContext } from '../context.js';

export function registerCommentJobs(ctx: AppContext): void {
  void ctx;
}
