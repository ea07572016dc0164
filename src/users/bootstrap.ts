// ADMIN_USER / ADMIN_PASSWORD from the environment create the first admin when no user exists yet, so an
// operator can skip the setup page.
import type { AppContext } from '../context.js';
import { hashPassword } from './passwords.js';
import { countUsers, insertUser } from './repository.js';

export async function ensureAdminFromConfig(ctx: AppContext): Promise<void> {
  const admin = ctx.config.admin;
  if (!admin || (await countUsers(ctx.db)) > 0) return;
  await insertUser(ctx.db, {
    username: admin.user,
    displayName: admin.user,
    email: admin.email,
    passwordHash: await hashPassword(admin.password),
    role: 'admin',
    createdAt: ctx.clock.now().toISOString(),
  });
  ctx.log.info({ username: admin.user }, 'created the admin account from ADMIN_USER');
}
