// The protocol functions the send job calls, gathered in one object so the job itself stays free of wire
// formats (discovery and senders are pure-ish modules of their own) and tests can see one seam. The types
// they exchange are the senders' own (senders/).
import type { HttpClient } from '../../net/types.js';
import type { SendOptions, SendOutcome, TrackbackPing, UpdatePing } from './senders/index.js';

export interface OutboundProtocols {
  /** The one protocol to use for a fetched target (Webmention, else Pingback, else TrackBack), or null. */
  discover(linkedUrl: string, finalUrl: string, headers: Record<string, string | string[]>, html: string): { protocol: 'webmention' | 'pingback' | 'trackback'; endpoint: string } | null;
  sendWebmention(http: HttpClient, endpoint: string, source: string, target: string, opts?: SendOptions): Promise<SendOutcome>;
  sendPingback(http: HttpClient, endpoint: string, source: string, target: string, opts?: SendOptions): Promise<SendOutcome>;
  sendTrackback(http: HttpClient, endpoint: string, ping: TrackbackPing, opts?: SendOptions): Promise<SendOutcome>;
  pingUpdateService(http: HttpClient, serviceUrl: string, ping: UpdatePing, opts?: SendOptions): Promise<SendOutcome>;
  /** WebSub: tells a hub that these feeds (topics) changed. */
  notifyHub(http: HttpClient, hubUrl: string, topics: string[], opts?: SendOptions): Promise<SendOutcome>;
}
