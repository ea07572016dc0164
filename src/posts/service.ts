// The one way posts change, for the browser editor, XML-RPC and the scheduler alike: same validation, same
// sanitising per role, and the outbound scan job written in the same transaction as the publish.
import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import type { Post, PostStatus, User } from '../db/schema.js';
import { renderPostContent } from '../content/formats.js';
import { DELETE_NOTICE_DELAY_MS, DELETE_NOTICE_JOB, deleteNoticeKey, SCAN_JOB, scanSubject } from '../jobs/job-types.js';
import { enqueue } from '../jobs/queue.js';
import { getSetting } from '../settings/repository.js';
import { slugify } from './permalink.js';
import { deletePostRow, findPostById, insertPost, recordOldSlug, slugTaken, updatePostRow, type SlugScope } from './repository.js';
import { isImage } from '../media/repository.js';
import { findUserById } from '../users/repository.js';
import { assignPostTerms } from '../terms/post-terms.js';
import { splitUrls, validatePostInput, type FieldErrors, type PostInput } from './validation.js';
import { joinPath, parentPath, reparentChildren, repathDescendants } from './page-tree.js';
import { afterWriting, writtenContent } from './revisions.js';
import { can, type PostResource } from '../users/capabilities.js';

export type PostResult = { ok: true; post: Post } | { ok: false; errors: FieldErrors; status: 400 | 403 | 404 };

export const PUBLISH_DUE_JOB = 'posts.publish_due';

/** WordPress's edit_post meta capability (src/users/capabilities.ts): own or others', draft or published. */
export function canEditPost(actor: User, post: PostResource): boolean {
  return can(actor, 'edit_post', post);
}

/** WordPress's edit_pages: editors and administrators, never authors or contributors. */
export function canEditPages(actor: User): boolean {
  return can(actor, 'edit_pages');
}

/** Why the actor may not edit this post, in words that say what to do. */
export function editRefusal(actor: User, post: PostResource): string {
  if (post.author_id === actor.id) return 'Your role may not change a post once it is published. Ask an editor to change it.';
  return post.type === 'page' ? 'Only editors and administrators may edit pages.' : 'You may edit only your own posts.';
}

/** Whether the actor may write the post (or page) as the status it asks for; contributors only submit for review. */
export function canPublishAs(actor: User, type: Post['type'], status: PostStatus): boolean {
  if (status === 'draft' || status === 'pending' || status === 'trash') return true;
  return can(actor, type === 'page' ? 'publish_pages' : 'publish_posts');
}

/**
 * The status an editor form asks for, as the actor may have it: WordPress turns a contributor's "Publish"
 * into "Submit for Review" (wp_insert_post with publish_posts missing saves 'pending'). XML-RPC does not
 * downgrade: it answers fault 401 as WordPress does (see xmlrpc-wp-post-methods.ts).
 */
export function statusAllowedFor(actor: User, type: Post['type'], asked: PostInput['status']): PostInput['status'] {
  if (asked === undefined || canPublishAs(actor, type, asked as PostStatus)) return asked;
  return 'pending';
}

async function uniqueSlug(db: Executor, scope: SlugScope, wanted: string, exceptId?: number): Promise<string> {
  let slug = wanted;
  for (let n = 2; await slugTaken(db, scope, slug, exceptId); n++) slug = `${wanted}-${n}`;
  return slug;
}

/** Resolves draft / published / scheduled against the date: WordPress's "future" rule. */
function effectiveStatus(asked: PostInput['status'], date: Date | null, now: Date): PostStatus {
  // Drafts, posts waiting for review and private posts keep their status whatever the date (WordPress).
  if (asked === 'draft' || asked === 'pending' || asked === 'private') return asked;
  if (date && date.getTime() > now.getTime()) return 'scheduled';
  return 'published';
}

/** Statuses that carry no date until published: a date given is kept, none is not invented. */
const UNDATED: ReadonlySet<PostStatus> = new Set(['draft', 'pending']);

/**
 * Password and sticky as WordPress settles them: a private post has no password (the editor's Visibility
 * is one choice), and private or protected posts cannot be sticky (wp_xmlrpc_server::_toggle_sticky).
 * Only editors and administrators may stick a post: authors lack WordPress's edit_others_posts.
 */
