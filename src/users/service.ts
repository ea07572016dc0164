// Managing accounts (issue 16 point 2): an administrator edits or deletes users; everyone edits their own
// profile and password. The rules that keep a blog manageable live here: nobody changes their own role or
// deletes themselves (as WordPress), and the last administrator stays one. Those checks and the change they
// guard run in one transaction under the administrators lock, so two admins demoting each other at once
// cannot both succeed and leave no administrator.
import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import type { Role, User } from '../db/schema.js';
import { lockFor, LOCK_SPACE } from '../db/advisory-lock.js';
import { can } from './capabilities.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { checkNewPassword, checkProfile, checkRole, type ProfileForm } from './profile-rules.js';
import { countUsersWithRole, deleteUserReassigning, findUserById, updatePasswordHash, updateUserProfile } from './repository.js';

export type AccountResult = { ok: true; user: User } | { ok: false; status: 400 | 403 | 404; errors: Record<string, string> };

const refused = (status: 400 | 403 | 404, errors: Record<string, string>): AccountResult => ({ ok: false, status, errors });

async function lockAdministrators(ctx: AppContext, trx: Executor): Promise<void> {
  await lockFor(trx, ctx.dialect, [[LOCK_SPACE.administrators, 0]]);
}

/** The Users screen's edit: profile fields and the role (edit_users / promote_users). */
export async function editUser(ctx: AppContext, actor: User, id: number, form: ProfileForm & { role: string }): Promise<AccountResult> {
  if (!can(actor, 'edit_users')) return refused(403, { form: 'Only administrators may edit other users.' });
  const role = checkRole(form.role);
  return ctx.transaction(async (trx) => {
    await lockAdministrators(ctx, trx);
    const target = await findUserById(trx, id);
    if (!target) return refused(404, { form: 'There is no such user. The account may have been deleted.' });
    const checked = checkProfile(form, target.username);
    const errors: Record<string, string> = checked.ok ? {} : { ...checked.errors };
    if (!role) errors.role = 'Choose administrator, editor, author or contributor';
    else if (role !== target.role) {
      const roleError = await roleChangeRefusal(trx, actor, target, role);
      if (roleError) errors.role = roleError;
    }
    if (!checked.ok || Object.keys(errors).length) return refused(400, errors);
    const user = await updateUserProfile(trx, id, { ...checked.profile, role });
    return user ? { ok: true, user } : refused(404, { form: 'There is no such user.' });
  });
}

async function roleChangeRefusal(db: Executor, actor: User, target: User, role: Role): Promise<string | null> {
  if (!can(actor, 'promote_users')) return 'Only administrators may change roles.';
  // WordPress offers no role choice on one's own profile: another administrator does it.
  if (target.id === actor.id) return 'You cannot change your own role. Another administrator can.';
  if (target.role === 'admin' && role !== 'admin' && (await countUsersWithRole(db, 'admin')) <= 1) return 'This is the last administrator. Make someone else an administrator first.';
  return null;
}

/** The Profile screen: one's own display name, e-mail, bio and website (never the role). */
export async function editOwnProfile(ctx: AppContext, actor: User, form: ProfileForm): Promise<AccountResult> {
  const checked = checkProfile(form, actor.username);
  if (!checked.ok) return refused(400, checked.errors);
  const user = await updateUserProfile(ctx.db, actor.id, checked.profile);
  return user ? { ok: true, user } : refused(404, { form: 'Your account no longer exists.' });
}

/**
 * A new password, the current one required (so an unattended signed-in browser cannot take the account).
 * The account's session generation moves on: every other session is signed out; the caller moves its own
 * session to the returned user's generation so it stays signed in.
 */
export async function changeOwnPassword(ctx: AppContext, actor: User, current: string, password: string, again: string): Promise<AccountResult> {
  const errors = checkNewPassword(password, again);
  if (!(await verifyPassword(current, actor.password_hash))) errors.current_password = 'The current password is not right';
  if (Object.keys(errors).length) return refused(400, errors);
  const user = await updatePasswordHash(ctx.db, actor.id, await hashPassword(password));
  return user ? { ok: true, user } : refused(404, { form: 'Your account no longer exists.' });
}

/** wp_delete_user with reassignment: the user's posts, revisions and uploads go to `reassignTo`. */
export type DeleteResult = { ok: true; user: User; to: User; posts: number } | { ok: false; status: 400 | 403 | 404; errors: Record<string, string> };

const notDeleted = (status: 400 | 403 | 404, errors: Record<string, string>): DeleteResult => ({ ok: false, status, errors });

export async function deleteUser(ctx: AppContext, actor: User, id: number, reassignTo: number | null): Promise<DeleteResult> {
  if (!can(actor, 'delete_users')) return notDeleted(403, { form: 'Only administrators may delete users.' });
  if (id === actor.id) return notDeleted(400, { form: 'You cannot delete your own account. Another administrator can.' });
  return ctx.transaction(async (trx) => {
    await lockAdministrators(ctx, trx);
    const target = await findUserById(trx, id);
    if (!target) return notDeleted(404, { form: 'There is no such user. The account may have been deleted already.' });
    if (target.role === 'admin' && (await countUsersWithRole(trx, 'admin')) <= 1) return notDeleted(400, { form: 'This is the last administrator and cannot be deleted.' });
    const to = reassignTo === null || reassignTo === id ? undefined : await findUserById(trx, reassignTo);
    if (!to) return notDeleted(400, { reassign: 'Choose who the content will belong to' });
    const { posts } = await deleteUserReassigning(trx, id, to.id);
    return { ok: true, user: target, to, posts } satisfies DeleteResult;
  });
}
