// The one shape all three inbound protocols are turned into, and the refusals the shared pipeline can give;
// each door (XML-RPC fault, TrackBack <error>, Webmention status) maps a refusal to its own wire form.

export type LinkbackProtocol = 'pingback' | 'trackback' | 'webmention';

export interface LinkbackRequest {
  protocol: LinkbackProtocol;
  source: string;
  target: string;
  /** TrackBack only: what the sender said about its entry (plain text once decoded). */
  title?: string;
  excerpt?: string;
  blogName?: string;
  ip: string;
  userAgent: string;
}

export type RefusalKind =
  | 'bad_source' // not an absolute http(s) URL
  | 'bad_target'
  | 'same' // source and target are the same page
  | 'not_ours' // target is not on this site
  | 'not_a_post' // on this site, but not a post permalink
  | 'no_such_post' // a permalink with no published post behind it
  | 'closed' // the post does not take pings
  | 'blocked' // source host on blocked_source_hosts, or the rules refused
  | 'rate_limited'
  | 'duplicate'
  | 'busy' // too many verification fetches in flight
  | 'fetch_failed' // the source could not be fetched (one answer for every cause)
  | 'no_link'; // the source does not link to the target

export interface Refusal {
  kind: RefusalKind;
  message: string;
}

export const refusal = (kind: RefusalKind, message: string): Refusal => ({ kind, message });
