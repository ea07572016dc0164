// A linkback's semantics as stored (issue 19, migration 0027): the plain values the inbound mf2 reader hands
// to comments/, and the columns they go in. comments/ does not import linkbacks/, so the shape lives here.
import type { MentionType } from '../db/schema.js';

/** A linkback's parsed mf2, as stored (migration 0027); plain values, every string already within its limit. */
export interface MentionSemantics {
  type: MentionType;
  rsvp: string | null;
  url: string;
  authorName: string | null;
  authorUrl: string | null;
  authorPhoto: string | null;
  published: string | null;
  content: string;
}

/** The comment columns that hold MentionSemantics (null semantics clears them: the source dropped its mf2). */
export function semanticColumns(m: MentionSemantics | null | undefined) {
  return {
    mention_type: m?.type ?? null,
    mention_rsvp: m?.rsvp ?? null,
    mention_url: m?.url.slice(0, 2000) ?? null,
    mention_author_name: m?.authorName ?? null,
    mention_author_url: m?.authorUrl?.slice(0, 2000) ?? null,
    mention_author_photo: m?.authorPhoto?.slice(0, 2000) ?? null,
    mention_published: m?.published ?? null,
    mention_content: m?.content || null,
  };
}
