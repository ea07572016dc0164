// Failed-login throttle shared by the login form and XML-RPC, so neither can guess passwords faster than
// the other. Counted in the database so several instances share it.
import type { Clock } from '../clock.js';
import type { Executor } from '../db/database.js';

export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_IP = 10;
export const MAX_FAILURES_PER_ACCOUNT = 5;

export async function isLoginThrottled(db: Executor, clock: Clock, ip: string, username: string): Promise<boolean> {
  const since = new Date(clock.now().getTime() - THROTTLE_WINDOW_MS).toISOString();
  const [byIp, byUser] = await Promise.all([
    db.selectFrom('login_failures').select((eb) => eb.fn.countAll<number>().as('n')).where('ip', '=', ip).where('at', '>=', since).executeTakeFirstOrThrow(),
    db.selectFrom('login_failures').select((eb) => eb.fn.countAll<number>().as('n')).where('username', '=', username.toLowerCase()).where('at', '>=', since).executeTakeFirstOrThrow(),
  ]);
  return Number(byIp.n) >= MAX_FAILURES_PER_IP || Number(byUser.n) >= MAX_FAILURES_PER_ACCOUNT;
}

export async function recordLoginFailure(db: Executor, clock: Clock, ip: string, username: string): Promise<void> {
  const now = clock.now();
  await db.insertInto('login_failures').values({ ip, username: username.toLowerCase().slice(0, 60), at: now.toISOString() }).execute();
  // Keep the table small: forget failures older than a day.
  await db.deleteFrom('login_failures').where('at', '<', new Date(now.getTime() - 86_400_000).toISOString()).execute();
}

export async function clearLoginFailures(db: Executor, username: string): Promise<void> {
  await db.deleteFrom('login_failures').where('username', '=', username.toLowerCase()).execute();
}
