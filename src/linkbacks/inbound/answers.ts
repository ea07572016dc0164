// Each door's wire answer to each refusal, in one table per door (linkback-protocols §1.5, §2.4, WM §3.2.3):
// a Pingback fault code, a TrackBack <error>1</error> message, a Webmention HTTP status. The refusal itself
// is decided once, by the gate (gate.ts) and the verification that follows it (receive.ts).
import type { Refusal, RefusalKind } from './request.js';

/** Pingback fault codes (PB §3: 0x0010 source, 0x0020 target, 0x0030 other; 0 generic). */
export const PINGBACK_FAULTS: Record<RefusalKind, number> = {
  bad_source: 16,
  fetch_failed: 16,
  no_link: 17,
  no_such_post: 32,
  bad_target: 33,
  not_ours: 33,
  not_a_post: 33,
  same: 0,
  duplicate: 48,
  closed: 49,
  blocked: 49,
  rate_limited: 49,
  busy: 50,
};

/** TrackBack <message> texts (TB12 leaves them free; these follow Movable Type's); null: the gate's own text. */
export const TRACKBACK_MESSAGES: Record<RefusalKind, string | null> = {
  bad_source: 'The url field must be an absolute http or https URL.',
  fetch_failed: 'Your entry could not be fetched to check that it links to this post.',
  no_link: 'Your entry does not link to this post.',
  duplicate: 'There is already a ping from that URL for this post.',
  closed: 'Sorry, trackbacks are closed for this item.',
  no_such_post: null,
  bad_target: null,
  not_ours: null,
  not_a_post: null,
  same: null,
  blocked: null,
  rate_limited: null,
  busy: null,
};

/** Webmention statuses (WM §3.2.3: 400 for a request that cannot be accepted; 429 asks the sender to wait). */
export const WEBMENTION_STATUS: Record<RefusalKind, 400 | 429> = {
  bad_source: 400,
  bad_target: 400,
  same: 400,
  not_ours: 400,
  not_a_post: 400,
  no_such_post: 400,
  closed: 400,
  blocked: 400,
  duplicate: 400,
  fetch_failed: 400,
  no_link: 400,
  busy: 429,
  rate_limited: 429,
};

export const trackbackMessage = (r: Refusal): string => TRACKBACK_MESSAGES[r.kind] ?? r.message;
