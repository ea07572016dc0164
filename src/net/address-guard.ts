// Pure: decides whether an IP address may be dialled by the outbound client (SSRF guard, protocols §6.3,
// wordpress-behaviour §4.3). IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are
// judged by the IPv4 address they lead to, so ::ffff:127.0.0.1 is as loopback as 127.0.0.1.
import { isIP } from 'node:net';

type V4Rule = [network: number, prefix: number, reason: string];

const v4 = (dotted: string, prefix: number, reason: string): V4Rule => [parseIPv4(dotted)!, prefix, reason];

// Cloud metadata first so the refusal names it; the rest are IANA special-purpose ranges that reach this
// host, its networks or nobody. Documentation (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32) and
// benchmarking (198.18/15) ranges are deliberately not here: they point at no private network, and lab or
// test networks number real hosts from them (this project's own test machines sit in 192.0.2.0/24).
const V4_RULES: V4Rule[] = [
  v4('169.254.169.254', 32, 'cloud metadata'),
  v4('0.0.0.0', 8, 'unspecified'),
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'carrier-grade NAT'),
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link-local'),
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'IETF protocol assignments'),
  v4('192.88.99.0', 24, '6to4 relay anycast'),
  v4('192.168.0.0', 16, 'private'),
  v4('224.0.0.0', 4, 'multicast'),
  v4('255.255.255.255', 32, 'broadcast'),
  v4('240.0.0.0', 4, 'reserved'),
];

/** Strict dotted quad to a 32-bit unsigned number (URL parsing has already normalised 127.1, 0x7f.1, ...). */
export function parseIPv4(s: string): number | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

/** IPv6 text (brackets and zone allowed) to its eight 16-bit groups, or null. */
export function parseIPv6(input: string): number[] | null {
  let s = input.replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  if (isIP(s) !== 6) return null;
  // A dotted IPv4 tail (::ffff:127.0.0.1) is the same 32 bits as two hex groups (::ffff:7f00:1).
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const n = parseIPv4(dotted[1]!);
    if (n === null) return null;
    s = s.slice(0, -dotted[1]!.length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string | undefined) => (part ? part.split(':').map((h) => parseInt(h, 16)) : []);
  const left = groups(halves[0]);
  const right = groups(halves[1]);
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  if ([...left, ...right].some((x) => Number.isNaN(x) || x > 0xffff)) return null;
  return [...left, ...new Array<number>(missing).fill(0), ...right];
}

function v4Reason(n: number): string | null {
  for (const [net, prefix, reason] of V4_RULES) {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    if (((n & mask) >>> 0) === ((net & mask) >>> 0)) return reason;
  }
  return null;
}

const embedded = (hi: number, lo: number) => ((hi << 16) >>> 0) + lo;

function v6Reason(g: number[]): string | null {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const viaV4 = (label: string, n: number) => {
    const r = v4Reason(n);
    return r ? `${label} ${r}` : null;
  };
  if (zeros(0, 8)) return 'unspecified';
  if (zeros(0, 7) && g[7] === 1) return 'loopback';
  if (g[0] === 0xfd00 && g[1] === 0xec2 && zeros(2, 7) && g[7] === 0x254) return 'cloud metadata';
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible) reach the IPv4 host itself.
  if (zeros(0, 5) && g[5] === 0xffff) return viaV4('IPv4-mapped', embedded(g[6]!, g[7]!));
  if (zeros(0, 6)) return viaV4('IPv4-compatible', embedded(g[6]!, g[7]!)) ?? 'IPv4-compatible (deprecated)';
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return viaV4('NAT64', embedded(g[6]!, g[7]!));
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'NAT64 local-use';
  if (g[0]! < 0x100) return 'reserved';
  if (g[0] === 0x100 && zeros(1, 4)) return 'discard-only';
  if (g[0] === 0x2002) return viaV4('6to4', embedded(g[1]!, g[2]!));
  if (g[0] === 0x2001 && g[1] === 0) return 'Teredo';
  if ((g[0]! & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xffc0) === 0xfec0) return 'site-local';
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast';
  return null;
}

/** Why this address must not be dialled, or null when it is a public unicast address. Non-IPs are refused. */
export function blockedReason(address: string): string | null {
  const n = parseIPv4(address);
  if (n !== null) return v4Reason(n);
  const groups = parseIPv6(address);
  if (groups) return v6Reason(groups);
  return 'not an IP address';
}

/** The IP address a URL hostname names literally (brackets stripped), or null for a DNS name. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return isIP(bare) ? bare : null;
}

/**
 * Why a URL whose host is an IP literal must not be dialled, or null (also null for a DNS name: Node looks
 * names up, and guarded-lookup.ts judges the address dialled). The client checks every hop with this.
 */
export function literalHostReason(url: URL, policy: AddressPolicy): string | null {
  const literal = literalAddress(url.hostname);
  if (!literal) return null;
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return policy(literal, port);
}

/** Decides one (address, port) pair: a refusal reason, or null to allow. */
export type AddressPolicy = (address: string, port: number | null) => string | null;

/**
 * The client's policy: everything allowed when private addresses are allowed (tests, intranets); otherwise the
 * guard, except exact "ip:port" pairs in `extraAllowed` (a test seam so a loopback peer can stand in for a
 * public host while every other loopback port stays refused).
 */
export function addressPolicy(allowPrivate: boolean, extraAllowed: readonly string[] = []): AddressPolicy {
  if (allowPrivate) return () => null;
  const allowed = new Set(extraAllowed.map((s) => s.toLowerCase()));
  return (address, port) => {
    const key = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
    if (port !== null && allowed.has(key.toLowerCase())) return null;
    return blockedReason(address);
  };
}
