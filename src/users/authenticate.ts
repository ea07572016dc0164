// One credential check for every door (login form, XML-RPC): throttle first, then the password.
import type { Clock } from '../clock.js';
import type { Executor } from '../db/database.js';
import type { User } from '../db/schema.js';
import { clearLoginFailures, isLoginThrottled, recordLoginFailure } from './login-throttle.js';
import { verifyPassword } from './passwords.js';
import { findUserByName } from './repository.js';

export type AuthResult = { ok: true; user: User } | { ok: false; reason: 'throttled' | 'bad_credentials' };

export async function authenticate(db: Executor, clock: Clock, username: string, password: string, ip: string): Promise<AuthResult> {
  if (await isLoginThrottled(db, clock, ip, username)) return { ok: false, reason: 'throttled' };
  const user = await findUserByName(db, username);
  const valid = user ? await verifyPassword(password, user.password_hash) : false;
  if (!user || !valid) {
    await recordLoginFailure(db, clock, ip, username);
    return { ok: false, reason: 'bad_credentials' };
  }
  await clearLoginFailures(db, username);
  return { ok: true, user };
}
