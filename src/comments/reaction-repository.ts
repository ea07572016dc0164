// The post page's facepile (issue 19 point 2): approved likes, reposts and bookmarks of one post, counted and
// the latest faces read through comments_post_mention_type (migration 0027: post, status, mention type,
// date, id), so both are index walks of that post whatever its number of reactions.
import type { Executor } from '../db/database.js';
import type { Comment, MentionType } from '../db/schema.js';
import { REACTION_TYPES } from './thread-repository.js';

/** Faces shown per reaction type; the count says how many there are in all. */
export const FACES_PER_TYPE = 40;

export type ReactionType = (typeof REACTION_TYPES)[number];
export type ReactionRow = Pick<Comment, 'id' | 'mention_type' | 'mention_url' | 'source_url' | 'mention_author_name' | 'mention_author_url' | 'mention_author_photo' | 'author_name' | 'created_at'>;

export async function reactionCounts(db: Executor, postId: number): Promise<Record<ReactionType, number>> {
  const rows = await db
    .selectFrom('comments')
    .select(['mention_type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('post_id', '=', postId)
    .where('status', '=', 'approved')
    .where('mention_type', 'in', [...REACTION_TYPES])
    .groupBy('mention_type')
    .execute();
  const counts = { like: 0, repost: 0, bookmark: 0 };
  for (const r of rows) counts[r.mention_type as ReactionType] = Number(r.n);
  return counts;
}

/** The newest faces of one reaction type, oldest first as the pile reads. */
export async function reactionFaces(db: Executor, postId: number, type: MentionType, limit = FACES_PER_TYPE): Promise<ReactionRow[]> {
  const rows = await db
    .selectFrom('comments')
    .select(['id', 'mention_type', 'mention_url', 'source_url', 'mention_author_name', 'mention_author_url', 'mention_author_photo', 'author_name', 'created_at'])
    .where('post_id', '=', postId)
    .where('status', '=', 'approved')
    .where('mention_type', '=', type)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}
