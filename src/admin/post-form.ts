// The editor form ⇄ the posts service's PostInput: checkboxes become open/closed, and the datetime-local
// field (wall-clock time in the site's timezone) becomes an ISO UTC date. The typed values come back too,
// so a refused form shows exactly what the author wrote.
import type { Post } from '../db/schema.js';
import type { Settings } from '../settings/definitions.js';
import type { PostInput } from '../posts/validation.js';
import type { PostFormat } from '../content/formats.js';
import type { z } from 'zod';
import { formCheckbox, formText, inputOf } from '../http/input.js';
import { isoToLocalInput, localInputToIso } from './local-time.js';

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
  /** html | markdown (issue 15): a Markdown post's content field holds its source. */
  format: string;
  /** Which publishing button was pressed (publish, schedule, draft, update); empty without JavaScript's help. */
  action: string;
}

/** Not parseable by Date.parse, so the service reports the date field in the same pass as the others. */
const UNREADABLE_DATE = 'unreadable date';

export function newPostValues(settings: Settings): PostFormValues {
  return {
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
    format: 'html',
    action: '',
  };
}

export function postValues(post: Post, zone: string): PostFormValues {
  return {
    title: post.title,
    slug: post.slug,
    content: post.format === 'markdown' ? post.source : post.content,
    excerpt: post.excerpt,
    status: post.status === 'trash' ? (post.status_before_trash ?? 'draft') : post.status,
    date: isoToLocalInput(post.published_at, zone),
    allow_comments: post.comment_status === 'open',
    allow_pings: post.ping_status === 'open',
    notify_links: post.notify_links === 1,
    to_ping: post.to_ping,
    featured_media_id: post.featured_media_id ? String(post.featured_media_id) : '',
    format: post.format,
    action: '',
  };
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
  format: formText.transform((v) => v.trim() || 'html'),
  action: formText.transform((v) => v.trim()),
}) satisfies z.ZodType<PostFormValues>;

/**
 * `before` is the stored post when editing: an unchanged date field keeps the stored instant, so saving
 * never shifts a post's date (and so its permalink) by the seconds the minute-precision field drops.
 */
export function toPostInput(v: PostFormValues, zone: string, before?: Post, now?: Date): PostInput {
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
    status,
    date,
    commentStatus: v.allow_comments ? 'open' : 'closed',
    pingStatus: v.allow_pings ? 'open' : 'closed',
    toPing: v.to_ping,
    notifyLinks: v.notify_links,
    // An unreadable id is refused by the service's validation (a number is required), not silently dropped.
    featuredMediaId: v.featured_media_id === '' ? null : /^\d{1,12}$/.test(v.featured_media_id) ? Number(v.featured_media_id) : -1,
    // An unknown format is refused by validation with the field named, never read as HTML.
    format: v.format as PostFormat,
  };
}

/**
 * The buttons say what they do, as WordPress's Publish box: "Save draft" keeps or makes it a draft,
 * "Publish now" / "Schedule for …" publish (a future date schedules), "Update" keeps the chosen status.
 */
function statusForAction(v: PostFormValues): PostInput['status'] {
  if (v.action === 'draft') return 'draft';
  if (v.action === 'publish' || v.action === 'schedule' || v.action === 'publish-now') return 'published';
  return v.status as PostInput['status'];
}
