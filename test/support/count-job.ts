// A job handler for queue tests that leaves proof in the database: each run inserts settings row
// "ran:<n>" (a plain insert, so a second run of the same job fails loudly on the primary key).
import type { AppContext } from '../../src/context.js';

export const COUNT_JOB = 'test.count';

export function registerCountJob(ctx: AppContext, who: string): void {
  ctx.handlers.set(COUNT_JOB, async (payload: { n: number }) => {
    await ctx.db.insertInto('settings').values({ key: `ran:${payload.n}`, value: JSON.stringify(who) }).execute();
    await new Promise((r) => setImmediate(r));
  });
}
