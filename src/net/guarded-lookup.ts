// The connect-time DNS hook for undici's Agent: resolves a name once and refuses it when ANY address it
// resolves to is blocked, so the address checked is the address dialled (no DNS-rebinding gap, CVE-2022-3590).
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { AddressPolicy } from './address-guard.js';

/** Resolves a name to every address (the shape of dns.lookup with all: true). Injectable for tests. */
export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolveAll: ResolveAll = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );

/** Raised inside the socket's lookup; the client turns it into HttpError 'blocked'. */
export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKEDADDRESS';
  constructor(readonly host: string, readonly address: string, readonly reason: string) {
    super(`refused to connect to ${host} (${address}: ${reason})`);
    this.name = 'BlockedAddressError';
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A net.connect `lookup` option. Node passes `all: true` when it races families (autoSelectFamily). */
export function guardedLookup(policy: AddressPolicy, resolveAll: ResolveAll = systemResolveAll) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolveAll(hostname).then(
      (found) => {
        const wanted = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found;
        for (const a of found) {
          const reason = policy(a.address, null);
          if (reason) return callback(new BlockedAddressError(hostname, a.address, reason), options.all ? [] : '', 0);
        }
        if (wanted.length === 0) {
          const err: NodeJS.ErrnoException = new Error(`no address for ${hostname}`);
          err.code = 'ENOTFOUND';
          return callback(err, options.all ? [] : '', 0);
        }
        if (options.all) return callback(null, wanted);
        callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, options.all ? [] : '', 0),
    );
  };
}
