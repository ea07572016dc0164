// One credential check for every door (login form, XML-RPC): the attempt is counted first (atomically, see
// login-throttle.ts), then the password is checked, so parallel guesses cannot outrun the count.
// authenticate() takes the account password only: it is the web login's, and an application password never
// signs in to the admin (WordPress allows them for API requests only). authenticateRemote() is XML-RPC's: an
// application password, or the account password unless the site requires application passwords.
import type { Executor } from '../db/database.js';
import type { User } from '../db/schema.js';
import { beginLoginAttempt, loginAttemptSucceeded, type ThrottleContext } from './login-throttle.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { matchApplicationPassword } from './application-passwords.js';
import { findUserByName } from './repository.js';

export type AuthResult = { ok: true; user: User } | { ok: false; reason: 'bad_credentials' } | { ok: false; reason: 'throttled'; retryAfterMs: number };

export interface AuthContext extends ThrottleContext {
  db: Executor;
}

// An unknown name costs the same scrypt work as a known one, so timing does not tell which names exist.
let decoyHash: Promise<string> | null = null;
const decoy = () => (decoyHash ??= hashPassword('decoy password for unknown user names'));

export async function authenticate(ctx: AuthContext, username: string, password: string, ip: string): Promise<AuthResult> {
  const attempt = await beginLoginAttempt(ctx, ip, username);
  if (!attempt.allowed) return { ok: false, reason: 'throttled', retryAfterMs: attempt.retryAfterMs };
  const user = await findUserByName(ctx.db, username);
  const valid = await verifyPassword(password, user?.password_hash ?? (await decoy()));
  if (!user || !valid) return { ok: false, reason: 'bad_credentials' };
  await loginAttemptSucceeded(ctx.db, attempt.attemptId);
  return { ok: true, user };
}

export interface RemoteAuthOptions {
  /** The site's "Require application passwords for XML-RPC": the account password is then a wrong password. */
  applicationPasswordsOnly: boolean;
}

/** XML-RPC's check: the same throttle, then an application password (one indexed lookup) or the account password. */
export async function authenticateRemote(ctx: AuthContext, username: string, password: string, ip: string, opts: RemoteAuthOptions): Promise<AuthResult> {
  const attempt = await beginLoginAttempt(ctx, ip, username);
  if (!attempt.allowed) return { ok: false, reason: 'throttled', retryAfterMs: attempt.retryAfterMs };
  const user = await findUserByName(ctx.db, username);
  const viaApplicationPassword = user ? await matchApplicationPassword(ctx.db, ctx.clock, user.id, password, ip) : undefined;
  let valid = viaApplicationPassword !== undefined;
  if (!valid && !opts.applicationPasswordsOnly) valid = await verifyPassword(password, user?.password_hash ?? (await decoy()));
  if (!user || !valid) return { ok: false, reason: 'bad_credentials' };
  await loginAttemptSucceeded(ctx.db, attempt.attemptId);
  return { ok: true, user };
}

/** "2 minutes", "45 seconds": how long a throttled client waits, in words for the page and the fault. */
export function waitInWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
