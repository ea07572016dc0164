// The discussion settings form: reads what the admin typed (checkboxes, numbers, one-per-line lists),
// validates it with field-level messages while keeping the typed text, and the "close pings on all
// existing posts" switch WordPress lacks (turning defaults off only affects new posts, §5 item 7).
import type { AppContext } from '../context.js';
import { postDiscussionCounts } from '../db/counters.js';
import { settingsSchema, type Settings } from '../settings/definitions.js';
import { setDiscussionOnAllPosts } from '../posts/repository.js';
import type { z } from 'zod';
import { inputOf, queryText, singleText } from '../http/input.js';

export const BOOLEAN_KEYS = [
  'default_pingback_flag', 'require_name_email', 'close_comments_for_old_posts', 'comment_moderation', 'comment_previously_approved',
  'outbound_enabled', 'internal_pingbacks', 'trackback_verify_source', 'thread_comments', 'use_gravatar',
  'comments_notify', 'moderation_notify',
] as const;
export const OPEN_KEYS = ['default_ping_status', 'default_comment_status'] as const;
export const NUMBER_KEYS = ['close_comments_days_old', 'comment_max_links', 'reverify_interval_days', 'thread_comments_depth', 'comments_per_page', 'mention_content_length'] as const;
/** Settings that are one of a few words (WordPress's select boxes): the form sends the word. */
export const CHOICE_KEYS = ['default_comments_page', 'comment_order'] as const;
export const WORD_KEYS = ['moderation_keys', 'disallowed_keys'] as const;
export const HOST_KEYS = ['trusted_source_hosts', 'blocked_source_hosts', 'outbound_deny_hosts'] as const;
export const URL_KEYS = ['update_services', 'websub_hubs'] as const;

export type DiscussionKey =
  | (typeof BOOLEAN_KEYS)[number] | (typeof OPEN_KEYS)[number] | (typeof NUMBER_KEYS)[number]
  | (typeof WORD_KEYS)[number] | (typeof HOST_KEYS)[number] | (typeof URL_KEYS)[number] | (typeof CHOICE_KEYS)[number];

/** What the form shows: booleans as booleans, everything else as the text in its input. */
export type DiscussionForm = Record<DiscussionKey, string | boolean>;
export type DiscussionErrors = Partial<Record<DiscussionKey, string>>;

const linesOf = (s: string) => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

export function formFromSettings(s: Settings): DiscussionForm {
  const f = {} as DiscussionForm;
  for (const k of BOOLEAN_KEYS) f[k] = s[k];
  for (const k of OPEN_KEYS) f[k] = s[k] === 'open';
  for (const k of NUMBER_KEYS) f[k] = String(s[k]);
  for (const k of CHOICE_KEYS) f[k] = s[k];
  for (const k of [...WORD_KEYS, ...HOST_KEYS, ...URL_KEYS]) f[k] = s[k].join('\n');
  return f;
}

const checkbox = queryText.transform((v) => v !== '');
const bounded = queryText.transform((v) => v.slice(0, 50_000));
/** The discussion form as the route reads it from the body (http/input.ts: never throws). */
export const discussionFormSchema = inputOf({
  ...(Object.fromEntries([...BOOLEAN_KEYS, ...OPEN_KEYS].map((k) => [k, checkbox])) as Record<(typeof BOOLEAN_KEYS)[number] | (typeof OPEN_KEYS)[number], typeof checkbox>),
  ...(Object.fromEntries([...NUMBER_KEYS, ...WORD_KEYS, ...HOST_KEYS, ...URL_KEYS, ...CHOICE_KEYS].map((k) => [k, bounded])) as Record<
    (typeof NUMBER_KEYS)[number] | (typeof WORD_KEYS)[number] | (typeof HOST_KEYS)[number] | (typeof URL_KEYS)[number] | (typeof CHOICE_KEYS)[number],
    typeof bounded
  >),
}) satisfies z.ZodType<DiscussionForm>;

