// Admin posts list and editor. Every write goes through src/posts/service.ts (createPost / updatePost /
// trash / restore / delete), which validates, sanitises per role and enqueues the outbound jobs.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { Post, User } from '../db/schema.js';
import { loadSessionUser, requireCapability, requireUser } from '../http/auth.js';
import { EDITOR_FORM_BODY_LIMIT, formatMegabytes, POST_LIMITS } from '../posts/limits.js';
import { permalinkPath, type PermalinkSettings } from '../posts/permalink.js';
import { countPostsByStatus, findPostById, listPosts, parentChoices, SEARCH_COUNT_CAP } from '../posts/repository.js';
import { canEditPost, editRefusal, statusAllowedFor, createPost, deletePostForever, restorePost, trashPost, updatePost, type PostResult } from '../posts/service.js';
import type { FieldErrors, PostInput } from '../posts/validation.js';
import { can, listingScope } from '../users/capabilities.js';
import { loadSettings } from '../settings/repository.js';
import { featuredItem } from '../media/featured.js';
import { findUserById, listUsers } from '../users/repository.js';
import { formText, idParam, inputOf } from '../http/input.js';
import { isoToLocalInput } from './local-time.js';
import { newPostValues, postFormSchema, postValues, toPostInput, type PostFormValues } from './post-form.js';
import { listQuery, listUrl, PER_PAGE, safeListUrl, TABS } from './posts-list.js';
import { categoryChoices, postTermValues } from './editor-terms.js';
import { autosaveFor, restoreQuery, type AutosaveOffer } from './autosave-offer.js';

const editPages = requireCapability('edit_pages');

/** Where "View" goes: the permalink once public, else the signed-in preview (served by the public site). */
export function viewPath(post: Post, links: PermalinkSettings): string {
  return post.status === 'published' || post.status === 'private' ? permalinkPath(post, links) : `/?p=${post.id}&preview=true`;
}

const statusWord: Record<string, string> = { draft: 'Draft saved.', pending: 'Post submitted for review.', published: 'Post published.', scheduled: 'Post scheduled.', private: 'Post privately published.' };

const postParams = inputOf({ id: idParam });
/** The posts list to go back to after an action (checked by safeListUrl). */
const backField = inputOf({ back: formText });

/** A contributor's "Publish" becomes "Submit for Review" (statusAllowedFor), as in WordPress's editor. */
function asAllowed(user: User, input: PostInput, before?: Post): PostInput {
  return { ...input, status: statusAllowedFor(user, before?.type ?? input.type ?? 'post', input.status) };
}

function postId(params: unknown): number | null {
  return postParams.parse(params).id;
}

