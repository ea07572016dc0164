// What the Webmention status page says (WM §3.2 "201 Created" with a Location status URL): queued,
// verified and then pending or published, or failed with its reason.
import type { CommentStatus, WebmentionRequest } from '../../db/schema.js';

export function statusLabel(r: WebmentionRequest, commentStatus: CommentStatus | null): { state: string; label: string } {
  if (r.state === 'queued') return { state: 'queued', label: 'Queued: the source will be fetched and checked shortly.' };
  if (r.state === 'failed') return { state: 'failed', label: 'Failed: the mention was not accepted.' };
  switch (commentStatus) {
    case 'approved':
      return { state: 'approved', label: 'Verified, and published under the post.' };
    case 'pending':
      return { state: 'pending', label: 'Verified, and waiting for moderation.' };
    case 'spam':
    case 'trash':
      return { state: 'removed', label: 'Verified, but not published.' };
    default:
      return { state: 'verified', label: 'Verified.' };
  }
}
