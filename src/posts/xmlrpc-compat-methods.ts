// Small methods editors call around publishing (user info, profile, text filters). The category and tag
// methods are src/terms/xmlrpc-category-methods.ts's.
import type { User } from '../db/schema.js';
import { loadSiteUrl } from '../settings/site-url.js';
import { login } from '../xmlrpc/credentials.js';
import { expectArity } from '../xmlrpc/params.js';
import type { MethodRegistry, XmlRpcCall } from '../xmlrpc/registry.js';

async function profile(call: XmlRpcCall, user: User) {
  const url = `${await loadSiteUrl(call.ctx.db, call.ctx.config)}/`;
  return { user, url };
}

export function registerCompatMethods(registry: MethodRegistry): void {
  registry.add('blogger.getUserInfo', {
    help: 'blogger.getUserInfo(appkey, username, password): the account behind these credentials.',
    handler: async (call) => {
      expectArity(call.params, 3);
      const { user, url } = await profile(call, await login(call, call.params[1], call.params[2]));
      return { userid: String(user.id), nickname: user.username, firstname: user.display_name, lastname: '', url, email: user.email };
    },
  });
  registry.add('mt.supportedTextFilters', {
    help: 'mt.supportedTextFilters(): none; post content is HTML.',
    handler: async (call) => {
      expectArity(call.params, 0);
      return [];
    },
  });
}
