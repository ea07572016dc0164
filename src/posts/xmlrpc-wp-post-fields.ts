// The WordPress 3.4+ post API's field names (post_title, post_content, post_status, post_date_gmt, ...), as
// the WordPress apps send and read them, to and from the posts service's PostInput and Post.
import type { Post } from '../db/schema.js';
import type { PermalinkSettings } from './permalink.js';
import type { PostInput } from './validation.js';
import { invalidParams, member, type Struct } from '../xmlrpc/params.js';
import { XmlRpcFault } from '../xmlrpc/registry.js';
import { askedStatus, clientLink, date, openClosed, password, statusAsInput, sticky, text, thumbnail, wordpressStatus } from './xmlrpc-post-fields.js';

/** post_type: 'post' (the default) or 'page'; anything else is WordPress's 403 "Invalid post type.". */
export function postType(struct: Struct): 'post' | 'page' {
  const type = member(struct, 'post_type');
  if (type === undefined || type === null || type === '' || type === 'post') return 'post';
  if (type === 'page') return 'page';
  throw new XmlRpcFault(403, 'Invalid post type.');
}

/** post_parent (a page id, 0 for none) and menu_order, as wp.newPost / wp.editPost take them for pages. */
function pageAttributes(struct: Struct, parentKey: string, orderKey: string): Pick<PostInput, 'parentId' | 'menuOrder'> {
  const parent = member(struct, parentKey);
  const order = member(struct, orderKey);
  const out: Pick<PostInput, 'parentId' | 'menuOrder'> = {};
  if (parent !== undefined && parent !== null && parent !== '') {
    const id = typeof parent === 'number' ? parent : typeof parent === 'string' && /^\d{1,12}$/.test(parent.trim()) ? Number(parent) : NaN;
    if (!Number.isInteger(id) || id < 0) throw invalidParams(`Field ${parentKey} must be a page id.`);
    out.parentId = id === 0 ? null : id;
  }
  if (order !== undefined && order !== null && order !== '') {
    const n = typeof order === 'number' ? order : typeof order === 'string' && /^-?\d{1,7}$/.test(order.trim()) ? Number(order) : NaN;
    if (!Number.isInteger(n)) throw invalidParams(`Field ${orderKey} must be a whole number.`);
    out.menuOrder = n;
  }
  return out;
}

export function pageFields(struct: Struct, parentKey = 'post_parent', orderKey = 'menu_order'): Pick<PostInput, 'type' | 'parentId' | 'menuOrder'> {
  return { type: 'page', ...pageAttributes(struct, parentKey, orderKey) };
}

function pingUrls(struct: Struct): string | undefined {
  const value = member(struct, 'mt_tb_ping_urls') ?? member(struct, 'to_ping');
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((u) => typeof u === 'string')) return value.join('\n');
  throw invalidParams('Field to_ping must be a string or an array of strings.');
}

function fields(struct: Struct): Omit<PostInput, 'title' | 'content' | 'status'> {
  return {
    excerpt: text(struct, 'post_excerpt'),
    slug: text(struct, 'post_name'),
    date: date(struct, ['post_date_gmt', 'post_date']),
    commentStatus: openClosed(struct, 'comment_status'),
    pingStatus: openClosed(struct, 'ping_status'),
    toPing: pingUrls(struct),
    featuredMediaId: thumbnail(struct, 'post_thumbnail'),
    password: password(struct, 'post_password'),
    sticky: sticky(struct),
  };
}

/** wp.newPost: a draft unless post_status says otherwise, as in WordPress. */
export function wpNewPostInput(struct: Struct): PostInput {
  const type = postType(struct);
  return {
    ...(type === 'page' ? pageFields(struct) : {}),
    title: text(struct, 'post_title') ?? '',
    content: text(struct, 'post_content') ?? '',
    status: askedStatus(struct, undefined) ?? 'draft',
    ...fields(struct),
  };
}

/** wp.editPost: only what is sent changes. */
export function wpEditPostInput(before: Post, struct: Struct): PostInput {
  // WordPress: an edit that names another type is refused; one that names none keeps the post's.
  if (member(struct, 'post_type') !== undefined && postType(struct) !== before.type) throw new XmlRpcFault(401, 'The post type may not be changed.');
  return {
    ...(before.type === 'page' ? pageAttributes(struct, 'post_parent', 'menu_order') : {}),
    title: text(struct, 'post_title') ?? before.title,
    content: text(struct, 'post_content') ?? before.content,
    status: askedStatus(struct, undefined) ?? statusAsInput(before.status),
    ...fields(struct),
  };
}

/** `thumbnail` is the featured image's media struct (wp.getPost's post_thumbnail), an empty array when none. */
export function wpPostStruct(post: Post, siteUrl: string, links: PermalinkSettings, thumbnail: Struct | [] = []): Struct {
  const when = new Date(post.published_at ?? post.created_at);
  const modified = new Date(post.updated_at);
  const link = clientLink(siteUrl, post, links);
  return {
    post_id: String(post.id),
    post_title: post.title,
    post_date: when,
    post_date_gmt: when,
    post_modified: modified,
    post_modified_gmt: modified,
    post_status: wordpressStatus[post.status],
    post_type: post.type,
    post_format: 'standard',
    post_name: post.slug,
    post_author: String(post.author_id),
    post_password: post.password,
    post_excerpt: post.excerpt,
    post_content: post.content,
    post_parent: String(post.parent_id ?? 0),
    post_mime_type: '',
    link,
    // WordPress's guid is the ?p=ID address given at creation: it never changes with the slug or the status.
    guid: `${siteUrl.replace(/\/+$/, '')}/?p=${post.id}`,
    menu_order: post.menu_order,
    comment_status: post.comment_status,
    ping_status: post.ping_status,
    sticky: post.sticky === 1,
    post_thumbnail: thumbnail,
    terms: [],
    custom_fields: [],
  };
}
