// Reading and spending the links mails carry. A link is usable while its token is known, unused and not
// expired; using it spends it and the other links of the same mail in one guarded UPDATE, so a second use
// (or a second click racing the first) finds it spent.
import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import type { MailToken } from '../db/schema.js';
import { findToken, spendGroup } from './token-repository.js';
import { TOKEN_PATTERN, tokenHash, type TokenPurpose } from './tokens.js';

export type LinkRefusal = 'unknown' | 'used' | 'expired';
export type LinkLookup = { ok: true; token: MailToken } | { ok: false; reason: LinkRefusal };

/** 404 for a link we never made; 410 Gone for one that was ours but is used or expired (RFC 9110 §15.5.11). */
export const REFUSAL_STATUS: Record<LinkRefusal, number> = { unknown: 404, used: 410, expired: 410 };

export async function lookUpLink(db: Executor, ctx: AppContext, raw: string, purposes: readonly TokenPurpose[]): Promise<LinkLookup> {
  if (!TOKEN_PATTERN.test(raw)) return { ok: false, reason: 'unknown' };
  const token = await findToken(db, tokenHash(ctx.config.sessionSecret, raw));
  if (!token || !purposes.includes(token.purpose as TokenPurpose)) return { ok: false, reason: 'unknown' };
  if (token.used_at) return { ok: false, reason: 'used' };
  if (token.expires_at <= ctx.clock.now().toISOString()) return { ok: false, reason: 'expired' };
  return { ok: true, token };
}

/** Looks the link up and spends it in the caller's transaction; the token when this call spent it. */
export async function spendLink(trx: Executor, ctx: AppContext, raw: string, purposes: readonly TokenPurpose[]): Promise<LinkLookup> {
  const found = await lookUpLink(trx, ctx, raw, purposes);
  if (!found.ok) return found;
  const spent = await spendGroup(trx, found.token, ctx.clock.now().toISOString());
  return spent ? found : { ok: false, reason: 'used' };
}