function visibility(actor: User, v: PostInput, status: PostStatus, before: Post | null): { password: string; sticky: number } | FieldErrors {
  const password = status === 'private' ? '' : (v.password ?? before?.password ?? '');
  const wanted = v.sticky ?? (before ? before.sticky === 1 : false);
  if (wanted && (status === 'private' || password !== '')) {
    if (v.sticky) return { sticky: 'A private or password-protected post cannot be stuck to the front page.' };
    return { password, sticky: 0 };
  }
  if (v.sticky !== undefined && v.sticky !== (before?.sticky === 1) && !can(actor, 'edit_others_posts')) return { sticky: 'Only an editor or administrator may stick posts to the front page.' };
  return { password, sticky: wanted ? 1 : 0 };
}

function isVisibility(v: ReturnType<typeof visibility>): v is { password: string; sticky: number } {
  return typeof (v as { sticky: unknown }).sticky === 'number';
}

export async function createPost(ctx: AppContext, actor: User, input: PostInput): Promise<PostResult> {
  const checked = validatePostInput(input);
  if (!checked.ok) return { ok: false, errors: checked.errors, status: 400 };
  const v = checked.value;
  const now = ctx.clock.now();
  const date = v.date ? new Date(v.date) : null;
  const status = effectiveStatus(v.status, date, now);
  const shown = visibility(actor, v, status, null);
  if (!isVisibility(shown)) return { ok: false, errors: shown, status: shown.sticky?.startsWith('Only') ? 403 : 400 };
  const [defaultPing, defaultComment, defaultNotify] = await Promise.all([
    getSetting(ctx.db, 'default_ping_status'),
    getSetting(ctx.db, 'default_comment_status'),
    getSetting(ctx.db, 'default_pingback_flag'),
  ]);
  if (v.featuredMediaId && !(await isImage(ctx.db, v.featuredMediaId))) return { ok: false, errors: { featuredMediaId: 'The featured image no longer exists.' }, status: 400 };
  const type = v.type ?? 'post';
  if (type === 'page' && !canEditPages(actor)) return { ok: false, errors: { form: 'Only editors and administrators may write pages.' }, status: 403 };
  if (!canPublishAs(actor, type, status)) return { ok: false, errors: { status: 'Your role may not publish. Submit the post for review instead.' }, status: 403 };
  const post = await ctx.transaction(async (trx) => {
    const parent = type === 'page' ? await parentPath(trx, null, v.parentId ?? null) : ({ ok: true, path: null } as const);
    if (!parent.ok) return { error: parent.error };
    const scope: SlugScope = type === 'page' ? { type, parentId: v.parentId ?? null } : { type: 'post' };
    const slug = await uniqueSlug(trx, scope, v.slug || slugify(v.title || 'untitled'));
    const created = await insertPost(trx, {
      type,
      parent_id: type === 'page' ? (v.parentId ?? null) : null,
      menu_order: type === 'page' ? (v.menuOrder ?? 0) : 0,
      page_path: type === 'page' ? joinPath(parent.path, slug) : null,
      author_id: actor.id,
      title: v.title,
      slug,
      ...writtenContent(v, null, can(actor, 'unfiltered_html')),
      excerpt: v.excerpt ?? '',
      status,
      status_before_trash: null,
      published_at: UNDATED.has(status) ? (date ? date.toISOString() : null) : (date ?? now).toISOString(),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      comment_status: v.commentStatus ?? defaultComment,
      ping_status: v.pingStatus ?? defaultPing,
      to_ping: splitUrls(v.toPing ?? '').join('\n'),
      notify_links: (v.notifyLinks ?? defaultNotify) ? 1 : 0,
      featured_media_id: v.featuredMediaId ?? null,
      password: shown.password,
      sticky: shown.sticky,
      ...responsesOf(type, v, null),
    });
    // Pages take no categories or tags (WordPress registers both taxonomies for posts only).
    if (created.type === 'post') await assignPostTerms(trx, created.id, { categoryIds: v.categoryIds, tags: v.tags }, true);
    await afterWrite(ctx, trx, null, created);
    await afterWriting(trx, actor, null, created, now);
    return created;
  });
  if ('error' in post) return { ok: false, errors: { parentId: post.error }, status: 400 };
  ctx.wakeWorker();
  return { ok: true, post };
}

