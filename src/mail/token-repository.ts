// Queries on mail_tokens (migration 0021): links are stored by keyed hash, looked up by it, and spent by one
// guarded UPDATE, so two clicks at once (two tabs, two instances) act once.
import type { Executor } from '../db/database.js';
import type { MailToken } from '../db/schema.js';

export interface NewToken {
  hash: string;
  purpose: string;
  subjectId: number;
  groupKey: string;
  createdAt: string;
  expiresAt: string;
}

export async function insertTokens(db: Executor, tokens: NewToken[]): Promise<void> {
  if (tokens.length === 0) return;
  await db
    .insertInto('mail_tokens')
    .values(tokens.map((t) => ({ token_hash: t.hash, purpose: t.purpose, subject_id: t.subjectId, group_key: t.groupKey, created_at: t.createdAt, expires_at: t.expiresAt, used_at: null })))
    .execute();
}

export function findToken(db: Executor, hash: string): Promise<MailToken | undefined> {
  return db.selectFrom('mail_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

/**
 * Spends the token and the other links of its mail, if it is still usable at `now`. True when this call
 * spent it; false when it was used (or expired) meanwhile: the WHERE repeats the check under the row lock.
 */
export async function spendGroup(db: Executor, token: MailToken, now: string): Promise<boolean> {
  const mine = await db.updateTable('mail_tokens').set({ used_at: now }).where('id', '=', token.id).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
  if (Number(mine.numUpdatedRows) === 0) return false;
  await db.updateTable('mail_tokens').set({ used_at: now }).where('group_key', '=', token.group_key).where('used_at', 'is', null).execute();
  return true;
}

/** Spends every unused link of this purpose for this subject (a reset password voids the other reset links). */
export async function spendAllFor(db: Executor, purpose: string, subjectId: number, now: string): Promise<void> {
  await db.updateTable('mail_tokens').set({ used_at: now }).where('purpose', '=', purpose).where('subject_id', '=', subjectId).where('used_at', 'is', null).execute();
}

/** Links expired a day ago or more are kept no longer: a late click still hears "expired" for that day. */
export async function deleteExpiredTokens(db: Executor, before: string): Promise<number> {
  const r = await db.deleteFrom('mail_tokens').where('expires_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
