// Queries of the inbound linkback feature's own table: the webmention_requests rows behind the status pages.
// Stored linkbacks are rows of comments, so their reads and writes are comments/linkback-repository.ts's.
import type { Executor } from '../../db/database.js';
import type { WebmentionRequest } from '../../db/schema.js';

/** A request accepted at the door, queued for verification; returns its id. */
export async function insertWebmentionRequest(
  db: Executor,
  r: { token: string; source: string; target: string; postId: number; commentId: number | null; ip: string; userAgent: string },
  at: string,
): Promise<number> {
  const row = await db
    .insertInto('webmention_requests')
    .values({ token: r.token, source: r.source, target: r.target, post_id: r.postId, state: 'queued', note: null, comment_id: r.commentId, ip: r.ip.slice(0, 64), user_agent: r.userAgent.slice(0, 500), created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export function findWebmentionRequest(db: Executor, by: { id: number } | { token: string }): Promise<WebmentionRequest | undefined> {
  let q = db.selectFrom('webmention_requests').selectAll();
  q = 'id' in by ? q.where('id', '=', by.id) : q.where('token', '=', by.token);
  return q.executeTakeFirst();
}

export async function finishWebmentionRequest(db: Executor, id: number, at: string, state: 'verified' | 'failed', note: string | null, commentId: number | null): Promise<void> {
  await db.updateTable('webmention_requests').set({ state, note, comment_id: commentId, updated_at: at }).where('id', '=', id).execute();
}

/** Status pages of settled Webmention requests last 90 days (reverify.ts's sweep), so the table cannot grow forever. */
export async function deleteSettledWebmentionRequests(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('webmention_requests').where('state', '!=', 'queued').where('updated_at', '<', before).execute();
}
