// WordPress's metaWeblog field names (title, description, mt_excerpt, wp_slug, dateCreated, mt_allow_*,
// mt_tb_ping_urls, post_status) to and from the posts service's PostInput and Post.
import type { Post, PostStatus } from '../db/schema.js';
import { permalinkUrl, type PermalinkSettings } from './permalink.js';
import type { PostInput } from './validation.js';
import { invalidParams, member, type Struct } from '../xmlrpc/params.js';
import { MAX_ROW_ID } from '../db/row-id.js';

const MORE = '<!--more-->';

export function text(struct: Struct, key: string): string | undefined {
  const value = member(struct, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw invalidParams(`Field ${key} must be a string.`);
}

/** The first date among keys (WordPress prefers the _gmt one), sent as <dateTime.iso8601> or as a string. */
export function date(struct: Struct, keys = ['date_created_gmt', 'dateCreated']): string | undefined {
  for (const key of keys) {
    const value = member(struct, key);
    if (value === undefined || value === null || value === '') continue;
    const parsed = value instanceof Date ? value : typeof value === 'string' ? new Date(value.trim()) : null;
    if (!parsed || Number.isNaN(parsed.getTime())) throw invalidParams(`Field ${key} must be a date.`);
    return parsed.toISOString();
  }
  return undefined;
}

/** mt_allow_comments / mt_allow_pings: 1 or "open" opens; 0, 2 (WordPress's "closed") or "closed" closes. */
export function openClosed(struct: Struct, key: string): 'open' | 'closed' | undefined {
  const value = member(struct, key);
  if (value === undefined || value === null || value === '') return undefined;
  if (value === 1 || value === true || value === '1' || value === 'open') return 'open';
  if (value === 0 || value === 2 || value === false || value === '0' || value === '2' || value === 'closed') return 'closed';
  throw invalidParams(`Field ${key} must be 1, 0, "open" or "closed".`);
}

function pingUrls(struct: Struct): string | undefined {
  const value = member(struct, 'mt_tb_ping_urls');
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((u) => typeof u === 'string')) return value.join('\n');
  throw invalidParams('Field mt_tb_ping_urls must be a string or an array of strings.');
}

/**
 * post_status wins over the publish flag, as in WordPress. A status WordPress does not know becomes a draft,
 * as wp_xmlrpc_server::_insert_post does ("default: … 'draft'").
 */
export function askedStatus(struct: Struct, publish: boolean | undefined): PostInput['status'] | undefined {
  const value = member(struct, 'post_status');
  if (value !== undefined && value !== null && value !== '') {
    if (typeof value !== 'string') throw invalidParams('Field post_status must be a string.');
    return FROM_WORDPRESS[value] ?? 'draft';
  }
  if (publish === undefined) return undefined;
  return publish ? 'published' : 'draft';
}

const FROM_WORDPRESS: Record<string, PostInput['status']> = { publish: 'published', future: 'scheduled', draft: 'draft', pending: 'pending', private: 'private' };

/** wp_validate_boolean: true, 1, "1", "true" are true; anything else false. Absent: undefined (kept). */
export function sticky(struct: Struct): boolean | undefined {
  const value = member(struct, 'sticky');
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value === '1' || value.toLowerCase() === 'true';
  return value === true || value === 1;
}

/** A post password as WordPress reads it (wp_password on metaWeblog, post_password on wp.*): as typed. */
export function password(struct: Struct, key: string): string | undefined {
  const value = member(struct, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw invalidParams(`Field ${key} must be a string.`);
}

function content(struct: Struct): string | undefined {
  const description = text(struct, 'description');
  const more = text(struct, 'mt_text_more');
  if (description === undefined && more === undefined) return undefined;
  return more ? `${description ?? ''}${MORE}${more}` : description;
}

/**
 * The featured image a client sets (wp_post_thumbnail / post_thumbnail, WordPress's _thumbnail_id): an id,
 * or 0/''/false to remove it; absent keeps it.
 */
export function thumbnail(struct: Struct, key: string): number | null | undefined {
  const value = member(struct, key);
  if (value === undefined) return undefined;
  if (value === '' || value === 0 || value === '0' || value === false) return null;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^\d{1,12}$/.test(text) || Number(text) > MAX_ROW_ID) throw invalidParams(`Field ${key} must be an attachment id.`);
  return Number(text);
}

