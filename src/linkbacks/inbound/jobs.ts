// Inbound linkback jobs: Webmention verification, re-verification of one linkback (also queued by the
// moderation panel's "Re-verify now" with payload {commentId}), the daily sweep that queues those, and the
// linkback authors' page and photo fetches (author-jobs.ts).
import type { AppContext } from '../../context.js';
import { REVERIFY_JOB } from '../../jobs/job-types.js';
import { reverifyLinkback, reverifySweep, REVERIFY_SWEEP_JOB } from './reverify.js';
import { processWebmention, VERIFY_WEBMENTION_JOB } from './webmention.js';
import { registerAuthorJobs } from './author-jobs.js';

export function registerInboundJobs(ctx: AppContext): void {
  ctx.handlers.set(VERIFY_WEBMENTION_JOB, async (payload: { requestId: number }, { job }) => {
    await processWebmention(ctx, Number(payload.requestId), job);
  });
  ctx.handlers.set(REVERIFY_JOB, async (payload: { commentId: number }) => {
    await reverifyLinkback(ctx, Number(payload.commentId));
  });
  ctx.handlers.set(REVERIFY_SWEEP_JOB, async () => {
    await reverifySweep(ctx);
  });
  registerAuthorJobs(ctx);
}
