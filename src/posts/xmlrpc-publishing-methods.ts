// metaWeblog / blogger publishing methods (WordPress's xmlrpc.php signatures). Every write goes through the
// posts service, so validation, sanitising per role and the jobs it enqueues are the browser editor's.
import type { User } from '../db/schema.js';
import { createPost, trashPost, updatePost } from './service.js';
import { getSetting } from '../settings/repository.js';
import { loadSettings } from '../settings/repository.js';
import { loadSiteUrl } from '../settings/site-url.js';
import { login } from '../xmlrpc/credentials.js';
import { editablePost, INVALID_POST, unwrapPostResult } from './xmlrpc-post-access.js';
import { editPostInput, newPostInput, postStruct } from './xmlrpc-post-fields.js';
import { recentPosts } from './repository.js';
import { boolParam, expectArity, idParam, intParam, structParam } from '../xmlrpc/params.js';
import { XmlRpcFault, type MethodRegistry, type XmlRpcCall } from '../xmlrpc/registry.js';
import { registerCompatMethods } from './xmlrpc-compat-methods.js';
import { registerWpPostMethods } from './xmlrpc-wp-post-methods.js';
import { mwTermFields, mwTermsInput, termsFor } from '../terms/xmlrpc-post-terms.js';
import { registerPageMethods } from './xmlrpc-page-methods.js';
import { registerPostTypeMethods } from './xmlrpc-post-type-methods.js';
import { registerRevisionMethods } from './xmlrpc-revision-methods.js';
import { can, listingScope } from '../users/capabilities.js';

async function usersBlogs(call: XmlRpcCall, user: User): Promise<unknown[]> {
  const [siteUrl, title] = await Promise.all([loadSiteUrl(call.ctx.db, call.ctx.config), getSetting(call.ctx.db, 'site_title')]);
  return [{ isAdmin: can(user, 'manage_options'), url: `${siteUrl}/`, blogid: '1', blogName: title, xmlrpc: `${siteUrl}/xmlrpc.php` }];
}

export function registerPublishingMethods(registry: MethodRegistry): void {
  registerWpPostMethods(registry);
  registerPageMethods(registry);
  registerPostTypeMethods(registry);
  registerRevisionMethods(registry);
  registerCompatMethods(registry);
  registry.add('blogger.getUsersBlogs', {
    help: 'blogger.getUsersBlogs(appkey, username, password): the one blog this site is.',
    handler: async (call) => {
      expectArity(call.params, 3);
      return usersBlogs(call, await login(call, call.params[1], call.params[2]));
    },
  });
  registry.add('wp.getUsersBlogs', {
    help: 'wp.getUsersBlogs(username, password): the one blog this site is (what the WordPress apps ask first).',
    handler: async (call) => {
      expectArity(call.params, 2);
      return usersBlogs(call, await login(call, call.params[0], call.params[1]));
    },
  });

  registry.add('metaWeblog.newPost', {
    carriesPost: true,
    help: 'metaWeblog.newPost(blogid, username, password, struct, publish): creates a post, returns its id.',
    handler: async (call) => {
      expectArity(call.params, 4, 5);
      const [, username, password, rawStruct, rawPublish] = call.params;
      const struct = structParam(rawStruct, 'content');
      const publish = rawPublish === undefined ? false : boolParam(rawPublish, 'publish');
      const input = newPostInput(struct, publish);
      const user = await login(call, username, password);
      const terms = await mwTermsInput(call.ctx, struct, true);
      return String(unwrapPostResult(await createPost(call.ctx, user, { ...input, ...terms })).id);
    },
  });

  registry.add('metaWeblog.editPost', {
    carriesPost: true,
    help: 'metaWeblog.editPost(postid, username, password, struct, publish): changes a post; fields left out are kept.',
    handler: async (call) => {
      expectArity(call.params, 4, 5);
      const [rawId, username, password, rawStruct, rawPublish] = call.params;
      const id = idParam(rawId, 'postid');
      const struct = structParam(rawStruct, 'content');
      const publish = rawPublish === undefined ? undefined : boolParam(rawPublish, 'publish');
      const user = await login(call, username, password);
      const before = await editablePost(call.ctx, user, id);
      if (before.status === 'trash') throw new XmlRpcFault(404, INVALID_POST);
      const terms = await mwTermsInput(call.ctx, struct, false);
      unwrapPostResult(await updatePost(call.ctx, user, id, { ...editPostInput(before, struct, publish), ...terms }));
      return true;
    },
  });

  registry.add('metaWeblog.getPost', {
    help: 'metaWeblog.getPost(postid, username, password): one post with WordPress\'s field names.',
    handler: async (call) => {
      expectArity(call.params, 3);
      const id = idParam(call.params[0], 'postid');
      const user = await login(call, call.params[1], call.params[2]);
      const post = await editablePost(call.ctx, user, id);
      const terms = await termsFor(call.ctx, [post.id]);
      return { ...postStruct(post, await loadSiteUrl(call.ctx.db, call.ctx.config), await loadSettings(call.ctx.db)), ...mwTermFields(terms.get(post.id)) };
    },
  });

  registry.add('metaWeblog.getRecentPosts', {
    help: 'metaWeblog.getRecentPosts(blogid, username, password, numberOfPosts): newest posts first.',
    handler: async (call) => {
      expectArity(call.params, 3, 4);
      const limit = call.params[3] === undefined ? 10 : intParam(call.params[3], 'numberOfPosts', 1, 1000);
      const user = await login(call, call.params[1], call.params[2]);
      const posts = await recentPosts(call.ctx.db, { limit, authorId: listingScope(user) });
      const [siteUrl, settings, terms] = await Promise.all([loadSiteUrl(call.ctx.db, call.ctx.config), loadSettings(call.ctx.db), termsFor(call.ctx, posts.map((p) => p.id))]);
      return posts.map((p) => ({ ...postStruct(p, siteUrl, settings), ...mwTermFields(terms.get(p.id)) }));
    },
  });

  const deletePost = async (call: XmlRpcCall) => {
    expectArity(call.params, 4, 5);
    const [, rawId, username, password] = call.params;
    const id = idParam(rawId, 'postid');
    const user = await login(call, username, password);
    const post = await editablePost(call.ctx, user, id);
    if (post.status === 'trash') throw new XmlRpcFault(404, 'This post is already in the trash.');
    unwrapPostResult(await trashPost(call.ctx, user, id));
    return true;
  };
  registry.add('blogger.deletePost', {
    help: 'blogger.deletePost(appkey, postid, username, password, publish): moves the post to the trash.',
    handler: deletePost,
  });
  registry.add('metaWeblog.deletePost', {
    help: 'metaWeblog.deletePost(appkey, postid, username, password, publish): the same as blogger.deletePost.',
    handler: deletePost,
  });
}
