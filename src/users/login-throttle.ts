// Failed-login throttle shared by the login form and XML-RPC (issue 10 points 2 and 3), counted in the
// database so several instances share it.
//
// Every attempt is written down BEFORE its password is checked, in one write transaction that first reads
// the counts (BEGIN IMMEDIATE on SQLite; a table lock on PostgreSQL, whose ordinary transactions would let
// two requests read the same count). A burst of parallel guesses is therefore serialised: only the first
// few get a row and a password check, the rest are refused. A success deletes only its own row, so it can
// never wipe the failures of a burst running beside it.
//
// Like the WordPress login limiters (Limit Login Attempts), the hard limits are per address and per
// (account, address): guesses from other addresses cannot lock the owner out. Across all addresses an
// account only gets slower: once it has FREE_ACCOUNT_FAILURES recent failures, each address must wait a
// delay that doubles with every further failure (capped) before its next try on that account. The wait is
// per address on purpose: one account-wide slot would go to whichever client retries fastest, an attacker's
// loop rather than the owner's click, which is a lock-out by another name.
import type { Clock } from '../clock.js';
import type { Dialect, Executor } from '../db/database.js';
import { deleteLoginFailure, deleteLoginFailuresBefore, failureStats, insertLoginFailure, lockLoginFailures } from './login-failure-repository.js';

export const THROTTLE_WINDOW_MS = 15 * 60_000;
/** Failures from one address, whatever the accounts, within the window. */
export const MAX_FAILURES_PER_IP = 20;
/** Failures for one account from one address within the window. */
export const MAX_FAILURES_PER_ACCOUNT_AND_IP = 5;
/** Failures for one account from all addresses before every address has to wait between tries. */
export const FREE_ACCOUNT_FAILURES = 5;
export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 2 * 60_000;
/** Rows older than this serve no decision any more; the maintenance job deletes them. */
export const KEEP_FAILURES_MS = THROTTLE_WINDOW_MS;

export interface ThrottleContext {
  clock: Clock;
  dialect: Dialect;
  transaction<T>(fn: (trx: Executor) => Promise<T>): Promise<T>;
}

export type AttemptDecision = { allowed: true; attemptId: number } | { allowed: false; retryAfterMs: number };

const normalName = (username: string) => username.toLowerCase().slice(0, 60);
const normalIp = (ip: string) => ip.slice(0, 64);

/** The wait an address owes between tries on an account with `accountFailures` recent failures. */
export function accountDelayMs(accountFailures: number): number {
  if (accountFailures < FREE_ACCOUNT_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (accountFailures - FREE_ACCOUNT_FAILURES));
}

/** Counts this attempt (as a failure until it proves otherwise) or refuses it, atomically. */
export async function beginLoginAttempt(ctx: ThrottleContext, ip: string, username: string): Promise<AttemptDecision> {
  const name = normalName(username);
  const addr = normalIp(ip);
  return ctx.transaction(async (trx) => {
    await lockLoginFailures(trx, ctx.dialect);
    const now = ctx.clock.now().getTime();
    const since = new Date(now - THROTTLE_WINDOW_MS).toISOString();
    const byIp = await failureStats(trx, since, { ip: addr });
    const byPair = await failureStats(trx, since, { ip: addr, username: name });
    const byAccount = await failureStats(trx, since, { username: name });

    const waits: number[] = [];
    if (Number(byIp.n) >= MAX_FAILURES_PER_IP) waits.push(Date.parse(String(byIp.first)) + THROTTLE_WINDOW_MS - now);
    if (Number(byPair.n) >= MAX_FAILURES_PER_ACCOUNT_AND_IP) waits.push(Date.parse(String(byPair.first)) + THROTTLE_WINDOW_MS - now);
    const delay = accountDelayMs(Number(byAccount.n));
    if (delay > 0 && byPair.last) waits.push(Date.parse(String(byPair.last)) + delay - now);
    const retryAfterMs = Math.max(0, ...waits);
    if (retryAfterMs > 0) return { allowed: false, retryAfterMs };

    return { allowed: true, attemptId: await insertLoginFailure(trx, addr, name, new Date(now).toISOString()) };
  });
}

/** The attempt was the right password: it was no failure, so its own row goes (and nothing else). */
export async function loginAttemptSucceeded(db: Executor, attemptId: number): Promise<void> {
  await deleteLoginFailure(db, attemptId);
}

/** Deletes failures too old to matter (called by the maintenance job). */
export async function deleteOldLoginFailures(db: Executor, clock: Clock): Promise<number> {
  const before = new Date(clock.now().getTime() - KEEP_FAILURES_MS).toISOString();
  return deleteLoginFailuresBefore(db, before);
}
