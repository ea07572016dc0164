// The posts list's query string → what to show: tab, search, page (20 a row), each clamped so a hand-typed
// URL can only ever select an empty page, never an error.
import type { PostStatus } from '../db/schema.js';
import { safeRedirectPath } from '../http/redirect-target.js';
import { formText, inputOf } from '../http/input.js';

export const PER_PAGE = 20;
export const TABS: { key: PostStatus | 'all'; label: string }[] = [
  { key: 'all', label: 'All' },
  { key: 'draft', label: 'Drafts' },
  { key: 'pending', label: 'Pending' },
  { key: 'scheduled', label: 'Scheduled' },
  { key: 'published', label: 'Published' },
  { key: 'private', label: 'Private' },
  { key: 'trash', label: 'Trash' },
];

export interface ListView {
  status: PostStatus | 'all';
  search: string;
  page: number;
}

/** The posts list's query: tab, search and page, each falling back to its default (http/input.ts: never throws). */
export const listQuery = inputOf({ status: formText, s: formText, page: formText }).transform((q): ListView => {
  const page = Number.parseInt(q.page || '1', 10);
  return {
    status: TABS.some((t) => t.key === q.status) ? (q.status as ListView['status']) : 'all',
    search: q.s.trim().slice(0, 200),
    page: Number.isFinite(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
});

/** The list URL for a tab / search / page, dropping defaults so links stay short. */
export function listUrl(v: Partial<ListView>, list: '/admin/posts' | '/admin/pages' = '/admin/posts'): string {
  const params = new URLSearchParams();
  if (v.status && v.status !== 'all') params.set('status', v.status);
  if (v.search) params.set('s', v.search);
  if (v.page && v.page > 1) params.set('page', String(v.page));
  const qs = params.toString();
  return qs ? `${list}?${qs}` : list;
}

/** Only a posts-list (or pages-list) URL may be the "back" target after a row action. */
export function safeListUrl(back: string, list: '/admin/posts' | '/admin/pages' = '/admin/posts'): string {
  const target = safeRedirectPath(back, { fallback: list, within: list });
  return target === list || target.startsWith(`${list}?`) || target.startsWith(`${list}#`) ? target : list;
}
