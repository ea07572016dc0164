// The WordPress 3.4+ post methods the WordPress apps use (wp.newPost, wp.editPost, wp.getPost, wp.getPosts,
// wp.deletePost), over the same posts service as metaWeblog.*.
import { canEditPages, createPost, deletePostForever, trashPost, updatePost } from './service.js';
import { XmlRpcFault } from '../xmlrpc/registry.js';
import { loadSiteUrl } from '../settings/site-url.js';
import { loadSettings } from '../settings/settings.js';
import { login } from '../xmlrpc/credentials.js';
import { editablePost, unwrapPostResult } from './xmlrpc-post-access.js';
import { recentPosts } from './repository.js';
import { expectArity, idParam, intParam, invalidParams, member, structParam } from '../xmlrpc/params.js';
import type { PostStatus } from '../db/schema.js';
import type { MethodRegistry } from '../xmlrpc/registry.js';
import { postType, wpEditPostInput, wpNewPostInput, wpPostStruct } from './xmlrpc-wp-post-fields.js';
import { thumbnailsFor } from '../media/xmlrpc-struct.js';

const statusFilter: Record<string, PostStatus> = { publish: 'published', draft: 'draft', future: 'scheduled', trash: 'trash' };

export function registerWpPostMethods(registry: MethodRegistry): void {
  registry.add('wp.newPost', {
    carriesPost: true,
    help: 'wp.newPost(blog_id, username, password, content): creates a post (a draft unless post_status says otherwise).',
    handler: async (call) => {
      expectArity(call.params, 4);
      const input = wpNewPostInput(structParam(call.params[3], 'content'));
      const user = await login(call, call.params[1], call.params[2]);
      // WordPress's create_posts check for the type: authors may not write pages.
      if (input.type === 'page' && !canEditPages(user)) throw new XmlRpcFault(401, 'Sorry, you are not allowed to post on this site.');
      return String(unwrapPostResult(await createPost(call.ctx, user, input)).id);
    },
  });

  registry.add('wp.editPost', {
    carriesPost: true,
    help: 'wp.editPost(blog_id, username, password, post_id, content): changes only the fields sent.',
    handler: async (call) => {
      expectArity(call.params, 5);
      const id = idParam(call.params[3], 'post_id');
      const struct = structParam(call.params[4], 'content');
      const user = await login(call, call.params[1], call.params[2]);
      const before = await editablePost(call.ctx, user, id);
      unwrapPostResult(await updatePost(call.ctx, user, id, wpEditPostInput(before, struct)));
      return true;
    },
  });

  registry.add('wp.getPost', {
    help: 'wp.getPost(blog_id, username, password, post_id, fields?): one post.',
    handler: async (call) => {
      expectArity(call.params, 4, 5);
      const id = idParam(call.params[3], 'post_id');
      const user = await login(call, call.params[1], call.params[2]);
      const post = await editablePost(call.ctx, user, id);
      const siteUrl = await loadSiteUrl(call.ctx.db, call.ctx.config);
      const thumbnails = await thumbnailsFor(call.ctx.db, [post.featured_media_id], siteUrl);
      return wpPostStruct(post, siteUrl, await loadSettings(call.ctx.db), thumbnails.get(post.featured_media_id ?? 0));
    },
  });

  registry.add('wp.getPosts', {
    help: 'wp.getPosts(blog_id, username, password, {post_status, number, offset}?, fields?): newest first.',
    handler: async (call) => {
      expectArity(call.params, 3, 5);
      const filter = call.params[3] === undefined ? {} : structParam(call.params[3], 'filter');
      // WordPress answers an unknown post_type with 403 "Invalid post type."; pages are listed like posts.
      const type = postType(filter);
      const rawStatus = member(filter, 'post_status');
      if (rawStatus !== undefined && rawStatus !== '' && (typeof rawStatus !== 'string' || !Object.hasOwn(statusFilter, rawStatus))) {
        throw invalidParams('Filter post_status must be one of publish, draft, future, trash.');
      }
      const number = member(filter, 'number');
      const offset = member(filter, 'offset');
      const query = {
        status: typeof rawStatus === 'string' && rawStatus !== '' ? statusFilter[rawStatus] : undefined,
        limit: number === undefined ? 10 : intParam(number, 'number', 1, 1000),
        offset: offset === undefined ? 0 : intParam(offset, 'offset', 0, 1_000_000),
      };
      const user = await login(call, call.params[1], call.params[2]);
      const posts = await recentPosts(call.ctx.db, { ...query, type, authorId: user.role === 'admin' ? undefined : user.id });
      const siteUrl = await loadSiteUrl(call.ctx.db, call.ctx.config);
      const thumbnails = await thumbnailsFor(call.ctx.db, posts.map((p) => p.featured_media_id), siteUrl);
      const settings = await loadSettings(call.ctx.db);
      return posts.map((p) => wpPostStruct(p, siteUrl, settings, thumbnails.get(p.featured_media_id ?? 0)));
    },
  });

  registry.add('wp.deletePost', {
    help: 'wp.deletePost(blog_id, username, password, post_id): to the trash; deleted for good if already there.',
    handler: async (call) => {
      expectArity(call.params, 4);
      const id = idParam(call.params[3], 'post_id');
      const user = await login(call, call.params[1], call.params[2]);
      const post = await editablePost(call.ctx, user, id);
      unwrapPostResult(post.status === 'trash' ? await deletePostForever(call.ctx, user, id) : await trashPost(call.ctx, user, id));
      return true;
    },
  });
}
