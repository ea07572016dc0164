// The protocol senders: each takes the guarded client and returns a SendOutcome for the send job.
export type { SendOutcome, SendOptions } from './types.js';
export { sendWebmention } from './webmention.js';
export { sendPingback } from './pingback.js';
export { sendTrackback, type TrackbackPing } from './trackback.js';
export { pingUpdateService, type UpdatePing } from './update-service.js';
export { notifyHub, hubTopics } from './websub.js';
