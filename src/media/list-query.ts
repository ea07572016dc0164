// The library's query string parsed at the route boundary (zod): unknown or malformed values fall back to
// "no filter" rather than an error, as the posts list does.
import { zonedParts } from '../posts/date-format.js';
import { z } from 'zod';
import { MAX_ROW_ID } from '../db/row-id.js';

export const MEDIA_PER_PAGE = 40;

const id = z.coerce.number().int().positive().max(MAX_ROW_ID).optional().catch(undefined);
const schema = z.object({
  s: z.string().trim().max(200).catch('').default(''),
  type: z.enum(['image', 'audio', 'video', 'document']).optional().catch(undefined),
  month: z.string().regex(/^\d{4}-\d{2}$/).optional().catch(undefined),
  mode: z.enum(['grid', 'list']).catch('grid').default('grid'),
  before: id,
  after: id,
});

export type MediaListQuery = z.infer<typeof schema>;

export const readMediaQuery = (raw: unknown): MediaListQuery => schema.parse(raw ?? {});

export function mediaListUrl(q: Partial<MediaListQuery>): string {
  const params = new URLSearchParams();
  if (q.s) params.set('s', q.s);
  if (q.type) params.set('type', q.type);
  if (q.month) params.set('month', q.month);
  if (q.mode && q.mode !== 'grid') params.set('mode', q.mode);
  if (q.before) params.set('before', String(q.before));
  if (q.after) params.set('after', String(q.after));
  const text = params.toString();
  return `/admin/media${text ? '?' + text : ''}`;
}

/** Months from the first upload to this month in the site's timezone, newest first, for the month filter (at most ten years listed). */
export function monthsSince(first: string | null, now: Date, timeZone: string): string[] {
  if (!first) return [];
  const out: string[] = [];
  let { year: y, month: m } = zonedParts(now, timeZone);
  while (out.length < 120) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month <= first) break;
    if (--m === 0) (m = 12), y--;
  }
  return out;
}
