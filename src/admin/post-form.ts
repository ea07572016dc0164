// The editor form ⇄ the posts service's PostInput: checkboxes become open/closed, and the datetime-local
// field (wall-clock time in the site's timezone) becomes an ISO UTC date. The typed values come back too,
// so a refused form shows exactly what the author wrote.
import type { Post } from '../db/schema.js';
import type { Settings } from '../settings/definitions.js';
import type { PostInput } from '../posts/validation.js';
import { z } from 'zod';
import { splitTagNames } from '../terms/post-terms.js';
import type { PostFormat } from '../content/formats.js';
import { formCheckbox, formText, inputOf } from '../http/input.js';
import { isoToLocalInput, localInputToIso } from './local-time.js';
import { rowIdFrom } from '../db/row-id.js';

export interface PostFormValues {
  title: string;
  slug: string;
  content: string;
  excerpt: string;
  status: string;
  date: string;
  allow_comments: boolean;
  allow_pings: boolean;
  notify_links: boolean;
  to_ping: string;
  /** A media id, or empty for no featured image. */
  featured_media_id: string;
  /** 'page' when the editor writes a page (a hidden field on a new page's form), else 'post'. */
  post_type: string;
  /** A page's parent page id, or empty for top level; its menu order as typed. */
  parent_id: string;
  menu_order: string;
  /** WordPress's Visibility: public, password protected (with post_password) or private. */
  visibility: string;
  post_password: string;
  sticky: boolean;
  /** Categories and tags (issue 13, views/admin/partials/editor-terms.eta): ticked category ids, tags by name. */
  post_category: string[];
  tags_input: string;
  /** Set by the terms box: a form without it leaves the post's terms as they are. */
  terms_sent: boolean;
  /** html | markdown (issue 15): a Markdown post's content field holds its source. */
  format: string;
  /** Which publishing button was pressed (publish, schedule, draft, update); empty without JavaScript's help. */
  action: string;
  /** The "Responding to" box (issue 19 point 4): what the post answers, as typed. */
  in_reply_to: string;
  like_of: string;
  repost_of: string;
}

/** Repeated checkboxes: every string value sent (at most 1000), [] when none. */
const formList = z.preprocess((v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x) => typeof x === 'string').slice(0, 1000), z.array(z.string()));

/** Not parseable by Date.parse, so the service reports the date field in the same pass as the others. */
const UNREADABLE_DATE = 'unreadable date';

export function newPostValues(settings: Settings, type: 'post' | 'page' = 'post'): PostFormValues {
  return {
    post_type: type,
    parent_id: '',
    menu_order: '0',
    title: '',
    slug: '',
    content: '',
    excerpt: '',
    status: 'draft',
    date: '',
    allow_comments: settings.default_comment_status === 'open',
    allow_pings: settings.default_ping_status === 'open',
    notify_links: settings.default_pingback_flag,
    to_ping: '',
    featured_media_id: '',
    visibility: 'public',
    post_password: '',
    sticky: false,
    post_category: [],
    tags_input: '',
    terms_sent: false,
    format: 'html',
    action: '',
    in_reply_to: '',
    like_of: '',
    repost_of: '',
  };
}

export function postValues(post: Post, zone: string): PostFormValues {
  return {
    post_type: post.type,
    parent_id: post.parent_id === null ? '' : String(post.parent_id),
    menu_order: String(post.menu_order),
    title: post.title,
    slug: post.slug,
    content: post.format === 'markdown' ? post.source : post.content,
    excerpt: post.excerpt,
    // Private is a visibility in the editor, as in WordPress; its status reads "Published" beside it.
    status: statusInEditor(post.status === 'trash' ? (post.status_before_trash ?? 'draft') : post.status),
    date: isoToLocalInput(post.published_at, zone),
    allow_comments: post.comment_status === 'open',
    allow_pings: post.ping_status === 'open',
    notify_links: post.notify_links === 1,
    to_ping: post.to_ping,
    featured_media_id: post.featured_media_id ? String(post.featured_media_id) : '',
    visibility: post.status === 'private' ? 'private' : post.password !== '' ? 'password' : 'public',
    post_password: post.password,
    sticky: post.sticky === 1,
    // Filled from the post's terms by the editor route (admin/editor-terms.ts).
    post_category: [],
    tags_input: '',
    terms_sent: false,
    format: post.format,
    action: '',
    in_reply_to: post.in_reply_to,
    like_of: post.like_of,
    repost_of: post.repost_of,
  };
}

function statusInEditor(status: Post['status']): string {
  return status === 'private' ? 'published' : status;
}

