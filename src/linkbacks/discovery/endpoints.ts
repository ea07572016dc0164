// All three discoveries over one fetched target, and the rule "one protocol per target": Webmention, else
// Pingback, else TrackBack (issue 4 §4), so a peer that speaks several is notified exactly once.
import { discoverPingback } from './pingback.js';
import { discoverTrackback } from './trackback.js';
import { discoverWebmention } from './webmention.js';

export interface DiscoveredEndpoints {
  webmention: string | null;
  pingback: string | null;
  trackback: string | null;
}

export type LinkbackProtocol = 'webmention' | 'pingback' | 'trackback';

export function discoverEndpoints(linkedUrl: string, finalUrl: string, headers: Record<string, string | string[]>, html: string): DiscoveredEndpoints {
  return {
    webmention: discoverWebmention(finalUrl, headers, html),
    pingback: discoverPingback(headers, html, finalUrl),
    // The RDF names the entry's permalink; after a redirect that may be either URL.
    trackback: discoverTrackback(linkedUrl, html) ?? (finalUrl !== linkedUrl ? discoverTrackback(finalUrl, html) : null),
  };
}

export function chooseProtocol(e: DiscoveredEndpoints): { protocol: LinkbackProtocol; endpoint: string } | null {
  if (e.webmention) return { protocol: 'webmention', endpoint: e.webmention };
  if (e.pingback) return { protocol: 'pingback', endpoint: e.pingback };
  if (e.trackback) return { protocol: 'trackback', endpoint: e.trackback };
  return null;
}
