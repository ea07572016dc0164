// Backtalk's rows as WordPress's: statuses, comment types and the way WordPress stores received linkbacks,
// dates in the site's zone and GMT, attachment post ids and their meta. Pure.
import { escapeHtml } from '../content/escape.js';
import type { Comment, CommentStatus, Media, MediaFile, Post, PostStatus } from '../db/schema.js';
import { publicUrl } from '../media/markup.js';
import { absoluteUrls } from '../posts/feed-content.js';
import { permalinkUrl, slugify, type PermalinkSettings } from '../posts/permalink.js';
import { phpSerialize, type PhpValue } from './php-serialize.js';
import type { WxrComment, WxrItem, WxrMeta, WxrTerm } from './wxr-elements.js';
import { wpDate } from './wxr-text.js';

/** WordPress's post_status for ours. */
export const WP_POST_STATUS: Record<PostStatus, string> = { published: 'publish', scheduled: 'future', draft: 'draft', pending: 'pending', private: 'private', trash: 'trash' };

/** WordPress's comment_approved for ours. */
export const WP_COMMENT_APPROVED: Record<CommentStatus, string> = { approved: '1', pending: '0', spam: 'spam', trash: 'trash' };

export interface MappingContext {
  siteUrl: string;
  timezone: string;
  links: PermalinkSettings;
  /** Attachments are posts in WordPress: media id N is written as post id attachmentOffset + N. */
  attachmentOffset: number;
}

export interface PostExtras {
  creator: string;
  terms: Pick<WxrTerm, 'taxonomy' | 'slug' | 'name'>[];
  oldSlugs: string[];
}

const epochSeconds = (iso: string) => String(Math.floor(new Date(iso).getTime() / 1000));

export function postItem(post: Post, extras: PostExtras, m: MappingContext): WxrItem {
  const meta: WxrMeta[] = [];
  if (post.featured_media_id !== null) meta.push({ key: '_thumbnail_id', value: String(m.attachmentOffset + post.featured_media_id) });
  for (const slug of extras.oldSlugs) meta.push({ key: '_wp_old_slug', value: slug });
  if (post.status === 'trash') {
    // What WordPress's untrash reads to put the post back where it was.
    meta.push({ key: '_wp_trash_meta_status', value: WP_POST_STATUS[post.status_before_trash ?? 'draft'] });
    meta.push({ key: '_wp_trash_meta_time', value: epochSeconds(post.updated_at) });
  }
  // A draft never dated has WordPress's zero GMT date and its creation time as the local date.
  const dated = post.published_at;
  const guidQuery = post.type === 'page' ? 'page_id' : 'p';
  // WordPress links what is not public yet by its query form, as its guid.
  const linked = post.status === 'published' || (post.status === 'private' && dated) ? permalinkUrl(m.siteUrl, post, m.links) : `${m.siteUrl}/?${guidQuery}=${post.id}`;
  return {
    id: post.id,
    title: post.title,
    link: encodeURI(linked),
    publishedIso: dated,
    creator: extras.creator,
    guid: `${m.siteUrl}/?${guidQuery}=${post.id}`,
    // Our editor and importer link uploads as "/uploads/…", WordPress stores absolute URLs: its importer
    // fetches attachment_url and then replaces that absolute URL (and its stub without the extension, for the
    // "-300x188" sizes) in post_content (class-wp-import.php backfill_attachment_urls). A relative link would
    // match nothing and point at the new site's missing /uploads/, so links are made absolute as in feeds.
    content: absoluteUrls(post.content, linked),
    excerpt: absoluteUrls(post.excerpt, linked),
    postDate: wpDate(dated ?? post.created_at, m.timezone),
    postDateGmt: wpDate(dated),
    modified: wpDate(post.updated_at, m.timezone),
    modifiedGmt: wpDate(post.updated_at),
    commentStatus: post.comment_status,
    pingStatus: post.ping_status,
    slug: post.slug,
    status: WP_POST_STATUS[post.status],
    parent: post.parent_id ?? 0,
    menuOrder: post.menu_order,
    type: post.type,
    password: post.password,
    sticky: post.sticky === 1,
    terms: extras.terms,
    meta,
  };
}

