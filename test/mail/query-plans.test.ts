// The queries mail adds read one link, one mail's links, one account's sessions or one address: each must
// go through its index (migration 0021), not read the table, however many links, sessions or users there are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../support/app.js';
import { explain } from '../performance/plan-check.js';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

async function planOf(q: { compile(): { sql: string; parameters: readonly unknown[] } }): Promise<string> {
  const c = q.compile();
  return (await explain(t.ctx.db, t.ctx.dialect, { sql: c.sql, parameters: c.parameters })).plan.join('\n');
}

describe('mail queries use their indexes', () => {
  const db = () => t.ctx.db;
  it.each([
    ['a link by its hash', () => db().selectFrom('mail_tokens').selectAll().where('token_hash', '=', 'x'), /mail_tokens.*(autoindex|token_hash_key|unique)|token_hash/i],
    ['the links of one mail', () => db().updateTable('mail_tokens').set({ used_at: 'now' }).where('group_key', '=', 'g').where('used_at', 'is', null), /mail_tokens_group/],
    ['the reset links of one account', () => db().updateTable('mail_tokens').set({ used_at: 'now' }).where('purpose', '=', 'password.reset').where('subject_id', '=', 1).where('used_at', 'is', null), /mail_tokens_subject/],
    ['expired links', () => db().deleteFrom('mail_tokens').where('expires_at', '<', 'now'), /mail_tokens_expires/],
    ['the sessions of one account', () => db().deleteFrom('sessions').where('user_id', '=', 1), /sessions_user_id/],
    ['an account by e-mail address in any case', () => db().selectFrom('users').select('id').where(sql`lower(email)`, '=', 'a@b.c').orderBy('id').limit(1), /users_email_lower/],
  ])('%s', async (_name, query, index) => {
    const plan = await planOf(query());
    expect(plan).toMatch(index);
    expect(plan).not.toMatch(/^SCAN (mail_tokens|sessions)\b|Seq Scan on (mail_tokens|sessions)/m);
  });
});
