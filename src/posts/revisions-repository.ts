// Revisions and autosaves queries (migration 0017). Every list is one post's rows through the
// (post_id, id) index, newest first, with a limit.
import type { Executor } from '../db/database.js';
import type { Post, PostAutosave, PostRevision } from '../db/schema.js';

/** The revisions screen shows at most this many (the newest); older ones stay restorable by XML-RPC. */
export const REVISIONS_SHOWN = 100;

export async function insertRevision(db: Executor, post: Post, authorId: number, at: string): Promise<void> {
  await db
    .insertInto('post_revisions')
    .values({ post_id: post.id, author_id: authorId, title: post.title, content: post.content, excerpt: post.excerpt, format: post.format, source: post.source, created_at: at })
    .execute();
}

/** Keeps the newest `keep` revisions of a post (WordPress's WP_POST_REVISIONS as a number). */
export async function pruneRevisions(db: Executor, postId: number, keep: number): Promise<void> {
  const oldestKept = await db
    .selectFrom('post_revisions')
    .select('id')
    .where('post_id', '=', postId)
    .orderBy('id', 'desc')
    .limit(1)
    .offset(keep - 1)
    .executeTakeFirst();
  if (oldestKept) await db.deleteFrom('post_revisions').where('post_id', '=', postId).where('id', '<', oldestKept.id).execute();
}

export function listRevisions(db: Executor, postId: number, limit = REVISIONS_SHOWN): Promise<PostRevision[]> {
  return db.selectFrom('post_revisions').selectAll().where('post_id', '=', postId).orderBy('id', 'desc').limit(limit).execute();
}

export function findRevision(db: Executor, id: number): Promise<PostRevision | undefined> {
  return db.selectFrom('post_revisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface AutosaveFields {
  title: string;
  content: string;
  excerpt: string;
  format: 'html' | 'markdown';
}

/** One row per user per post, overwritten: the newest typing wins. */
export async function saveAutosave(db: Executor, userId: number, postId: number, fields: AutosaveFields, at: string): Promise<void> {
  await db
    .insertInto('post_autosaves')
    .values({ user_id: userId, post_id: postId, ...fields, updated_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'post_id']).doUpdateSet({ ...fields, updated_at: at }))
    .execute();
}

export function findAutosave(db: Executor, userId: number, postId: number): Promise<PostAutosave | undefined> {
  return db.selectFrom('post_autosaves').selectAll().where('user_id', '=', userId).where('post_id', '=', postId).executeTakeFirst();
}

export async function deleteAutosave(db: Executor, userId: number, postId: number): Promise<void> {
  await db.deleteFrom('post_autosaves').where('user_id', '=', userId).where('post_id', '=', postId).execute();
}