/** What metaWeblog.newPost sends, as the service's input. */
export function newPostInput(struct: Struct, publish: boolean): PostInput {
  return {
    title: text(struct, 'title') ?? '',
    content: content(struct) ?? '',
    excerpt: text(struct, 'mt_excerpt'),
    slug: text(struct, 'wp_slug'),
    status: askedStatus(struct, publish) ?? 'draft',
    date: date(struct),
    commentStatus: openClosed(struct, 'mt_allow_comments'),
    pingStatus: openClosed(struct, 'mt_allow_pings'),
    toPing: pingUrls(struct),
    featuredMediaId: thumbnail(struct, 'wp_post_thumbnail'),
    password: password(struct, 'wp_password'),
    sticky: sticky(struct),
  };
}

export function statusAsInput(status: PostStatus): PostInput['status'] {
  return status === 'trash' ? 'draft' : status;
}

/** metaWeblog.editPost: fields left out keep their current values; a missing publish flag keeps the status. */
export function editPostInput(before: Post, struct: Struct, publish: boolean | undefined): PostInput {
  return {
    title: text(struct, 'title') ?? before.title,
    content: content(struct) ?? before.content,
    excerpt: text(struct, 'mt_excerpt'),
    slug: text(struct, 'wp_slug'),
    status: askedStatus(struct, publish) ?? statusAsInput(before.status),
    date: date(struct),
    commentStatus: openClosed(struct, 'mt_allow_comments'),
    pingStatus: openClosed(struct, 'mt_allow_pings'),
    toPing: pingUrls(struct),
    featuredMediaId: thumbnail(struct, 'wp_post_thumbnail'),
    password: password(struct, 'wp_password'),
    sticky: sticky(struct),
  };
}

export const wordpressStatus: Record<PostStatus, string> = { draft: 'draft', pending: 'pending', published: 'publish', scheduled: 'future', private: 'private', trash: 'trash' };

/**
 * get_permalink() as a client can use it: the permalink once the post has its public address (published or
 * private), else the preview address, which shows the post to a signed-in user who may edit it (the plain
 * /?p=<slug> link WordPress clients got before was a 404).
 */
export function clientLink(siteUrl: string, post: Post, links: PermalinkSettings): string {
  if (post.status === 'published' || post.status === 'private') return permalinkUrl(siteUrl, post, links);
  return `${siteUrl.replace(/\/+$/, '')}/?p=${post.id}&preview=true`;
}

/** The struct metaWeblog.getPost and getRecentPosts return, with absolute links from the site URL. */
export function postStruct(post: Post, siteUrl: string, links: PermalinkSettings): Struct {
  const [description, ...rest] = post.content.split(MORE);
  const when = new Date(post.published_at ?? post.created_at);
  const link = clientLink(siteUrl, post, links);
  return {
    postid: String(post.id),
    userid: String(post.author_id),
    title: post.title,
    description,
    mt_text_more: rest.join(MORE),
    mt_excerpt: post.excerpt,
    wp_slug: post.slug,
    link,
    permaLink: link,
    dateCreated: when,
    date_created_gmt: when,
    date_modified: new Date(post.updated_at),
    date_modified_gmt: new Date(post.updated_at),
    post_status: wordpressStatus[post.status],
    mt_allow_comments: post.comment_status === 'open' ? 1 : 0,
    mt_allow_pings: post.ping_status === 'open' ? 1 : 0,
    mt_tb_ping_urls: post.to_ping.split(/\s+/).filter(Boolean),
    categories: [],
    mt_keywords: '',
    wp_post_thumbnail: post.featured_media_id ?? 0,
    wp_password: post.password,
    sticky: post.sticky === 1,
  };
}
