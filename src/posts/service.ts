// The one way posts change, for the browser editor, XML-RPC and the scheduler alike: same validation, same
// sanitising per role, and the outbound scan job written in the same transaction as the publish.
import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import type { Post, PostStatus, User } from '../db/schema.js';
import { renderPostContent } from '../content/formats.js';
import { SCAN_JOB, scanSubject } from '../jobs/job-types.js';
import { enqueue } from '../jobs/queue.js';
import { getSetting } from '../settings/settings.js';
import { slugify } from './permalink.js';
import { deletePostRow, findPostById, insertPost, isImage, recordOldSlug, slugTaken, updatePostRow } from './repository.js';
import { findUserById } from '../users/repository.js';
import { splitUrls, validatePostInput, type FieldErrors, type PostInput } from './validation.js';
import { afterWriting, writtenContent } from './revisions.js';

export type PostResult = { ok: true; post: Post } | { ok: false; errors: FieldErrors; status: 400 | 403 | 404 };

export const PUBLISH_DUE_JOB = 'posts.publish_due';

export function canEditPost(actor: User, post: Post): boolean {
  return actor.role === 'admin' || post.author_id === actor.id;
}

async function uniqueSlug(db: Executor, wanted: string, exceptId?: number): Promise<string> {
  let slug = wanted;
  for (let n = 2; await slugTaken(db, slug, exceptId); n++) slug = `${wanted}-${n}`;
  return slug;
}

/** Resolves draft / published / scheduled against the date: WordPress's "future" rule. */
function effectiveStatus(asked: PostInput['status'], date: Date | null, now: Date): PostStatus {
  if (asked === 'draft') return 'draft';
  if (date && date.getTime() > now.getTime()) return 'scheduled';
  return 'published';
}

export async function createPost(ctx: AppContext, actor: User, input: PostInput): Promise<PostResult> {
  const checked = validatePostInput(input);
  if (!checked.ok) return { ok: false, errors: checked.errors, status: 400 };
  const v = checked.value;
  const now = ctx.clock.now();
  const date = v.date ? new Date(v.date) : null;
  const status = effectiveStatus(v.status, date, now);
  const [defaultPing, defaultComment, defaultNotify] = await Promise.all([
    getSetting(ctx.db, 'default_ping_status'),
    getSetting(ctx.db, 'default_comment_status'),
    getSetting(ctx.db, 'default_pingback_flag'),
  ]);
  if (v.featuredMediaId && !(await isImage(ctx.db, v.featuredMediaId))) return { ok: false, errors: { featuredMediaId: 'The featured image no longer exists.' }, status: 400 };
  const post = await ctx.transaction(async (trx) => {
    const slug = await uniqueSlug(trx, v.slug || slugify(v.title || 'untitled'));
    const created = await insertPost(trx, {
      author_id: actor.id,
      title: v.title,
      slug,
      ...writtenContent(v, null, actor.role === 'admin'),
      excerpt: v.excerpt ?? '',
      status,
      status_before_trash: null,
      published_at: status === 'draft' ? (date ? date.toISOString() : null) : (date ?? now).toISOString(),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      comment_status: v.commentStatus ?? defaultComment,
      ping_status: v.pingStatus ?? defaultPing,
      to_ping: splitUrls(v.toPing ?? '').join('\n'),
      notify_links: (v.notifyLinks ?? defaultNotify) ? 1 : 0,
      featured_media_id: v.featuredMediaId ?? null,
    });
    await afterWrite(ctx, trx, null, created);
    await afterWriting(trx, actor, null, created, now);
    return created;
  });
  ctx.wakeWorker();
  return { ok: true, post };
}

