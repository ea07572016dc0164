// The WordPress 3.4+ post methods the WordPress apps use (wp.newPost, wp.editPost, wp.getPost, wp.getPosts,
// wp.deletePost), over the same posts service as metaWeblog.*.
import { canEditPages, createPost, deletePostForever, trashPost, updatePost } from './service.js';
import { XmlRpcFault } from '../xmlrpc/registry.js';
import { loadSiteUrl } from '../settings/site-url.js';
import { loadSettings } from '../settings/repository.js';
import { login } from '../xmlrpc/credentials.js';
import { editablePost, unwrapPostResult } from './xmlrpc-post-access.js';
import { recentPosts } from './repository.js';
import { expectArity, idParam, intParam, invalidParams, member, structParam } from '../xmlrpc/params.js';
import type { PostStatus } from '../db/schema.js';
import type { MethodRegistry } from '../xmlrpc/registry.js';
import { postType, wpEditPostInput, wpNewPostInput, wpPostStruct } from './xmlrpc-wp-post-fields.js';
import { thumbnailsFor } from '../media/xmlrpc-struct.js';
import { termsFor, wpTermsInput, wpTermStructs } from '../terms/xmlrpc-post-terms.js';
import { listingScope } from '../users/capabilities.js';

const statusFilter: Record<string, PostStatus> = { publish: 'published', draft: 'draft', future: 'scheduled', trash: 'trash', pending: 'pending', private: 'private' };
/** WP_Query's "any": every status but those excluded from search (trash, auto-draft). */
const ANY: PostStatus[] = ['published', 'scheduled', 'draft', 'pending', 'private'];
/** WP_Query's default outside wp-admin: public posts and the private ones the user may read. */
const DEFAULT_STATUSES: PostStatus[] = ['published', 'private'];

/**
 * post_status as WP_Query reads it: a comma-separated list (or an array) of statuses, or "any". Names
 * WordPress does not know match nothing, so the answer is an empty list, as WordPress gives.
 */
function statusesOf(raw: unknown): PostStatus[] {
  if (raw === undefined || raw === null || raw === '') return DEFAULT_STATUSES;
  const names = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : null;
  if (!names || !names.every((n) => typeof n === 'string')) throw invalidParams('Filter post_status must be a string or an array of strings.');
  const trimmed = (names as string[]).map((n) => n.trim()).filter(Boolean);
  if (trimmed.includes('any')) return ANY;
  return trimmed.filter((n) => Object.hasOwn(statusFilter, n)).map((n) => statusFilter[n]!);
}

export function registerWpPostMethods(registry: MethodRegistry): void {
  registry.add('wp.newPost', {
    carriesPost: true,
    help: 'wp.newPost(blog_id, username, password, content): creates a post (a draft unless post_status says otherwise).',
    handler: async (call) => {
      expectArity(call.params, 4);
      const struct = structParam(call.params[3], 'content');
      const input = wpNewPostInput(struct);
      const user = await login(call, call.params[1], call.params[2]);
      const terms = await wpTermsInput(call.ctx, user, struct);
      // WordPress's create_posts check for the type: authors may not write pages.
      if (input.type === 'page' && !canEditPages(user)) throw new XmlRpcFault(401, 'Sorry, you are not allowed to post on this site.');
      return String(unwrapPostResult(await createPost(call.ctx, user, { ...input, ...terms })).id);
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
      const terms = await wpTermsInput(call.ctx, user, struct);
      unwrapPostResult(await updatePost(call.ctx, user, id, { ...wpEditPostInput(before, struct), ...terms }));
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
      const [thumbnails, terms] = await Promise.all([thumbnailsFor(call.ctx.db, [post.featured_media_id], siteUrl), termsFor(call.ctx, [post.id])]);
      return { ...wpPostStruct(post, siteUrl, await loadSettings(call.ctx.db), thumbnails.get(post.featured_media_id ?? 0)), terms: wpTermStructs(terms.get(post.id)) };
    },
  });

  registry.add('wp.getPosts', {
    help: 'wp.getPosts(blog_id, username, password, {post_status, number, offset}?, fields?): newest first.',
    handler: async (call) => {
      expectArity(call.params, 3, 5);
      const filter = call.params[3] === undefined ? {} : structParam(call.params[3], 'filter');
      // WordPress answers an unknown post_type with 403 "Invalid post type."; pages are listed like posts.
      const type = postType(filter);
      const statuses = statusesOf(member(filter, 'post_status'));
      const number = member(filter, 'number');
      const offset = member(filter, 'offset');
      const query = {
        statuses,
        limit: number === undefined ? 10 : intParam(number, 'number', 1, 1000),
        offset: offset === undefined ? 0 : intParam(offset, 'offset', 0, 1_000_000),
      };
      const user = await login(call, call.params[1], call.params[2]);
      if (statuses.length === 0) return [];
      const posts = await recentPosts(call.ctx.db, { ...query, type, authorId: listingScope(user, type === 'page' ? 'page' : 'post') });
      const siteUrl = await loadSiteUrl(call.ctx.db, call.ctx.config);
      const [thumbnails, terms, settings] = await Promise.all([thumbnailsFor(call.ctx.db, posts.map((p) => p.featured_media_id), siteUrl), termsFor(call.ctx, posts.map((p) => p.id)), loadSettings(call.ctx.db)]);
      return posts.map((p) => ({ ...wpPostStruct(p, siteUrl, settings, thumbnails.get(p.featured_media_id ?? 0)), terms: wpTermStructs(terms.get(p.id)) }));
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