/**
 * A comment as WordPress stores it. Received linkbacks keep WordPress's shapes (wordpress-behaviour.md §2):
 * a pingback's text is "[…] excerpt […]", a trackback's "<strong>title</strong>" then the excerpt; a
 * Webmention is what WordPress's Webmention plugin stores (comment_type webmention, meta protocol and
 * webmention_source_url / webmention_target_url).
 */
export function commentEntry(c: Comment, userId: number, m: Pick<MappingContext, 'timezone'>): WxrComment {
  const meta: WxrMeta[] = [];
  let content = c.content;
  let url = c.author_url;
  if (c.kind !== 'comment') {
    url = c.source_url || c.author_url;
    const excerpt = escapeHtml(c.excerpt ?? c.content);
    if (c.kind === 'pingback') content = `[&#8230;] ${excerpt} [&#8230;]`;
    if (c.kind === 'trackback') content = `<strong>${escapeHtml(c.title ?? c.author_name)}</strong>\n\n${excerpt}`;
    if (c.kind === 'webmention') {
      content = excerpt;
      meta.push({ key: 'protocol', value: 'webmention' }, { key: 'webmention_source_url', value: url });
      if (c.target_url) meta.push({ key: 'webmention_target_url', value: c.target_url });
    }
  }
  if (c.status === 'trash') {
    meta.push({ key: '_wp_trash_meta_status', value: WP_COMMENT_APPROVED[c.status_before_trash ?? 'pending'] });
    meta.push({ key: '_wp_trash_meta_time', value: epochSeconds(c.updated_at) });
  }
  return {
    id: c.id,
    author: c.author_name,
    email: c.author_email,
    url,
    ip: c.ip,
    date: wpDate(c.created_at, m.timezone),
    dateGmt: wpDate(c.created_at),
    content,
    approved: WP_COMMENT_APPROVED[c.status],
    type: c.kind,
    parent: c.parent_id ?? 0,
    userId,
    meta,
  };
}

/** WordPress's _wp_attachment_metadata for an image: its size, file and each generated size. */
export function attachmentMetadata(media: Media, files: MediaFile[]): string | null {
  if (media.kind !== 'image' || media.width === null || media.height === null) return null;
  const sizes: Record<string, PhpValue> = {};
  // Smallest first, as WordPress registers its sizes (thumbnail, medium, medium_large, large).
  const sized = files.filter((f) => f.variant !== 'original' && f.width !== null && f.height !== null).sort((a, b) => a.width! * a.height! - b.width! * b.height! || a.variant.localeCompare(b.variant));
  for (const f of sized) {
    if (f.width === null || f.height === null) continue;
    sizes[f.variant] = { file: f.path.split('/').pop() ?? f.path, width: f.width, height: f.height, 'mime-type': f.mime, filesize: f.bytes };
  }
  return phpSerialize({ width: media.width, height: media.height, file: media.path, filesize: media.bytes, sizes });
}

export function attachmentItem(media: Media, files: MediaFile[], creator: string, m: MappingContext): WxrItem {
  const url = m.siteUrl + publicUrl(media.path);
  const meta: WxrMeta[] = [{ key: '_wp_attached_file', value: media.path }];
  if (media.alt) meta.push({ key: '_wp_attachment_image_alt', value: media.alt });
  const metadata = attachmentMetadata(media, files);
  if (metadata) meta.push({ key: '_wp_attachment_metadata', value: metadata });
  return {
    id: m.attachmentOffset + media.id,
    title: media.title,
    link: encodeURI(url),
    publishedIso: media.created_at,
    creator,
    guid: encodeURI(url),
    content: '',
    excerpt: media.caption,
    postDate: wpDate(media.created_at, m.timezone),
    postDateGmt: wpDate(media.created_at),
    modified: wpDate(media.updated_at, m.timezone),
    modifiedGmt: wpDate(media.updated_at),
    commentStatus: 'closed',
    pingStatus: 'closed',
    slug: slugify(media.title || media.original_name) || `attachment-${media.id}`,
    status: 'inherit',
    parent: media.parent_id ?? 0,
    menuOrder: 0,
    type: 'attachment',
    password: '',
    sticky: false,
    terms: [],
    attachmentUrl: url,
    meta,
  };
}
