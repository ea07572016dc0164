// Queries of linkback authors' local photos (issue 19, migration 0030) and of the author fields the
// author-page job fills in. One row per photo URL (keyed by its SHA-256): the job fetches a URL once, and every
// linkback naming it shows the same local copy. Pages look their photos up by URL in one query.
import { createHash } from 'node:crypto';
import type { Executor } from '../db/database.js';
import type { Comment } from '../db/schema.js';
import { truncateText } from '../content/sanitize.js';

/** The sizes the job makes (px, square): 64 for the 40 px faces and comment avatars (sharper on 1.5× screens), 128 for 2×. */
export const AUTHOR_PHOTO_SIZES = [64, 128] as const;
export type AuthorPhotoSize = (typeof AUTHOR_PHOTO_SIZES)[number];

export const photoHash = (url: string): string => createHash('sha256').update(url).digest('hex');

/** Our address of a fetched photo's square: never the author's site. */
export const localPhotoPath = (hash: string, size: AuthorPhotoSize): string => `/avatars/${hash}-${size}.webp`;

export function findAuthorPhoto(db: Executor, hash: string) {
  return db.selectFrom('author_photos').selectAll().where('url_hash', '=', hash).executeTakeFirst();
}

/** Records the outcome of the one fetch of `url` (a later fetch of the same URL, after a failure, replaces it). */
export async function recordAuthorPhoto(db: Executor, url: string, at: string, outcome: { keys: Record<AuthorPhotoSize, string> } | { failed: string }): Promise<void> {
  const row = {
    state: 'keys' in outcome ? 'fetched' : 'failed',
    key_64: 'keys' in outcome ? outcome.keys[64] : null,
    key_128: 'keys' in outcome ? outcome.keys[128] : null,
    note: 'failed' in outcome ? outcome.failed.slice(0, 500) : null,
    updated_at: at,
  };
  await db
    .insertInto('author_photos')
    .values({ url_hash: photoHash(url), url, created_at: at, ...row })
    .onConflict((oc) => oc.column('url_hash').doUpdateSet(row))
    .execute();
}

/** Photo URL → its hash, for the fetched ones among `urls` (one query for a whole page). */
export async function fetchedPhotos(db: Executor, urls: (string | null)[]): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const u of urls) if (u) hashes.set(photoHash(u), u);
  if (hashes.size === 0) return new Map();
  const rows = await db.selectFrom('author_photos').select('url_hash').where('url_hash', 'in', [...hashes.keys()]).where('state', '=', 'fetched').execute();
  return new Map(rows.map((r) => [hashes.get(r.url_hash)!, r.url_hash]));
}

export function linkbackAuthor(db: Executor, commentId: number): Promise<Pick<Comment, 'id' | 'kind' | 'author_name' | 'mention_author_name' | 'mention_author_url' | 'mention_author_photo'> | undefined> {
  return db.selectFrom('comments').select(['id', 'kind', 'author_name', 'mention_author_name', 'mention_author_url', 'mention_author_photo']).where('id', '=', commentId).executeTakeFirst();
}

/**
 * The author page's h-card for a linkback that named its author by URL only. Written only while the stored
 * author is still that URL (a newer verification may have brought an h-card meanwhile). A TrackBack keeps
 * its blog_name as its author_name, as elsewhere.
 */
export async function fillMentionAuthor(db: Executor, c: Pick<Comment, 'id' | 'kind' | 'author_name' | 'mention_author_name' | 'mention_author_url'>, card: { name: string; photo: string | null }, at: string): Promise<boolean> {
  const name = truncateText(card.name, 250);
  const set: Record<string, string | null> = { mention_author_name: name, mention_author_photo: card.photo?.slice(0, 2000) ?? null, updated_at: at };
  if (c.kind !== 'trackback' && c.author_name === c.mention_author_name) set.author_name = name;
  const r = await db
    .updateTable('comments')
    .set(set)
    .where('id', '=', c.id)
    .where('mention_author_url', '=', c.mention_author_url)
    .where('mention_author_name', '=', c.mention_author_name)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