/** Open or close comments or pings on every post: exactly these words, nothing else. */
export const allPostsForm = inputOf({
  what: singleText.transform((v) => (v === 'comments' || v === 'pings' ? v : null)),
  to: singleText.transform((v) => (v === 'open' || v === 'closed' ? v : null)),
});

/** The same bounds as settingsSchema, for the message. */
const RANGES: Record<(typeof NUMBER_KEYS)[number], [number, number]> = {
  close_comments_days_old: [1, 36500], comment_max_links: [0, 1000], reverify_interval_days: [0, 365], thread_comments_depth: [2, 10], comments_per_page: [1, 200], mention_content_length: [50, 5000],
};

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$|^[0-9a-f:]+$/;

/** A host as typed, or taken from a pasted URL; null when it is neither. */
export function normaliseHost(line: string): string | null {
  let h = line.trim().toLowerCase();
  if (/^https?:\/\//.test(h)) {
    try {
      h = new URL(h).hostname.replace(/^\[|\]$/g, '');
    } catch {
      return null;
    }
  }
  // "*.example.com" and ".example.com" mean what "example.com" already means: the host and its subdomains.
  h = h.replace(/^\*?\./, '').replace(/\.$/, '');
  return h.length <= 253 && HOST.test(h) ? h : null;
}

export function validateDiscussion(f: DiscussionForm): { ok: true; values: Partial<Settings> } | { ok: false; errors: DiscussionErrors } {
  const errors: DiscussionErrors = {};
  const values: Record<string, unknown> = {};
  for (const k of BOOLEAN_KEYS) values[k] = f[k] === true;
  for (const k of OPEN_KEYS) values[k] = f[k] === true ? 'open' : 'closed';
  for (const k of NUMBER_KEYS) {
    const raw = String(f[k]).trim();
    const parsed = settingsSchema.shape[k].safeParse(raw === '' ? NaN : raw);
    if (!/^\d+$/.test(raw) || !parsed.success) {
      errors[k] = `Enter a whole number from ${RANGES[k][0]} to ${RANGES[k][1]}.`;
    } else values[k] = parsed.data;
  }
  for (const k of CHOICE_KEYS) {
    const parsed = settingsSchema.shape[k].safeParse(String(f[k]));
    if (!parsed.success) errors[k] = 'Choose one of the options offered.';
    else values[k] = parsed.data;
  }
  for (const k of WORD_KEYS) {
    const words = linesOf(String(f[k]));
    const long = words.findIndex((w) => w.length > 500);
    if (long >= 0) errors[k] = `Line ${long + 1} is longer than 500 characters.`;
    else values[k] = [...new Set(words)];
  }
  for (const k of HOST_KEYS) {
    const hosts: string[] = [];
    for (const [i, line] of linesOf(String(f[k])).entries()) {
      const h = normaliseHost(line);
      if (!h) {
        errors[k] ??= `Line ${i + 1} (“${line.slice(0, 80)}”) is not a host name such as example.com.`;
      } else if (!hosts.includes(h)) hosts.push(h);
    }
    values[k] = hosts;
  }
  for (const k of URL_KEYS) {
    const urls = linesOf(String(f[k]));
    const bad = urls.findIndex((u) => !settingsSchema.shape[k].safeParse([u]).success);
    if (bad >= 0) errors[k] = `Line ${bad + 1} (“${urls[bad].slice(0, 80)}”) is not an http:// or https:// URL.`;
    else values[k] = [...new Set(urls)];
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values: values as Partial<Settings> };
}

/** Opens or closes comments or pings on every existing post; returns how many posts actually changed. */
export async function setOnAllPosts(ctx: AppContext, what: 'pings' | 'comments', to: 'open' | 'closed'): Promise<number> {
  return setDiscussionOnAllPosts(ctx.db, what === 'pings' ? 'ping_status' : 'comment_status', to);
}

/**
 * How many posts take pings and comments now, so the page can say what "close on all existing posts" would
 * change: from the counter rows (migration 0005), not a GROUP BY over every post.
 */
export function openCounts(ctx: AppContext): Promise<{ posts: number; pingsOpen: number; commentsOpen: number }> {
  return postDiscussionCounts(ctx.db);
}
