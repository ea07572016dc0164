// Restoring a revision: its title, content, excerpt and format become the post's again through the one
// update path (validation, sanitising, the outbound scan when published, and a new revision of the result,
// as WordPress's wp_restore_post_revision). Status, date and discussion settings stay as they are.
import type { AppContext } from '../context.js';
import type { PostRevision, User } from '../db/schema.js';
import { findPostById } from './repository.js';
import { findRevision } from './revisions-repository.js';
import { canEditPost, updatePost, type PostResult } from './service.js';

export type RevisionAccess = { ok: true; revision: PostRevision } | { ok: false; status: 403 | 404; message: string };

/** A revision the user may see and restore: its post exists, is not in the trash, and is theirs to edit. */
export async function accessibleRevision(ctx: AppContext, actor: User, revisionId: number): Promise<RevisionAccess> {
  const revision = await findRevision(ctx.db, revisionId);
  const post = revision ? await findPostById(ctx.db, revision.post_id) : undefined;
  if (!revision || !post || post.status === 'trash') return { ok: false, status: 404, message: 'There is no such revision.' };
  if (!canEditPost(actor, post)) return { ok: false, status: 403, message: 'You may restore only revisions of your own posts.' };
  return { ok: true, revision };
}

export async function restoreRevision(ctx: AppContext, actor: User, revision: PostRevision): Promise<PostResult> {
  const post = await findPostById(ctx.db, revision.post_id);
  if (!post || post.status === 'trash') return { ok: false, errors: { form: 'No such post' }, status: 404 };
  return updatePost(ctx, actor, post.id, {
    title: revision.title,
    content: revision.format === 'markdown' ? revision.source : revision.content,
    excerpt: revision.excerpt,
    format: revision.format,
    status: post.status,
  });
}
