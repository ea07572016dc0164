// ADMIN_USER / ADMIN_PASSWORD from the environment create the first admin when no user exists yet, so an
// operator can skip the setup page. Idempotent (issue 18 point 4: two instances starting at once both saw no
// user, and the second insert crashed its process on the unique username): "no user yet?" and the insert
// run under the first-admin lock the setup page takes too, the insert does nothing when the name exists,
// and the account is then read back, whoever wrote it.
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import { lockFor, LOCK_SPACE } from '../db/advisory-lock.js';
import { hashPassword } from './passwords.js';
import { countUsers, findUserByName, insertUserUnlessTaken } from './repository.js';

/** The admin named by ADMIN_USER after start-up (undefined when none is configured or another account came first). */
export async function ensureAdminFromConfig(ctx: AppContext): Promise<User | undefined> {
  const admin = ctx.config.admin;
  if (!admin) return undefined;
  if ((await countUsers(ctx.db)) === 0) {
    const passwordHash = await hashPassword(admin.password);
    const created = await ctx.transaction(async (trx) => {
      await lockFor(trx, ctx.dialect, [[LOCK_SPACE.firstAdmin, 0]]);
      if ((await countUsers(trx)) > 0) return undefined;
      return insertUserUnlessTaken(trx, { username: admin.user, displayName: admin.user, email: admin.email, passwordHash, role: 'admin', createdAt: ctx.clock.now().toISOString() });
    });
    if (created) ctx.log.info({ username: admin.user }, 'created the admin account from ADMIN_USER');
  }
  return findUserByName(ctx.db, admin.user);
}
