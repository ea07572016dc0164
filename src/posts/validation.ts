// Validates what an editor (browser form or XML-RPC client) sends for a post. Errors are keyed by field so
// the form can show each next to its input and keep what was typed.
import { z } from 'zod';
import { SLUG_PATTERN } from './permalink.js';
import { stripControlChars } from '../content/control-chars.js';
import { POST_LIMITS } from './limits.js';
import { inPlainWords } from '../plain-messages.js';
import { POST_FORMATS, type PostFormat } from '../content/formats.js';

const POST_LABELS = { title: 'Title', slug: 'Slug', content: 'Content', excerpt: 'Excerpt', status: 'Status', date: 'Date', commentStatus: 'Allow comments', pingStatus: 'Allow pings', toPing: 'Send trackbacks to', notifyLinks: 'Notify linked blogs', featuredMediaId: 'Featured image', parentId: 'Parent', menuOrder: 'Order', password: 'Password', sticky: 'Stick to the front page', categoryIds: 'Categories', tags: 'Tags', format: 'Format', inReplyTo: 'In reply to', likeOf: 'Like of', repostOf: 'Repost of' };

export interface PostInput {
  title: string;
  slug?: string;
  content: string;
  excerpt?: string;
  /** What the author asked for; a future date turns "published" into "scheduled" and a past one the reverse. */
  status: 'draft' | 'pending' | 'published' | 'scheduled' | 'private';
  /** ISO-8601 date (with zone) or empty for "now". */
  date?: string;
  commentStatus?: 'open' | 'closed';
  pingStatus?: 'open' | 'closed';
  /** "Send trackbacks to": URLs separated by spaces or new lines. */
  toPing?: string;
  notifyLinks?: boolean;
  /** The featured image (a media id, issue 14); null removes it, undefined keeps it. */
  featuredMediaId?: number | null;
  /** 'post' (the default) or 'page'; fixed when the post is created, as WordPress's post_type. */
  type?: 'post' | 'page';
  /** A page's parent page (null: top level; undefined keeps it). Posts have none. */
  parentId?: number | null;
  /** A page's menu order (undefined keeps it). */
  menuOrder?: number;
  /** WordPress's post_password: '' removes it, undefined keeps it. Ignored (cleared) on a private post. */
  password?: string;
  /** Stick to the front page; undefined keeps it. Private and protected posts cannot be sticky (WordPress). */
  sticky?: boolean;
  /** Categories and tags (issue 13, src/terms/post-terms.ts): undefined keeps the post's. */
  categoryIds?: number[];
  tags?: string[];
  /** How content is written (issue 15): Markdown is rendered on save; undefined is HTML from a client that knows no formats. */
  format?: PostFormat;
  /** What the post answers (issue 19 point 4): an absolute http(s) URL, '' for none, undefined keeps it. Posts only. */
  inReplyTo?: string;
  likeOf?: string;
  repostOf?: string;
}

export type FieldErrors = Partial<Record<keyof PostInput | 'form', string>>;

const httpUrl = z.url({ protocol: /^https?$/ });

/** A response URL (in-reply-to, like-of, repost-of): '' for none, else an absolute http(s) address. */
const responseUrl = (label: string) =>
  z
    .string()
    .trim()
    .max(POST_LIMITS.responseUrlChars, `${label} is at most ${POST_LIMITS.responseUrlChars} characters`)
    .refine((s) => s === '' || httpUrl.safeParse(s).success, `${label} must be an absolute http:// or https:// address, such as https://example.com/2026/a-post/`)
    .optional();

const schema = z.object({
  title: z.string().trim().max(POST_LIMITS.titleChars, `Title is at most ${POST_LIMITS.titleChars} characters`),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .max(POST_LIMITS.slugChars, `Slug is at most ${POST_LIMITS.slugChars} characters`)
    .refine((s) => s === '' || SLUG_PATTERN.test(s), 'Slug may hold only lower-case letters, digits and single hyphens')
    .optional(),
  content: z.string().max(POST_LIMITS.contentChars, `Content is too long (${POST_LIMITS.contentChars.toLocaleString('en')} characters at most)`),
  excerpt: z.string().trim().max(POST_LIMITS.excerptChars, `Excerpt is at most ${POST_LIMITS.excerptChars} characters`).optional(),
  status: z.enum(['draft', 'pending', 'published', 'scheduled', 'private'], { message: 'Choose draft, pending review, published, scheduled or private' }),
  date: z
    .string()
    .trim()
    .refine((s) => s === '' || !Number.isNaN(Date.parse(s)), 'Not a valid date and time')
    .optional(),
  commentStatus: z.enum(['open', 'closed']).optional(),
  pingStatus: z.enum(['open', 'closed']).optional(),
  toPing: z
    .string()
    .max(POST_LIMITS.toPingChars, 'Too many trackback URLs')
    .refine((s) => splitUrls(s).every((u) => httpUrl.safeParse(u).success), 'Each trackback URL must be an absolute http(s) URL')
    .optional(),
  notifyLinks: z.boolean().optional(),
  featuredMediaId: z.number().int().positive().nullable().optional(),
  type: z.enum(['post', 'page']).optional(),
  parentId: z.number({ message: 'Choose a parent page' }).int().positive().nullable().optional(),
  menuOrder: z.number({ message: 'Order must be a whole number' }).int('Order must be a whole number').min(-999999, 'Order is at least -999999').max(999999, 'Order is at most 999999').optional(),
  // WordPress's post_password column is varchar(255); the password is compared as typed, so no trim.
  password: z.string().max(POST_LIMITS.passwordChars, `Password is at most ${POST_LIMITS.passwordChars} characters`).optional(),
  sticky: z.boolean().optional(),
  categoryIds: z.array(z.number().int().positive()).max(1000, 'Too many categories').optional(),
  tags: z.array(z.string().max(200, 'Each tag is at most 200 characters')).max(500, 'At most 500 tags').optional(),
  format: z.enum(POST_FORMATS, { message: 'Choose HTML or Markdown' }).optional(),
  inReplyTo: responseUrl('In reply to'),
  likeOf: responseUrl('Like of'),
  repostOf: responseUrl('Repost of'),
});

function cleanStrings(input: PostInput): PostInput {
  const out: Record<string, unknown> = { ...input };
  for (const [k, v] of Object.entries(out)) if (typeof v === 'string') out[k] = stripControlChars(v);
  return out as unknown as PostInput;
}

export function splitUrls(text: string): string[] {
  return text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

export function validatePostInput(raw: PostInput): { ok: true; value: PostInput } | { ok: false; errors: FieldErrors } {
  const input = cleanStrings(raw);
  const parsed = schema.safeParse(input, inPlainWords(POST_LABELS));
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = (issue.path[0] as keyof PostInput) ?? 'form';
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const v = parsed.data as PostInput;
  // A draft or a post waiting for review may be unfinished; anything readers may see needs a title and text.
  if (v.status !== 'draft' && v.status !== 'pending' && v.title === '') errors.title = 'A published post needs a title';
  if (v.status !== 'draft' && v.status !== 'pending' && v.content.trim() === '') errors.content = 'A published post needs some content';
  if (v.status === 'scheduled' && !v.date) errors.date = 'Choose when to publish';
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: v };
}
