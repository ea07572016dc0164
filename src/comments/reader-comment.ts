// Readers' comment form: validation of what a visitor typed (pure), and whether a post takes comments now.
// Rules follow WordPress's wp_handle_comment_submission(): name and email when require_name_email is set,
// a website only as an http(s) URL, and comments closed after close_comments_days_old when asked (§3.4).
import { z } from 'zod';
import { stripControlChars } from '../content/control-chars.js';
import { inputOf, singleText } from '../http/input.js';
import { rowIdFrom } from '../db/row-id.js';

export interface ReaderCommentForm {
  author: string;
  email: string;
  url: string;
  content: string;
  /** comment_parent as sent: the id of the comment replied to, or '' for a top-level comment. */
  parent: string;
  /** "Save my name, email, and website in this browser" (wp-comment-cookies-consent, WordPress 4.9.6). */
  remember: boolean;
}

export type ReaderCommentErrors = Partial<Record<'author' | 'email' | 'url' | 'content' | 'form', string>>;

export const MAX_COMMENT_CHARS = 20_000;

const email = z.email();
const httpUrl = z.url({ protocol: /^https?$/ });

// Control characters have no place in a comment, and PostgreSQL refuses NUL in text outright. Only a single
// string counts: a repeated field reads as empty, so a crafted body cannot pick which copy is kept.
const field = singleText.transform(stripControlChars);
const line = field.transform((v) => v.trim());

/** What the form sent (POST /comments), parsed at the route boundary: anything not a string becomes ''. */
export const readerCommentInput = inputOf({
  post_id: line,
  author: line,
  email: line,
  url: line,
  content: field,
  leave_this_empty: field,
  form_token: line,
  form_time: line,
  comment_parent: line.transform((v) => v.replace(/^0$/, '')),
  'wp-comment-cookies-consent': field,
}).transform((b) => ({
  // A row id (db/row-id.ts) or null: a number past PostgreSQL's integer range names no post.
  postId: rowIdFrom(b.post_id),
  author: b.author,
  email: b.email,
  url: b.url,
  content: b.content,
  honeypot: b.leave_this_empty,
  token: b.form_token,
  shownAt: b.form_time,
  parent: b.comment_parent,
  remember: b['wp-comment-cookies-consent'] !== '',
}));

export type ReaderCommentInput = z.output<typeof readerCommentInput>;

/** The form as parsed, for a refusal that must show it again (also when the body is not an object). */
export function readCommentForm(body: unknown): ReaderCommentInput {
  return readerCommentInput.parse(body && typeof body === 'object' ? body : {});
}

export function validateReaderComment(form: Pick<ReaderCommentForm, 'author' | 'email' | 'url' | 'content'>, requireNameEmail: boolean): ReaderCommentErrors {
  const errors: ReaderCommentErrors = {};
  if (requireNameEmail && !form.author) errors.author = 'Please enter your name.';
  else if (form.author.length > 245) errors.author = 'Your name is too long (245 characters at most).';
  if (requireNameEmail && !form.email) errors.email = 'Please enter your email address (it is not published).';
  else if (form.email && (form.email.length > 100 || !email.safeParse(form.email).success)) errors.email = 'Please enter a valid email address.';
  if (form.url && (form.url.length > 200 || !httpUrl.safeParse(form.url).success)) errors.url = 'The website must be a full http:// or https:// address.';
  const length = Array.from(form.content.trim()).length;
  if (length === 0) errors.content = 'Please type a comment.';
  else if (length > MAX_COMMENT_CHARS) errors.content = `Your comment is too long (${MAX_COMMENT_CHARS} characters at most).`;
  return errors;
}

export interface CommentWindow {
  close_comments_for_old_posts: boolean;
  close_comments_days_old: number;
}

/** Open for readers' comments: published, comment_status open, and not past the auto-close age. */
export function commentsOpen(post: { status: string; comment_status: string; published_at: string | null }, settings: CommentWindow, now: Date): boolean {
  // Private posts too: only those who may read one ever see its page or reach its form (reader-service.ts).
  if ((post.status !== 'published' && post.status !== 'private') || post.comment_status !== 'open') return false;
  const closes = commentsCloseAt(post, settings);
  return closes === null || now.getTime() <= closes.getTime();
}

/** When an open post's comments close by age alone (no write happens then), or null if they never do. */
export function commentsCloseAt(post: { published_at: string | null }, settings: CommentWindow): Date | null {
  if (!settings.close_comments_for_old_posts || !post.published_at) return null;
  return new Date(new Date(post.published_at).getTime() + settings.close_comments_days_old * 86_400_000);
}
