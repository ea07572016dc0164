// Which post a caller may touch, and the posts service's refusals as WordPress's faults: 404 "Invalid post
// ID.", 401 for someone else's post, -32602 carrying the validation messages.
import type { AppContext } from '../context.js';
import type { Post, User } from '../db/schema.js';
import { findPostById } from './repository.js';
import { canEditPost, type PostResult } from './service.js';
import { NOT_ALLOWED_POST } from '../xmlrpc/credentials.js';
import { invalidParams } from '../xmlrpc/params.js';
import { XmlRpcFault } from '../xmlrpc/registry.js';

export const INVALID_POST = 'Invalid post ID.';

/** A post the user may read and edit, or the fault WordPress gives: 404 unknown, 401 someone else's. */
export async function editablePost(ctx: AppContext, user: User, id: number): Promise<Post> {
  const post = await findPostById(ctx.db, id);
  if (!post) throw new XmlRpcFault(404, INVALID_POST);
  if (!canEditPost(user, post)) throw new XmlRpcFault(401, NOT_ALLOWED_POST);
  return post;
}

export function unwrapPostResult(result: PostResult): Post {
  if (result.ok) return result.post;
  if (result.status === 404) throw new XmlRpcFault(404, INVALID_POST);
  // wp_xmlrpc_server::_toggle_sticky's two refusals, both 401.
  if (result.errors.sticky) throw new XmlRpcFault(401, result.status === 403 ? 'Sorry, you are not allowed to make posts sticky.' : 'Sorry, you cannot stick a private post.');
  // wp_xmlrpc_server::_insert_post: a contributor asking for publish or private (no publish_posts).
  if (result.status === 403 && result.errors.status) throw new XmlRpcFault(401, 'Sorry, you are not allowed to publish posts in this post type.');
  if (result.status === 403) throw new XmlRpcFault(401, NOT_ALLOWED_POST);
  // WordPress's answer to a post_thumbnail that names no attachment.
  if (result.errors.featuredMediaId) throw new XmlRpcFault(404, 'Invalid attachment ID.');
  throw invalidParams(Object.values(result.errors).join(' '));
}
