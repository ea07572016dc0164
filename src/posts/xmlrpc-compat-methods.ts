// Small methods editors call around publishing (user info, profile, categories, text filters). This blog has
// no categories or tags, so those lists are empty and setting categories changes nothing; answering keeps
// MarsEdit and the WordPress apps from reporting an error after a successful post.
import type { User } from '../db/schema.js';
import { loadSiteUrl } from '../settings/site-url.js';
import { login } from '../xmlrpc/credentials.js';
import { editablePost } from './xmlrpc-post-access.js';
import { expectArity, idParam } from '../xmlrpc/params.js';
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
  for (const name of ['metaWeblog.getCategories', 'mt.getCategoryList', 'wp.getCategories', 'wp.getTags']) {
    registry.add(name, {
      help: `${name}(blogid, username, password): always empty; this blog has no categories or tags.`,
      handler: async (call) => {
        expectArity(call.params, 3);
        await login(call, call.params[1], call.params[2]);
        return [];
      },
    });
  }
  registry.add('mt.getPostCategories', {
    help: 'mt.getPostCategories(postid, username, password): always empty; this blog has no categories.',
    handler: async (call) => {
      expectArity(call.params, 3);
      const id = idParam(call.params[0], 'postid');
      await editablePost(call.ctx, await login(call, call.params[1], call.params[2]), id);
      return [];
    },
  });
  registry.add('mt.setPostCategories', {
    help: 'mt.setPostCategories(postid, username, password, categories): accepted and ignored; this blog has no categories.',
    handler: async (call) => {
      expectArity(call.params, 4);
      const id = idParam(call.params[0], 'postid');
      await editablePost(call.ctx, await login(call, call.params[1], call.params[2]), id);
      return true;
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
