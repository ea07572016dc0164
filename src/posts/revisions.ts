// What a save does to the writing itself (issue 15): the stored HTML from what was typed in its format, a
// revision of the result (WordPress keeps one per save, the newest equal to the post), pruning to the
// revisions setting, and the saver's autosave gone since the save now holds their text.
import type { Executor } from '../db/database.js';
import type { Post, User } from '../db/schema.js';
import { renderPostContent } from '../content/formats.js';
import { getSetting } from '../settings/repository.js';
import { deleteAutosave, insertRevision, listRevisions, pruneRevisions } from './revisions-repository.js';
import type { PostInput } from './validation.js';

type Written = Pick<Post, 'content' | 'format' | 'source'>;

/**
 * The content, format and Markdown source to store. A client that sends no format (XML-RPC, metaWeblog)
 * writes HTML; one that sends the content unchanged (an edit of other fields) keeps the post's format.
 */
export function writtenContent(v: PostInput, before: Post | null, trusted: boolean): Written {
  if (v.format === undefined && before && v.content === before.content) return { content: before.content, format: before.format, source: before.source };
  const format = v.format ?? 'html';
  return { content: renderPostContent(format, v.content, trusted), format, source: format === 'markdown' ? v.content : '' };
}

const sameWriting = (a: Post, b: Post) => a.title === b.title && a.content === b.content && a.excerpt === b.excerpt && a.format === b.format && a.source === b.source;

/** `before` is null for a new post. A save that changed no writing adds no revision, as in WordPress, unless the post has none yet. */
export async function afterWriting(trx: Executor, actor: User, before: Post | null, post: Post, now: Date): Promise<void> {
  const created = before === null;
  const unchanged = before !== null && sameWriting(before, post) && (await listRevisions(trx, post.id, 1)).length > 0;
  if (!unchanged) await insertRevision(trx, post, actor.id, now.toISOString());
  const keep = await getSetting(trx, 'revisions_to_keep');
  if (keep > 0) await pruneRevisions(trx, post.id, keep);
  await deleteAutosave(trx, actor.id, created ? 0 : post.id);
  if (created) await deleteAutosave(trx, actor.id, post.id);
}
