// The connect-time lookup hook in isolation: both callback shapes Node uses (all: true when it races
// address families), family filtering, refusal when any answer is blocked, resolver errors passed through.
import { describe, expect, it } from 'vitest';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { addressPolicy } from '../../src/net/address-guard.js';
import { BlockedAddressError, guardedLookup } from '../../src/net/guarded-lookup.js';

const answers: LookupAddress[] = [{ address: '2606:4700::1', family: 6 }, { address: '93.184.215.14', family: 4 }];

function run(policyAllowsPrivate: boolean, options: LookupOptions, resolved: LookupAddress[] | Error) {
  const lookup = guardedLookup(addressPolicy(policyAllowsPrivate), async () => {
    if (resolved instanceof Error) throw resolved;
    return resolved;
  });
  return new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) =>
    lookup('host.example', options, (err, address, family) => resolve({ err, address, family })),
  );
}

describe('guardedLookup', () => {
  it('answers every address when Node asks for all of them', async () => {
    expect(await run(false, { all: true }, answers)).toEqual({ err: null, address: answers, family: undefined });
  });

  it('answers one address of the wanted family otherwise', async () => {
    expect(await run(false, { family: 4 }, answers)).toEqual({ err: null, address: '93.184.215.14', family: 4 });
    expect(await run(false, {}, answers)).toEqual({ err: null, address: '2606:4700::1', family: 6 });
  });

  it('refuses the name when any answer is blocked, naming the address and the reason', async () => {
    const { err } = await run(false, { all: true }, [...answers, { address: '10.1.2.3', family: 4 }]);
    expect(err).toBeInstanceOf(BlockedAddressError);
    expect(err!.code).toBe('EBLOCKEDADDRESS');
    expect(err!.message).toBe('refused to connect to host.example (10.1.2.3: private)');
  });

  it('lets private answers through when private addresses are allowed', async () => {
    expect((await run(true, { family: 4 }, [{ address: '10.1.2.3', family: 4 }])).address).toBe('10.1.2.3');
  });

  it('passes resolver errors on, and reports no address of the wanted family as ENOTFOUND', async () => {
    const nx = Object.assign(new Error('getaddrinfo ENOTFOUND host.example'), { code: 'ENOTFOUND' });
    expect((await run(false, {}, nx)).err).toBe(nx);
    expect((await run(false, { family: 6 }, [{ address: '93.184.215.14', family: 4 }])).err?.code).toBe('ENOTFOUND');
  });
});
