// Two revisions compared word by word (jsdiff's diffWordsWithSpace), laid out side by side: the left column
// is the older text with what went marked, the right the newer with what came marked. Markdown posts are
// compared in their source, HTML posts in their HTML, as WordPress's revisions screen compares post_content.
import { diffWordsWithSpace } from 'diff';
import type { PostRevision } from '../db/schema.js';

export interface DiffPiece {
  text: string;
  /** same | removed | added */
  kind: 'same' | 'removed' | 'added';
}

export interface FieldDiff {
  label: string;
  changed: boolean;
  left: DiffPiece[];
  right: DiffPiece[];
}

function diffField(label: string, before: string, after: string): FieldDiff {
  const left: DiffPiece[] = [];
  const right: DiffPiece[] = [];
  for (const part of diffWordsWithSpace(before, after)) {
    if (part.added) right.push({ text: part.value, kind: 'added' });
    else if (part.removed) left.push({ text: part.value, kind: 'removed' });
    else {
      left.push({ text: part.value, kind: 'same' });
      right.push({ text: part.value, kind: 'same' });
    }
  }
  return { label, changed: before !== after, left, right };
}

const writing = (r: PostRevision) => (r.format === 'markdown' ? r.source : r.content);

/** `older` is null for the first revision: everything in it is new. */
export function compareRevisions(older: PostRevision | null, newer: PostRevision): FieldDiff[] {
  return [
    diffField('Title', older?.title ?? '', newer.title),
    diffField(newer.format === 'markdown' ? 'Content (Markdown)' : 'Content', older ? writing(older) : '', writing(newer)),
    diffField('Excerpt', older?.excerpt ?? '', newer.excerpt),
    diffField('Format', older?.format ?? '', newer.format),
  ];
}