export async function updatePost(ctx: AppContext, actor: User, id: number, input: PostInput): Promise<PostResult> {
  const before = await findPostById(ctx.db, id);
  if (!before || before.status === 'trash') return { ok: false, errors: { form: 'No such post' }, status: 404 };
  if (!canEditPost(actor, before)) return { ok: false, errors: { form: 'You may edit only your own posts' }, status: 403 };
  const checked = validatePostInput(input);
  if (!checked.ok) return { ok: false, errors: checked.errors, status: 400 };
  const v = checked.value;
  const now = ctx.clock.now();
  const date = v.date ? new Date(v.date) : before.status === 'draft' ? null : before.published_at ? new Date(before.published_at) : null;
  const status = effectiveStatus(v.status, date, now);
  if (v.featuredMediaId && !(await isImage(ctx.db, v.featuredMediaId))) return { ok: false, errors: { featuredMediaId: 'The featured image no longer exists.' }, status: 400 };
  const post = await ctx.transaction(async (trx) => {
    const wanted = v.slug || (before.status === 'draft' && !before.title ? slugify(v.title || 'untitled') : before.slug);
    const slug = wanted === before.slug ? before.slug : await uniqueSlug(trx, wanted, id);
    if (slug !== before.slug && before.status === 'published') await recordOldSlug(trx, id, before.slug, now.toISOString());
    const author = await findUserById(trx, before.author_id);
    const trusted = author?.role === 'admin' && actor.role === 'admin';
    const updated = await updatePostRow(trx, id, {
      title: v.title,
      slug,
      ...writtenContent(v, before, trusted),
      excerpt: v.excerpt ?? before.excerpt,
      status,
      published_at: status === 'draft' ? (date ? date.toISOString() : null) : (date ?? now).toISOString(),
      updated_at: now.toISOString(),
      comment_status: v.commentStatus ?? before.comment_status,
      ping_status: v.pingStatus ?? before.ping_status,
      to_ping: v.toPing === undefined ? before.to_ping : splitUrls(v.toPing).join('\n'),
      notify_links: v.notifyLinks === undefined ? before.notify_links : v.notifyLinks ? 1 : 0,
      featured_media_id: v.featuredMediaId === undefined ? before.featured_media_id : v.featuredMediaId,
    });
    await afterWrite(ctx, trx, before, updated);
    await afterWriting(trx, actor, before, updated, now);
    return updated;
  });
  ctx.wakeWorker();
  return { ok: true, post };
}

/**
 * Jobs that follow a write, enqueued in its transaction: a scan whenever the post is (still) published,
 * and a publish-when-due job for a scheduled post.
 */
async function afterWrite(ctx: AppContext, trx: Executor, before: Post | null, after: Post): Promise<void> {
  if (after.status === 'published') {
    const firstPublish = before?.status !== 'published';
    await enqueue(trx, ctx.clock, { type: SCAN_JOB, payload: { postId: after.id, firstPublish }, dedupeKey: firstPublish ? null : `scan:${after.id}`, subjectKey: scanSubject(after.id) });
  }
  if (after.status === 'scheduled' && after.published_at) {
    await enqueue(trx, ctx.clock, {
      type: PUBLISH_DUE_JOB,
      payload: { postId: after.id, at: after.published_at },
      runAt: new Date(after.published_at),
      dedupeKey: `publish:${after.id}:${after.published_at}`,
    });
  }
}

/** The scheduler's job: publish a scheduled post once its time has come (idempotent). */
export async function publishIfDue(ctx: AppContext, postId: number): Promise<Post | null> {
  const now = ctx.clock.now();
  const published = await ctx.transaction(async (trx) => {
    const post = await findPostById(trx, postId);
    if (!post || post.status !== 'scheduled' || !post.published_at || new Date(post.published_at) > now) return null;
    const updated = await updatePostRow(trx, postId, { status: 'published', updated_at: now.toISOString() });
    await afterWrite(ctx, trx, post, updated);
    return updated;
  });
  if (published) ctx.wakeWorker();
  return published;
}

export async function trashPost(ctx: AppContext, actor: User, id: number): Promise<PostResult> {
  const post = await findPostById(ctx.db, id);
  if (!post || post.status === 'trash') return { ok: false, errors: { form: 'No such post' }, status: 404 };
  if (!canEditPost(actor, post)) return { ok: false, errors: { form: 'You may trash only your own posts' }, status: 403 };
  const updated = await updatePostRow(ctx.db, id, { status: 'trash', status_before_trash: post.status, updated_at: ctx.clock.now().toISOString() });
  return { ok: true, post: updated };
}

export async function restorePost(ctx: AppContext, actor: User, id: number): Promise<PostResult> {
  const post = await findPostById(ctx.db, id);
  if (!post || post.status !== 'trash') return { ok: false, errors: { form: 'No such post in the trash' }, status: 404 };
  if (!canEditPost(actor, post)) return { ok: false, errors: { form: 'You may restore only your own posts' }, status: 403 };
  // Restored posts come back as drafts (as WordPress 5.6+ does), so nothing goes live by accident.
  const updated = await updatePostRow(ctx.db, id, { status: 'draft', status_before_trash: null, updated_at: ctx.clock.now().toISOString() });
  return { ok: true, post: updated };
}

export async function deletePostForever(ctx: AppContext, actor: User, id: number): Promise<PostResult> {
  const post = await findPostById(ctx.db, id);
  if (!post) return { ok: false, errors: { form: 'No such post' }, status: 404 };
  if (!canEditPost(actor, post)) return { ok: false, errors: { form: 'You may delete only your own posts' }, status: 403 };
  await deletePostRow(ctx.db, id);
  return { ok: true, post };
}

export function registerPostJobs(ctx: AppContext): void {
  ctx.handlers.set(PUBLISH_DUE_JOB, async (payload: { postId: number }) => {
    await publishIfDue(ctx, payload.postId);
  });
}
