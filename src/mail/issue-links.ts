// Makes the single-use links a mail carries: fresh tokens, their keyed hashes stored in one short write
// transaction (before the mail is sent, never around the network), the raw tokens returned for the text only.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../context.js';
import { deleteExpiredTokens, insertTokens } from './token-repository.js';
import { newToken, tokenHash, type TokenPurpose } from './tokens.js';

const DAY = 86_400_000;

/** One token per purpose, all in one group (using one spends the others); returns the raw tokens by purpose. */
export async function issueLinks<P extends TokenPurpose>(ctx: AppContext, purposes: P[], subjectId: number, ttlMs: number): Promise<Record<P, string>> {
  const now = ctx.clock.now();
  const groupKey = randomBytes(16).toString('hex');
  const raw = {} as Record<P, string>;
  for (const p of purposes) raw[p] = newToken();
  await ctx.transaction(async (trx) => {
    // Links past their expiry by a day are gone for good; done here so the table never grows without end.
    await deleteExpiredTokens(trx, new Date(now.getTime() - DAY).toISOString());
    await insertTokens(
      trx,
      purposes.map((p) => ({ hash: tokenHash(ctx.config.sessionSecret, raw[p]), purpose: p, subjectId, groupKey, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + ttlMs).toISOString() })),
    );
  });
  return raw;
}
