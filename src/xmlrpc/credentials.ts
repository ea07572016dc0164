// Username/password check for every authenticated method, through the same authenticate() and failed-login
// throttle as the login form, with WordPress's fault codes: 403 for bad credentials, 401 for a forbidden act.
// Application passwords are accepted here (issue 16 point 5); with "Require application passwords for
// XML-RPC" on, the account password gets the same 403 as a wrong one.
import type { User } from '../db/schema.js';
import { authenticateRemote, waitInWords } from '../users/authenticate.js';
import { loadSettings } from '../settings/repository.js';
import { stringParam } from './params.js';
import { XmlRpcFault, type XmlRpcCall } from './registry.js';
import { can } from '../users/capabilities.js';

export const NOT_ALLOWED_POST = 'Sorry, you are not allowed to edit this post.';
export const NOT_ALLOWED_COMMENTS = 'Sorry, you are not allowed to moderate or edit comments on this site.';

export async function login(call: XmlRpcCall, username: unknown, password: unknown): Promise<User> {
  const name = stringParam(username, 'username');
  const pass = stringParam(password, 'password');
  const { xmlrpc_require_application_passwords: applicationPasswordsOnly } = await loadSettings(call.ctx.db);
  const result = await authenticateRemote(call.ctx, name, pass, call.ip, { applicationPasswordsOnly });
  if (result.ok) return result.user;
  if (result.reason === 'throttled') {
    // 403, the fault WordPress gives for any refused login, so clients show it as a login problem.
    throw new XmlRpcFault(403, `Too many failed login attempts. Please wait ${waitInWords(result.retryAfterMs)} before trying again.`);
  }
  throw new XmlRpcFault(403, 'Incorrect username or password.');
}

/** Moderation is for editors and administrators (WordPress's moderate_comments capability). */
export async function loginAsModerator(call: XmlRpcCall, username: unknown, password: unknown): Promise<User> {
  const user = await login(call, username, password);
  if (!can(user, 'moderate_comments')) throw new XmlRpcFault(401, NOT_ALLOWED_COMMENTS);
  return user;
}
