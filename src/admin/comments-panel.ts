// Pure helpers for the moderation panel: its query and form schemas (parsed at the route), building the
// URL back to the same view, and the sentence that reports what an action did (with undo when it can).
import { z } from 'zod';
import type { ModerationAction } from '../comments/moderation.js';
import { idParam, inputOf, queryText } from '../http/input.js';
import { KIND_FILTERS, STATUS_TABS, type KindFilter, type StatusTab } from '../comments/panel-repository.js';
import { MAX_ROW_ID, rowIdFrom } from '../db/row-id.js';

export interface PanelFilters {
  status: StatusTab;
  kind: KindFilter;
  postId?: number;
  search: string;
  page: number;
}

/** A positive safe integer, or undefined for anything else. */
const positiveInt = queryText.transform((v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
});

/** The filters as the query string (or the bulk form, which repeats them) carries them. */
const filterFields = {
  status: queryText.transform((v): StatusTab => (STATUS_TABS.includes(v as StatusTab) ? (v as StatusTab) : 'all')),
  kind: queryText.transform((v): KindFilter => (KIND_FILTERS.includes(v as KindFilter) ? (v as KindFilter) : 'all')),
  post: queryText.transform((v) => rowIdFrom(v) ?? undefined),
  s: queryText.transform((v) => v.trim().slice(0, 200)),
  page: positiveInt,
};

function filtersOf(f: { status: StatusTab; kind: KindFilter; post?: number; s: string; page?: number }): PanelFilters {
  return { status: f.status, kind: f.kind, postId: f.post, search: f.s, page: f.page ?? 1 };
}

/** GET /admin/comments: the filters, and what the last action did (for its message and undo). */
export const panelQuery = inputOf({ ...filterFields, done: queryText, n: queryText, ids: z.preprocess(readIds, z.array(z.number())) }).transform((q) => ({
  filters: filtersOf(q),
  done: q.done,
  n: Number(q.n) || 0,
  ids: q.ids,
}));

/** POST /admin/comments: the filters to return to, and which action on which comments. */
export const panelForm = inputOf({ ...filterFields, one: queryText, empty: queryText, action: queryText, seen_at: queryText, ids: z.preprocess(readIds, z.array(z.number())) }).transform((b) => ({
  filters: filtersOf(b),
  one: b.one,
  empty: b.empty,
  action: b.action,
  seenAt: b.seen_at,
  ids: b.ids,
}));

/** GET /admin/comments/:id: a positive id, or null. */
export const commentParams = inputOf({ id: idParam });

/** The panel URL for these filters with some changed (page resets unless given). */
export function panelUrl(f: PanelFilters, change: Partial<PanelFilters> & { extra?: Record<string, string> } = {}): string {
  const next = { ...f, page: 1, ...change };
  const p = new URLSearchParams();
  if (next.status !== 'all') p.set('status', next.status);
  if (next.kind !== 'all') p.set('kind', next.kind);
  if (next.postId) p.set('post', String(next.postId));
  if (next.search) p.set('s', next.search);
  if (next.page > 1) p.set('page', String(next.page));
  for (const [k, v] of Object.entries(change.extra ?? {})) p.set(k, v);
  const qs = p.toString();
  return `/admin/comments${qs ? `?${qs}` : ''}`;
}

/** Ids from checkboxes or a comma list, deduplicated, positive integers only. */
export function readIds(v: unknown): number[] {
  const parts = (Array.isArray(v) ? v : [v]).flatMap((x) => (typeof x === 'string' ? x.split(',') : []));
  // Capped: one page shows 20 rows, and an unbounded list would become an unbounded SQL IN (...).
  return [...new Set(parts.slice(0, 2000).map((x) => Number(x.trim())).filter((n) => Number.isSafeInteger(n) && n > 0 && n <= MAX_ROW_ID))].slice(0, 500);
}

export type PanelAction = ModerationAction | 'empty-spam' | 'empty-trash' | 'reverify' | 'block-host';

const done: Record<PanelAction, string> = {
  approve: 'approved',
  unapprove: 'unapproved',
  spam: 'marked as spam',
  unspam: 'restored from spam',
  trash: 'moved to the trash',
  restore: 'restored from the trash',
  delete: 'deleted permanently',
  'empty-spam': 'deleted permanently from spam',
  'empty-trash': 'deleted permanently from the trash',
  reverify: 'queued for re-verification',
  'block-host': 'marked as spam, and their source hosts blocked',
};

export function isPanelAction(v: string): v is PanelAction {
  return v in done;
}

export function resultMessage(action: PanelAction, n: number): string {
  const what = action === 'block-host' && n === 1 ? 'marked as spam, and its source host blocked' : done[action];
  return `${n} ${n === 1 ? 'comment' : 'comments'} ${what}.`;
}

/** Spam and trash can be undone: the undo puts the same comments back where they were. */
export function undoFor(action: PanelAction): ModerationAction | null {
  return action === 'trash' ? 'restore' : action === 'spam' || action === 'block-host' ? 'unspam' : null;
}

/** Plain-text excerpt of a comment for the list (escaped on output, never raw). */
export function plainExcerpt(text: string, max = 240): string {
  const plain = text.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}
