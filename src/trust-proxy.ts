// TRUST_PROXY (issue 10 point 4) in every form Fastify's trustProxy accepts (proxy-addr underneath):
// false/true, a hop count, or comma-separated proxy addresses and CIDR ranges (and proxy-addr's names
// loopback, linklocal, uniquelocal). `true` trusts every hop, so a client that writes its own leftmost
// X-Forwarded-For picks its own address; a hop count or the proxies' addresses take the address the
// trusted proxy appended instead.
import { isIP } from 'node:net';
import { blockedReason } from './net/address-guard.js';

export type TrustProxy = boolean | number | string[];

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** The parsed setting, or an error message naming what is wrong. */
export function parseTrustProxy(raw: string): { ok: true; value: TrustProxy } | { ok: false; message: string } {
  const v = raw.trim().toLowerCase();
  if (['false', 'no', '0', ''].includes(v)) return { ok: true, value: false };
  if (['true', 'yes'].includes(v)) return { ok: true, value: true };
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops <= 64 ? { ok: true, value: hops } : { ok: false, message: 'a hop count must be 64 or fewer' };
  }
  const entries = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = entries.filter((e) => !isProxyAddress(e));
  if (entries.length === 0 || bad.length > 0) {
    return { ok: false, message: `must be true, false, a hop count, or comma-separated proxy addresses/CIDR ranges (not understood: ${bad.join(', ') || raw})` };
  }
  return { ok: true, value: entries };
}

function isProxyAddress(entry: string): boolean {
  if (NAMED.has(entry.toLowerCase())) return true;
  const [addr, prefix, ...rest] = entry.split('/');
  const family = isIP(addr);
  if (!family || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d+$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export type TrustFunction = (address: string, hop: number) => boolean;

/**
 * The value handed to Fastify. Fastify 5.12 accepts a number but trusts nothing for it, because a bare hop
 * count also believes a client that reaches the server directly and sends its own X-Forwarded-For. We keep
 * the hop count and close that hole: the nearest hop must connect from a loopback or private address (the
 * reverse proxy in front of us), then `hops` entries are trusted. A proxy on a public address (a CDN) is
 * listed by its ranges instead.
 */
export function fastifyTrustProxy(value: TrustProxy): boolean | string[] | TrustFunction {
  if (typeof value !== 'number') return value;
  if (value === 0) return false;
  const hops = value;
  return (address, hop) => hop < hops && (hop > 0 || blockedReason(address) !== null);
}
