// Outbound scan and send jobs: `linkbacks.scan` (enqueued by the posts service in the publish transaction)
// turns a post into deliveries; `linkbacks.delete-notice` (enqueued when a published post is trashed) turns
// its notified targets into delete notices; `linkbacks.send` delivers one of them. Protocols can be swapped for tests.
import type { AppContext } from '../../context.js';
import { DELETE_NOTICE_JOB, SCAN_JOB } from '../../jobs/job-types.js';
import { sendDeleteNotices } from './delete-notice.js';
import { chooseProtocol, discoverEndpoints, discoverWebmention } from '../discovery/index.js';
import type { OutboundProtocols } from './protocols.js';
import { scanPost, SEND_JOB, type ScanPayload } from './scan.js';
import { giveUpDelivery, sendDelivery } from './send.js';
import type { JobHandler } from '../../jobs/worker.js';
import { notifyHub, pingUpdateService, sendPingback, sendTrackback, sendWebmention } from './senders/index.js';

export const realProtocols: OutboundProtocols = {
  // Webmention wins whenever it is advertised, so the Pingback and TrackBack parses are skipped then:
  // the same choice as chooseProtocol(discoverEndpoints(...)), at a third of the parsing.
  discover: (linkedUrl, finalUrl, headers, html) => {
    const webmention = discoverWebmention(finalUrl, headers, html);
    return webmention ? { protocol: 'webmention', endpoint: webmention } : chooseProtocol(discoverEndpoints(linkedUrl, finalUrl, headers, html));
  },
  sendWebmention,
  sendPingback,
  sendTrackback,
  pingUpdateService,
  notifyHub,
};

export function registerOutboundJobs(ctx: AppContext, protocols: OutboundProtocols = realProtocols): void {
  ctx.handlers.set(SCAN_JOB, async (payload: ScanPayload) => scanPost(ctx, payload));
  ctx.handlers.set(DELETE_NOTICE_JOB, async (payload: { postId: number }) => sendDeleteNotices(ctx, payload.postId));
  const send: JobHandler = async (payload: { deliveryId: number }, job) => sendDelivery(ctx, protocols, payload.deliveryId, job.job);
  // A send whose workers kept dying mid-run is marked failed here, not left showing "sending" for ever.
  send.onGiveUp = async (payload: { deliveryId: number }, _job, reason) => giveUpDelivery(ctx, payload.deliveryId, reason);
  ctx.handlers.set(SEND_JOB, send);
}