export async function updatePost(ctx: AppContext, actor: User, id: number, input: PostInput): Promise<PostResult> {
  const before = await findPostById(ctx.db, id);
  if (!before || before.status === 'trash') return { ok: false, errors: { form: 'No such post' }, status: 404 };
  if (!canEditPost(actor, before)) return { ok: false, errors: { form: editRefusal(actor, before) }, status: 403 };
  const checked = validatePostInput(input);
  if (!checked.ok) return { ok: false, errors: checked.errors, status: 400 };
  const v = checked.value;
  const now = ctx.clock.now();
  const date = v.date ? new Date(v.date) : UNDATED.has(before.status) ? null : before.published_at ? new Date(before.published_at) : null;
  const status = effectiveStatus(v.status, date, now);
  if (status !== before.status && !canPublishAs(actor, before.type, status)) return { ok: false, errors: { status: 'Your role may not publish. Submit the post for review instead.' }, status: 403 };
  const shown = visibility(actor, v, status, before);
  if (!isVisibility(shown)) return { ok: false, errors: shown, status: shown.sticky?.startsWith('Only') ? 403 : 400 };
  if (v.featuredMediaId && !(await isImage(ctx.db, v.featuredMediaId))) return { ok: false, errors: { featuredMediaId: 'The featured image no longer exists.' }, status: 400 };
  const post = await ctx.transaction(async (trx) => {
    const isPage = before.type === 'page';
    const parentId = isPage && v.parentId !== undefined ? v.parentId : before.parent_id;
    const parent = isPage ? await parentPath(trx, id, parentId) : ({ ok: true, path: null } as const);
    if (!parent.ok) return { error: parent.error };
    const wanted = v.slug || (UNDATED.has(before.status) && !before.title ? slugify(v.title || 'untitled') : before.slug);
    // A page moved under another parent must be unique among its new siblings even with its slug unchanged.
    const scope: SlugScope = isPage ? { type: 'page', parentId } : { type: 'post' };
    const slug = wanted === before.slug && parentId === before.parent_id ? before.slug : await uniqueSlug(trx, scope, wanted, id);
    if (slug !== before.slug && (before.status === 'published' || before.status === 'private')) await recordOldSlug(trx, id, before.slug, now.toISOString());
    const pagePath = isPage ? joinPath(parent.path, slug) : null;
    const author = await findUserById(trx, before.author_id);
    const trusted = can(author, 'unfiltered_html') && can(actor, 'unfiltered_html');
    const updated = await updatePostRow(trx, id, {
      parent_id: parentId,
      menu_order: isPage && v.menuOrder !== undefined ? v.menuOrder : before.menu_order,
      page_path: pagePath,
      title: v.title,
      slug,
      ...writtenContent(v, before, trusted),
      excerpt: v.excerpt ?? before.excerpt,
      status,
      published_at: UNDATED.has(status) ? (date ? date.toISOString() : null) : (date ?? now).toISOString(),
      updated_at: now.toISOString(),
      comment_status: v.commentStatus ?? before.comment_status,
      ping_status: v.pingStatus ?? before.ping_status,
      to_ping: v.toPing === undefined ? before.to_ping : splitUrls(v.toPing).join('\n'),
      notify_links: v.notifyLinks === undefined ? before.notify_links : v.notifyLinks ? 1 : 0,
      featured_media_id: v.featuredMediaId === undefined ? before.featured_media_id : v.featuredMediaId,
      password: shown.password,
      sticky: shown.sticky,
      ...responsesOf(before.type, v, before),
    });
    if (pagePath !== null && pagePath !== before.page_path) await repathDescendants(trx, id, pagePath);
    if (updated.type === 'post') await assignPostTerms(trx, id, { categoryIds: v.categoryIds, tags: v.tags }, false);
    await afterWrite(ctx, trx, before, updated);
    await afterWriting(trx, actor, before, updated, now);
    return updated;
  });
  if ('error' in post) return { ok: false, errors: { parentId: post.error }, status: 400 };
  ctx.wakeWorker();
  return { ok: true, post };
}

