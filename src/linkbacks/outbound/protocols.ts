// The protocol functions the send job calls, gathered in one object so the job itself stays free of wire
// formats (discovery and senders are pure-ish modules of their own) and tests can see one seam.
import type { HttpClient } from '../../net/types.js';

export type SendOutcome = { kind: 'sent'; answer: string; location?: string } | { kind: 'retry'; answer: string; retryAfterMs: number | null } | { kind: 'failed'; answer: string };

export interface TrackbackPing {
  title: string;
  url: string;
  excerpt: string;
  blogName: string;
}

export interface UpdatePing {
  name: string;
  siteUrl: string;
  changesUrl: string;
  feedUrl: string;
}

/** Every sender takes the clock, for an HTTP-date Retry-After. */
export interface SendOptions {
  now?: () => Date;
}

export interface OutboundProtocols {
  /** The one protocol to use for a fetched target (Webmention, else Pingback, else TrackBack), or null. */
  discover(linkedUrl: string, finalUrl: string, headers: Record<string, string | string[]>, html: string): { protocol: 'webmention' | 'pingback' | 'trackback'; endpoint: string } | null;
  sendWebmention(http: HttpClient, endpoint: string, source: string, target: string, opts?: SendOptions): Promise<SendOutcome>;
  sendPingback(http: HttpClient, endpoint: string, source: string, target: string, opts?: SendOptions): Promise<SendOutcome>;
  sendTrackback(http: HttpClient, endpoint: string, ping: TrackbackPing, opts?: SendOptions): Promise<SendOutcome>;
  pingUpdateService(http: HttpClient, serviceUrl: string, ping: UpdatePing, opts?: SendOptions): Promise<SendOutcome>;
}
