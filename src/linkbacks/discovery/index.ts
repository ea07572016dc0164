// Pure endpoint discovery: (url, headers, body) → endpoints. Nothing here does I/O.
export { discoverWebmention } from './webmention.js';
export { discoverPingback } from './pingback.js';
export { discoverTrackback } from './trackback.js';
export { discoverEndpoints, chooseProtocol, type DiscoveredEndpoints, type LinkbackProtocol } from './endpoints.js';