/** What the post answers (issue 19 point 4), trimmed; undefined keeps the stored value. Pages answer nothing. */
function responsesOf(type: Post['type'], v: PostInput, before: Post | null): Pick<Post, 'in_reply_to' | 'like_of' | 'repost_of'> {
  const pick = (given: string | undefined, stored: string | undefined) => (type === 'page' ? '' : given !== undefined ? given.trim() : (stored ?? ''));
  return { in_reply_to: pick(v.inReplyTo, before?.in_reply_to), like_of: pick(v.likeOf, before?.like_of), repost_of: pick(v.repostOf, before?.repost_of) };
}

/**
 * Jobs that follow a write, enqueued in its transaction: a scan whenever the post is (still) published,
 * and a publish-when-due job for a scheduled post.
 */
async function afterWrite(ctx: AppContext, trx: Executor, before: Post | null, after: Post, quiet = false): Promise<void> {
  if (after.status === 'published') {
    // quiet: a post imported as scheduled (issue 17) goes live without update-service or WebSub pings.
    const firstPublish = before?.status !== 'published' && !quiet;
    await enqueue(trx, ctx.clock, { type: SCAN_JOB, payload: { postId: after.id, firstPublish, ...(quiet ? { quiet } : {}) }, dedupeKey: firstPublish ? null : `scan:${after.id}`, subjectKey: scanSubject(after.id) });
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

/**
 * The scheduler's job: publish a scheduled post once its time has come (idempotent). `quiet` is set by the
 * WordPress importer's job payload: an imported post pings no update service when it goes live.
 */
export async function publishIfDue(ctx: AppContext, postId: number, quiet = false): Promise<Post | null> {
  const now = ctx.clock.now();
  const published = await ctx.transaction(async (trx) => {
    const post = await findPostById(trx, postId);
    if (!post || post.status !== 'scheduled' || !post.published_at || new Date(post.published_at) > now) return null;
    const updated = await updatePostRow(trx, postId, { status: 'published', updated_at: now.toISOString() });
    await afterWrite(ctx, trx, post, updated, quiet);
    return updated;
  });
  if (published) ctx.wakeWorker();
  return published;
}

export async function trashPost(ctx: AppContext, actor: User, id: number): Promise<PostResult> {
  const post = await findPostById(ctx.db, id);
  if (!post || post.status === 'trash') return { ok: false, errors: { form: 'No such post' }, status: 404 };
  if (!can(actor, 'delete_post', post)) return { ok: false, errors: { form: 'Your role may not move this post to the trash.' }, status: 403 };
  const now = ctx.clock.now();
  const updated = await ctx.transaction(async (trx) => {
    const trashed = await updatePostRow(trx, id, { status: 'trash', status_before_trash: post.status, updated_at: now.toISOString() });
    // A published post's permalink now answers 410, and the blogs it told are told again so they drop the
    // mention (WM §3.1.5): queued with the trash, held back a minute so an undone trash tells no one.
    if (post.status === 'published') {
      await enqueue(trx, ctx.clock, { type: DELETE_NOTICE_JOB, payload: { postId: id }, runAt: new Date(now.getTime() + DELETE_NOTICE_DELAY_MS), dedupeKey: deleteNoticeKey(id) });
    }
    return trashed;
  });
  if (post.status === 'published') ctx.wakeWorker();
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
  if (!can(actor, 'delete_post', post)) return { ok: false, errors: { form: 'Your role may not delete this post.' }, status: 403 };
  await ctx.transaction(async (trx) => {
    if (post.type === 'page') await reparentChildren(trx, post);
    await deletePostRow(trx, id);
  });
  return { ok: true, post };
}

export function registerPostJobs(ctx: AppContext): void {
  ctx.handlers.set(PUBLISH_DUE_JOB, async (payload: { postId: number; quiet?: boolean }) => {
    await publishIfDue(ctx, payload.postId, payload.quiet === true);
  });
}