export async function adminPostRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const refuse = (reply: FastifyReply, status: number, message: string) =>
    reply.page('error', { status, title: status === 403 ? 'Not allowed' : 'Not found', message }, status);

  async function editor(reply: FastifyReply, post: Post | null, values: PostFormValues, errors: FieldErrors, status = 200, autosave: AutosaveOffer | null = null) {
    const settings = await loadSettings(ctx.db);
    const user = reply.request.user as User;
    // The service keeps HTML as typed only when an admin edits an admin's post (WordPress's unfiltered_html).
    const author = post && post.author_id !== user.id ? await findUserById(ctx.db, post.author_id) : user;
    const trustedHtml = can(user, 'unfiltered_html') && can(author, 'unfiltered_html');
    const [featured, terms] = await Promise.all([featuredItem(ctx, values.featured_media_id), categoryChoices(ctx.db)]);
    const isPage = (post?.type ?? values.post_type) === 'page';
    const noun = isPage ? 'page' : 'post';
    const menu = isPage ? (post ? '/admin/pages' : '/admin/pages/new') : post ? '/admin/posts' : '/admin/posts/new';
    // A page's attributes box (views/admin/partials/editor-page-attributes.eta): parent choices, its own subtree left out.
    const parents = isPage ? (await parentChoices(ctx.db)).filter((p) => !post || (p.id !== post.id && !(p.page_path ?? '').startsWith(`${post.page_path}/`))) : [];
    return reply.page(
      'admin/post-edit',
      { autosave, featured, terms, canStick: can(user, 'edit_others_posts'), canPublish: can(user, isPage ? 'publish_pages' : 'publish_posts'), canUpload: can(user, 'upload_files'), maxUploadMb: settings.media_max_upload_mb, title: post ? `Edit ${noun}` : `New ${noun}`, noun, isPage, parents, activeMenu: menu, post, values, errors, trustedHtml, timezone: settings.timezone, viewPath: post ? viewPath(post, settings) : null },
      status,
    );
  }

  app.get('/admin/posts', { preHandler: requireUser }, async (request, reply) => {
    const user = request.user as User;
    const view = listQuery.parse(request.query);
    const authorId = listingScope(user);
    const [counts, list, users, settings] = await Promise.all([
      countPostsByStatus(ctx.db, authorId),
      listPosts(ctx.db, { status: view.status, authorId, search: view.search || undefined, limit: PER_PAGE, offset: (view.page - 1) * PER_PAGE }),
      listUsers(ctx.db),
      loadSettings(ctx.db),
    ]);
    const authors = new Map(users.map((u) => [u.id, u.display_name || u.username]));
    const when = (iso: string | null) => (iso ? isoToLocalInput(iso, settings.timezone).replace('T', ' ') : '');
    const rows = list.posts.map((p) => ({ post: p, author: authors.get(p.author_id) ?? '—', view: viewPath(p, settings), when: when(p.published_at ?? p.created_at) }));
    // A search counts at most SEARCH_COUNT_CAP matches; other totals are exact.
    const pages = Math.max(1, Math.ceil(Math.min(list.total, view.search ? SEARCH_COUNT_CAP : Infinity) / PER_PAGE));
    return reply.page('admin/posts', { title: 'Posts', timezone: settings.timezone, view, tabs: TABS, counts, rows, total: list.total, countCap: SEARCH_COUNT_CAP, pages, listUrl, self: listUrl(view) });
  });

  app.get('/admin/posts/new', { preHandler: requireUser }, async (request, reply) => {
    const settings = await loadSettings(ctx.db);
    const restore = restoreQuery.parse(request.query).restore === 'autosave';
    const offered = await autosaveFor(ctx.db, request.user as User, null, newPostValues(settings), restore, settings.timezone);
    return editor(reply, null, offered.values, {}, 200, offered.offer);
  });
  app.get('/admin/pages/new', { preHandler: editPages }, async (request, reply) => {
    const settings = await loadSettings(ctx.db);
    const restore = restoreQuery.parse(request.query).restore === 'autosave';
    const offered = await autosaveFor(ctx.db, request.user as User, null, newPostValues(settings, 'page'), restore, settings.timezone);
    return editor(reply, null, offered.values, {}, 200, offered.offer);
  });

  // The editor's form may be as large as the largest valid post (posts/limits.ts). Only a signed-in user may
  // send that much: the session is checked in onRequest, before a byte of the body is read.
  const signedInBeforeBody = async (request: FastifyRequest, reply: FastifyReply) => {
    request.user = await loadSessionUser(ctx.db, request);
    return requireUser(request, reply);
  };
  /** Larger than any valid post: the editor again, in the admin layout, saying so (the body was never read). */
  const tooLargeForEditor = async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE' || !request.user) throw error;
    const message = `This post is too large to save: the form sent more than ${formatMegabytes(EDITOR_FORM_BODY_LIMIT)}, and a post holds at most ${POST_LIMITS.contentChars.toLocaleString('en')} characters of content. Nothing was saved. Use your browser's Back button to return to your text and shorten it.`;
    const settings = await loadSettings(ctx.db);
    const newUrl = request.routeOptions.url;
    if (newUrl === '/admin/posts' || newUrl === '/admin/pages') return editor(reply, null, newPostValues(settings, newUrl === '/admin/pages' ? 'page' : 'post'), { form: message }, 413);
    const post = await editablePost(request.params, request.user, reply);
    if (!post) return reply;
    return editor(reply, post, { ...postValues(post, settings.timezone), ...(await postTermValues(ctx.db, post.id)) }, { form: message }, 413);
  };
  const editorSave = { bodyLimit: EDITOR_FORM_BODY_LIMIT, onRequest: signedInBeforeBody, preHandler: [requireUser, app.csrfProtection], errorHandler: tooLargeForEditor };

  const createFrom = async (request: FastifyRequest, reply: FastifyReply) => {
    const values = postFormSchema.parse(request.body);
    const { timezone } = await loadSettings(ctx.db);
    const user = request.user as User;
    const result = await createPost(ctx, user, asAllowed(user, toPostInput(values, timezone, undefined, can(user, 'edit_others_posts'), ctx.clock.now())));
    return afterSave(reply, result, values, null);
  };
  app.post('/admin/posts', editorSave, createFrom);
  // A new page's form posts here (its hidden post_type says page), so a too-large body re-renders a page editor.
  app.post('/admin/pages', editorSave, createFrom);

  app.get('/admin/posts/:id/edit', { preHandler: requireUser }, async (request, reply) => {
    const post = await editablePost(request.params, request.user as User, reply);
    if (!post) return reply;
    const { timezone } = await loadSettings(ctx.db);
    const restore = restoreQuery.parse(request.query).restore === 'autosave';
    const values = { ...postValues(post, timezone), ...(await postTermValues(ctx.db, post.id)) };
    const offered = await autosaveFor(ctx.db, request.user as User, post, values, restore, timezone);
    return editor(reply, post, offered.values, {}, 200, offered.offer);
  });

  app.post('/admin/posts/:id', editorSave, async (request, reply) => {
    const before = await editablePost(request.params, request.user as User, reply);
    if (!before) return reply;
    const values = postFormSchema.parse(request.body);
    const { timezone } = await loadSettings(ctx.db);
    const user = request.user as User;
    const result = await updatePost(ctx, user, before.id, asAllowed(user, toPostInput(values, timezone, before, can(user, 'edit_others_posts'), ctx.clock.now()), before));
    return afterSave(reply, result, values, before);
  });

  /** A refused save shows the form again as typed (400); a saved one goes to its edit screen (POST/redirect/GET). */
  async function afterSave(reply: FastifyReply, result: PostResult, values: PostFormValues, before: Post | null) {
    if (!result.ok) {
      // A refused sticky box is a field error like any other: the form comes back as typed.
      if (result.status !== 400 && !result.errors.sticky && !result.errors.status) return refuse(reply, result.status, result.errors.form ?? 'Not allowed');
      return editor(reply, before, values, result.errors, result.status === 403 ? 403 : 400);
    }
    const word = statusWord[result.post.status] ?? 'Saved.';
    reply.request.session.set('flash', result.post.type === 'page' ? word.replace('Post', 'Page') : word);
    return reply.redirect(`/admin/posts/${result.post.id}/edit`, 303);
  }

  /** The post when it exists, is not in the trash and the user may edit it; otherwise the reply is sent. */
  async function editablePost(params: unknown, user: User, reply: FastifyReply): Promise<Post | null> {
    const id = postId(params);
    const post = id === null ? undefined : await findPostById(ctx.db, id);
    if (!post) return (await refuse(reply, 404, 'There is no such post.'), null);
    if (!canEditPost(user, post)) return (await refuse(reply, 403, editRefusal(user, post)), null);
    if (post.status === 'trash') return (await refuse(reply, 404, 'This post is in the trash. Restore it from the Trash tab to edit it.'), null);
    return post;
  }

  const actions: Record<string, { run: typeof trashPost; done: string }> = {
    trash: { run: trashPost, done: 'Post moved to the trash.' },
    restore: { run: restorePost, done: 'Post restored as a draft.' },
    delete: { run: deletePostForever, done: 'Post deleted permanently.' },
  };
  for (const [name, action] of Object.entries(actions)) {
    app.post(`/admin/posts/:id/${name}`, { preHandler: [requireUser, app.csrfProtection] }, async (request, reply) => {
      const id = postId(request.params);
      if (id === null) return refuse(reply, 404, 'There is no such post.');
      const result = await action.run(ctx, request.user as User, id);
      if (!result.ok) return refuse(reply, result.status, result.errors.form ?? 'Not allowed');
      const isPage = result.post.type === 'page';
      request.session.set('flash', isPage ? action.done.replace('Post', 'Page') : action.done);
      return reply.redirect(safeListUrl(backField.parse(request.body).back, isPage ? '/admin/pages' : '/admin/posts'), 303);
    });
  }
}
