// Application passwords (issue 16 point 5): create (the password is returned once, only its hash kept),
// list, revoke, and the check XML-RPC makes (users/authenticate.ts), which also notes when and from where
// each password was last used.
import type { Clock } from '../clock.js';
import type { Executor } from '../db/database.js';
import type { ApplicationPassword } from '../db/schema.js';
import { formatApplicationPassword, generateApplicationPassword, hashApplicationPassword, normaliseApplicationPassword } from './application-password-format.js';
import {
  applicationPasswordNameTaken,
  countApplicationPasswords,
  findApplicationPasswordByHash,
  insertApplicationPassword,
  MAX_APPLICATION_PASSWORDS,
  recordApplicationPasswordUse,
} from './application-password-repository.js';

/**
 * Last use is written at most once a minute per password. Every XML-RPC call signs in again (the protocol has
 * no session), and a desktop client polls; a write per call would take SQLite's one write lock each time for a
 * date nobody reads to the second. A minute is finer than the list shows it.
 */
export const USE_RECORD_INTERVAL_MS = 60_000;
export const APPLICATION_PASSWORD_NAME_MAX = 100;

export interface ApplicationPasswordContext {
  clock: Clock;
  transaction<T>(fn: (trx: Executor) => Promise<T>): Promise<T>;
}

export type CreateResult = { ok: true; item: ApplicationPassword; password: string } | { ok: false; error: string };

/** A new password named `name` for the user; the formatted password is in the result and nowhere else. */
export async function createApplicationPassword(ctx: ApplicationPasswordContext, userId: number, rawName: string): Promise<CreateResult> {
  const name = rawName.trim();
  if (!name) return { ok: false, error: 'Give the application password a name, such as the program that will use it.' };
  if (name.length > APPLICATION_PASSWORD_NAME_MAX) return { ok: false, error: `The name is at most ${APPLICATION_PASSWORD_NAME_MAX} characters.` };
  const password = generateApplicationPassword();
  return ctx.transaction(async (trx): Promise<CreateResult> => {
    // WordPress 5.7+ wants each name unique, so the list tells the passwords apart.
    if (await applicationPasswordNameTaken(trx, userId, name)) return { ok: false, error: 'You already have an application password with this name. Choose another name.' };
    if ((await countApplicationPasswords(trx, userId)) >= MAX_APPLICATION_PASSWORDS) {
      return { ok: false, error: `You have ${MAX_APPLICATION_PASSWORDS} application passwords, the most one account may hold. Revoke one you no longer use first.` };
    }
    const item = await insertApplicationPassword(trx, { userId, name, passwordHash: hashApplicationPassword(password), createdAt: ctx.clock.now().toISOString() });
    return { ok: true, item, password: formatApplicationPassword(password) };
  });
}

/** The user's application password that `input` is (spaces and dashes ignored), with its use noted; or undefined. */
export async function matchApplicationPassword(db: Executor, clock: Clock, userId: number, input: string, ip: string): Promise<ApplicationPassword | undefined> {
  const normalised = normaliseApplicationPassword(input);
  if (!normalised) return undefined;
  const item = await findApplicationPasswordByHash(db, userId, hashApplicationPassword(normalised));
  if (!item) return undefined;
  const now = clock.now();
  const notSince = new Date(now.getTime() - USE_RECORD_INTERVAL_MS).toISOString();
  if (!item.last_used_at || item.last_used_at < notSince) await recordApplicationPasswordUse(db, item.id, now.toISOString(), ip, notSince);
  return item;
}