/** The editor's fields as the route reads them from the body (http/input.ts: never throws). */
export const postFormSchema = inputOf({
  title: formText,
  slug: formText,
  content: formText,
  excerpt: formText,
  status: formText,
  date: formText.transform((v) => v.trim()),
  allow_comments: formCheckbox,
  allow_pings: formCheckbox,
  notify_links: formCheckbox,
  to_ping: formText,
  featured_media_id: formText.transform((v) => v.trim()),
  post_type: formText.transform((v) => (v === 'page' ? 'page' : 'post')),
  parent_id: formText.transform((v) => v.trim()),
  menu_order: formText.transform((v) => v.trim()),
  visibility: formText.transform((v) => (v === 'password' || v === 'private' ? v : 'public')),
  post_password: formText,
  sticky: formCheckbox,
  post_category: formList,
  tags_input: formText,
  terms_sent: formCheckbox,
  format: formText.transform((v) => v.trim() || 'html'),
  action: formText.transform((v) => v.trim()),
  in_reply_to: formText.transform((v) => v.trim()),
  like_of: formText.transform((v) => v.trim()),
  repost_of: formText.transform((v) => v.trim()),
}) satisfies z.ZodType<PostFormValues>;

/**
 * `before` is the stored post when editing: an unchanged date field keeps the stored instant, so saving
 * never shifts a post's date (and so its permalink) by the seconds the minute-precision field drops.
 */
export function toPostInput(v: PostFormValues, zone: string, before?: Post, canStick = false, now?: Date): PostInput {
  const status = statusForAction(v);
  let date = '';
  if (v.action === 'publish-now' && now) date = now.toISOString();
  else if (v.date) {
    if (before?.published_at && v.date === isoToLocalInput(before.published_at, zone)) date = before.published_at;
    else date = localInputToIso(v.date, zone) ?? UNREADABLE_DATE;
  } else if (status === 'published' && now) {
    // The hint says "Empty means now": without this a scheduled post kept its stored future date and
    // stayed scheduled when Published was chosen with the date cleared (issue 15's bug).
    date = now.toISOString();
  }
  return {
    title: v.title,
    slug: v.slug,
    content: v.content,
    excerpt: v.excerpt,
    // Choosing Private publishes privately (WordPress); leaving it turns a private post back to the status chosen.
    status: v.visibility === 'private' ? 'private' : status,
    date,
    commentStatus: v.allow_comments ? 'open' : 'closed',
    pingStatus: v.allow_pings ? 'open' : 'closed',
    toPing: v.to_ping,
    notifyLinks: v.notify_links,
    // An unreadable id is refused by the service's validation (a number is required), not silently dropped.
    featuredMediaId: v.featured_media_id === '' ? null : rowIdFrom(v.featured_media_id) ?? -1,
    password: v.visibility === 'password' ? v.post_password : '',
    // The checkbox is offered to admins only; anyone else's form leaves stickiness as it was.
    sticky: canStick ? v.sticky && v.visibility === 'public' : undefined,
    ...(v.terms_sent ? { categoryIds: v.post_category.map(rowIdFrom).filter((id): id is number => id !== null), tags: splitTagNames(v.tags_input) } : {}),
    // An unknown format is refused by validation with the field named, never read as HTML.
    format: v.format as PostFormat,
    ...(v.post_type === 'page' ? pageFields(v) : { inReplyTo: v.in_reply_to, likeOf: v.like_of, repostOf: v.repost_of }),
  };
}

/** A page's parent and order; anything unreadable reaches the service's validation and is refused there. */
function pageFields(v: PostFormValues): Pick<PostInput, 'type' | 'parentId' | 'menuOrder'> {
  return {
    type: 'page',
    parentId: v.parent_id === '' ? null : rowIdFrom(v.parent_id) ?? -1,
    menuOrder: v.menu_order === '' ? 0 : /^-?\d{1,7}$/.test(v.menu_order) ? Number(v.menu_order) : Number.NaN,
  };
}

/**
 * The buttons say what they do, as WordPress's Publish box: "Save draft" keeps or makes it a draft,
 * "Publish now" / "Schedule for …" publish (a future date schedules), "Update" keeps the chosen status.
 */
function statusForAction(v: PostFormValues): PostInput['status'] {
  if (v.action === 'draft') return 'draft';
  // A contributor's "Submit for Review" (views/admin/partials/editor-publish.eta).
  if (v.action === 'submit-review') return 'pending';
  if (v.action === 'publish' || v.action === 'schedule' || v.action === 'publish-now') return 'published';
  return v.status as PostInput['status'];
}
