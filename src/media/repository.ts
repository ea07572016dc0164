// Every query of the media library. Lists walk an index newest first (id desc) and stop at the page's
// LIMIT; pages are keyset cursors, so no query counts or skips rows (the performance rule, issue 11).
import type { Dialect, Executor } from '../db/database.js';
import type { Media, MediaFile, MediaTable } from '../db/schema.js';
import type { Insertable } from 'kysely';
import { containsText } from '../db/text-search.js';

export interface MediaQuery {
  kind?: Media['kind'];
  month?: string;
  authorId?: number;
  search?: string;
  /** Items older than this id (next page), or newer than this one (previous page). */
  before?: number;
  after?: number;
  limit: number;
}

/** One page, newest first, and whether there are more in each direction. */
export async function listMedia(db: Executor, q: MediaQuery): Promise<{ items: Media[]; older: boolean; newer: boolean }> {
  let query = db.selectFrom('media').selectAll();
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.month) query = query.where('month', '=', q.month);
  if (q.authorId !== undefined) query = query.where('author_id', '=', q.authorId);
  if (q.search) query = query.where(containsText('title', q.search));
  if (q.after !== undefined) {
    const rows = await query.where('id', '>', q.after).orderBy('id', 'asc').limit(q.limit + 1).execute();
    const newer = rows.length > q.limit;
    return { items: rows.slice(0, q.limit).reverse(), older: true, newer };
  }
  if (q.before !== undefined) query = query.where('id', '<', q.before);
  const rows = await query.orderBy('id', 'desc').limit(q.limit + 1).execute();
  return { items: rows.slice(0, q.limit), older: rows.length > q.limit, newer: q.before !== undefined };
}

export const findMedia = (db: Executor, id: number): Promise<Media | undefined> => db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();

export const findMediaFile = (db: Executor, path: string): Promise<MediaFile | undefined> =>
  db.selectFrom('media_files').selectAll().where('path', '=', path).executeTakeFirst();

/** Media items by id (a page's featured images), of one kind when given; bounded by the ids asked for. */
export function mediaByIds(db: Executor, ids: number[], kind?: Media['kind']): Promise<Media[]> {
  let q = db.selectFrom('media').selectAll().where('id', 'in', ids);
  if (kind) q = q.where('kind', '=', kind);
  return q.execute();
}

/** The originals stored at these upload paths (by primary key), for feed enclosures. */
export function originalsAt(db: Executor, paths: string[]): Promise<Pick<MediaFile, 'path' | 'mime' | 'bytes'>[]> {
  return db.selectFrom('media_files').select(['path', 'mime', 'bytes']).where('path', 'in', paths).where('variant', '=', 'original').execute();
}

/** The stored files of a page of media (bounded by the page's ids). */
export async function filesOf(db: Executor, ids: number[]): Promise<Map<number, MediaFile[]>> {
  const out = new Map<number, MediaFile[]>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('media_files').selectAll().where('media_id', 'in', ids).execute();
  for (const row of rows) out.set(row.media_id, [...(out.get(row.media_id) ?? []), row]);
  return out;
}

export async function insertMedia(db: Executor, row: Insertable<MediaTable>): Promise<Media> {
  return db.insertInto('media').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function upsertMediaFile(db: Executor, file: MediaFile): Promise<void> {
  await db
    .insertInto('media_files')
    .values(file)
    .onConflict((oc) => oc.column('path').doUpdateSet({ bytes: file.bytes, width: file.width, height: file.height, mime: file.mime, variant: file.variant }))
    .execute();
}

export async function updateMediaText(db: Executor, id: number, text: { title: string; alt: string; caption: string }, now: string): Promise<void> {
  await db.updateTable('media').set({ ...text, updated_at: now }).where('id', '=', id).execute();
}

export async function markMediaReady(db: Executor, id: number, now: string): Promise<void> {
  await db.updateTable('media').set({ state: 'ready', updated_at: now }).where('id', '=', id).execute();
}

/**
 * Takes the media row's lock for the rest of the transaction (PostgreSQL; SQLite's write transaction already
 * holds the whole database) and says whether it still exists. The sizes job and a deletion both start with it,
 * so one waits for the other: the job never adds a file row to a deleted item, and a deletion sees every file
 * row the job committed before it.
 */
export async function lockMedia(db: Executor, dialect: Dialect, id: number): Promise<boolean> {
  const q = db.selectFrom('media').select('id').where('id', '=', id);
  return (await (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst()) !== undefined;
}

/**
 * Removes the rows (after lockMedia); answers the paths of the file rows it deleted, read by the delete
 * itself, so a file row added meanwhile is not missed. Posts that had it as their featured image lose it by
 * migration 0019's trigger on the media delete (as WordPress deletes the _thumbnail_id that pointed at it):
 * media/ keeps out of posts' table, and posts/ already imports media/, so a call back would make a loop.
 */
export async function deleteMediaRows(db: Executor, id: number): Promise<string[]> {
  const files = await db.deleteFrom('media_files').where('media_id', '=', id).returning('path').execute();
  await db.deleteFrom('media').where('id', '=', id).execute();
  return files.map((f) => f.path);
}

/**
 * Whether a media item exists and is an image: what a featured image must be (issue 14). The posts service
 * asks it; media's repository imports nothing of posts, so the import stays one way at the module level.
 */
export async function isImage(db: Executor, mediaId: number): Promise<boolean> {
  return !!(await db.selectFrom('media').select('id').where('id', '=', mediaId).where('kind', '=', 'image').executeTakeFirst());
}

/** The oldest upload's month, for the month filter (one row through the primary key). */
export async function firstMonth(db: Executor): Promise<string | null> {
  const row = await db.selectFrom('media').select('month').orderBy('id', 'asc').limit(1).executeTakeFirst();
  return row?.month ?? null;
}

/** wp.getMediaLibrary's page: newest first, by type ("image" or "image/png") and parent post, offset and number. */
export async function mediaLibraryPage(db: Executor, q: { kind?: Media['kind']; mime?: string; parentId?: number | null; authorId?: number; offset: number; limit: number }): Promise<Media[]> {
  let query = db.selectFrom('media').selectAll();
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.mime) query = query.where('mime', '=', q.mime);
  if (q.parentId !== undefined) query = q.parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', q.parentId);
  if (q.authorId !== undefined) query = query.where('author_id', '=', q.authorId);
  return query.orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute();
}

/** The newest upload with this file name older than `beforeId`, for wp.uploadFile's overwrite. */
export const findByFileName = (db: Executor, name: string, beforeId: number): Promise<Media | undefined> =>
  db.selectFrom('media').selectAll().where('original_name', '=', name).where('id', '<', beforeId).orderBy('id', 'desc').limit(1).executeTakeFirst();

/** Attaches an item to a post (WordPress's post_parent of an attachment), as the importer learns it. */
export async function setMediaParent(db: Executor, id: number, parentId: number | null): Promise<void> {
  await db.updateTable('media').set({ parent_id: parentId }).where('id', '=', id).execute();
}
