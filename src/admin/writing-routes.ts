// The editor's helpers while the author writes (issue 15): the autosave copy (per user per post, post 0 for
// one never saved), the Markdown live preview, and "Preview" before saving, which renders the public post
// page from the form as sent. None of them changes a post, enqueues a job or bumps the site generation.
import { rowIdFrom } from '../db/row-id.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import type { Post, User } from '../db/schema.js';
import { requireUser } from '../http/auth.js';
import { EDITOR_FORM_BODY_LIMIT, POST_LIMITS } from '../posts/limits.js';
import { findPostById } from '../posts/repository.js';
import { canEditPost } from '../posts/service.js';
import { saveAutosave } from '../posts/revisions-repository.js';
import { renderPostContent, POST_FORMATS, type PostFormat } from '../content/formats.js';
import { loadSettings } from '../settings/repository.js';
import { renderPostPage } from '../site/post-page.js';
import { findUserById } from '../users/repository.js';
import { formatZoned } from '../content/zoned-time.js';
import { postFormSchema } from './post-form.js';
import { localInputToIso } from './local-time.js';
import { signedInBeforeBody } from './signed-in-body.js';
import { autosaveBody, editLinkQuery, linkVerdictQuery, previewTarget, renderBody } from './writing-input.js';
import { verdictFor } from '../linkbacks/outbound/scan.js';
import { verdictText } from '../linkbacks/outbound/policy.js';
import { siteUrl } from '../settings/site-url.js';
import { can } from '../users/capabilities.js';

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'private, no-store');

export async function adminWritingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const editorBody = { bodyLimit: EDITOR_FORM_BODY_LIMIT, onRequest: signedInBeforeBody(ctx.db), preHandler: [requireUser, app.csrfProtection] };

  /** The post being edited when the user may edit it; 0 is a post not yet saved. */
  async function editable(user: User, id: number): Promise<Post | null | 'refused'> {
    if (id === 0) return null;
    const post = id > 0 ? await findPostById(ctx.db, id) : undefined;
    return post && post.status !== 'trash' && canEditPost(user, post) ? post : 'refused';
  }

  // The public post's "Edit" link (views/static/edit-link.js): 204 for readers, so the cached page stays shared.
  app.get('/admin/posts/edit-link', async (request, reply) => {
    noStore(reply);
    const user = request.user;
    const id = editLinkQuery.parse(request.query).id;
    const post = user && id !== null ? await findPostById(ctx.db, id) : undefined;
    if (!user || !post || post.status === 'trash' || !canEditPost(user, post)) return reply.code(204).send();
    return { url: `/admin/posts/${post.id}/edit` };
  });

  // The visual editor's link field: what the one outbound policy says of this address (issue 15), as the
  // link preview does, for a post that notifies the blogs it links to.
  app.get('/admin/posts/link-verdict', { preHandler: requireUser }, async (request, reply) => {
    noStore(reply);
    const { url } = linkVerdictQuery.parse(request.query);
    if (!url) return reply.code(400).send({ error: 'Give an absolute http(s) address.' });
    const settings = await loadSettings(ctx.db);
    // A public post that notifies (the policy reads its password: a missing one must not read as protected).
    const post = { id: 0, status: 'draft' as const, notify_links: 1, password: '' };
    const verdict = await verdictFor({ ctx, trx: ctx.db, post: post as Post, settings, site: siteUrl(ctx.config, settings) }, 'link', url, { draft: true });
    return { verdict: verdictText(verdict) };
  });

  app.post('/admin/posts/autosave', editorBody, async (request, reply) => {
    noStore(reply);
    const parsed = autosaveBody.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: parsed.error.issues[0]?.message ?? 'Not saved.' });
    const { post_id: postId, ...fields } = parsed.data;
    const user = request.user as User;
    if ((await editable(user, postId)) === 'refused') return reply.code(404).send({ error: 'There is no such post to autosave.' });
    const now = ctx.clock.now();
    await saveAutosave(ctx.db, user.id, postId, fields, now.toISOString());
    const { timezone } = await loadSettings(ctx.db);
    return { saved: true, at: now.toISOString(), message: `Autosaved at ${formatZoned(now.toISOString(), timezone, 'time')}.` };
  });

  app.post('/admin/posts/render', editorBody, async (request, reply) => {
    noStore(reply);
    const parsed = renderBody.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: parsed.error.issues[0]?.message ?? 'Cannot preview.' });
    return { html: renderPostContent(parsed.data.format, parsed.data.content, false) };
  });

  // The editor form itself, posted here with formtarget="_blank": the public page as it would look.
  app.post('/admin/posts/preview', editorBody, async (request, reply) => {
    const values = postFormSchema.parse(request.body);
    const user = request.user as User;
    const before = await editable(user, previewTarget.parse(request.body).post_id);
    if (before === 'refused') return reply.page('error', { status: 404, title: 'Not found', message: 'There is no such post to preview.' }, 404);
    const format: PostFormat | null = (POST_FORMATS as readonly string[]).includes(values.format) ? (values.format as PostFormat) : null;
    if (!format || values.content.length > POST_LIMITS.contentChars || values.title.length > POST_LIMITS.titleChars) {
      return reply.page('error', { status: 400, title: 'Cannot preview', message: 'This post cannot be previewed: its format is unknown or its title or content is too long. Close this tab and correct the post.' }, 400);
    }
    const author = before ? await findUserById(ctx.db, before.author_id) : user;
    const trusted = can(user, 'unfiltered_html') && can(author, 'unfiltered_html');
    const { timezone } = await loadSettings(ctx.db);
    const now = ctx.clock.now().toISOString();
    const date = (values.date && localInputToIso(values.date, timezone)) || before?.published_at || now;
    const post: Post = {
      ...(before ?? previewBase(user, now)),
      title: values.title,
      content: renderPostContent(format, values.content, trusted),
      excerpt: values.excerpt,
      format,
      source: format === 'markdown' ? values.content : '',
      published_at: date,
      featured_media_id: rowIdFrom(values.featured_media_id),
      // What it answers, as typed: the page shows only well-formed http(s) addresses (posts/post-mf2.ts).
      in_reply_to: values.in_reply_to,
      like_of: values.like_of,
      repost_of: values.repost_of,
    };
    return renderPostPage(reply, ctx, post, { preview: true });
  });
}

/** A post that does not exist yet, for previewing a new one (id 0 has no comments, mentions or deliveries). */
function previewBase(user: User, now: string): Post {
  return {
    id: 0, author_id: user.id, title: '', slug: 'preview', content: '', excerpt: '', status: 'draft', status_before_trash: null,
    published_at: null, created_at: now, updated_at: now, comment_status: 'closed', ping_status: 'closed', to_ping: '', notify_links: 0,
    featured_media_id: null, format: 'html', source: '', type: 'post', parent_id: null, menu_order: 0, page_path: null, password: '', sticky: 0, search_text: '',
    comment_count: 0, mention_count: 0, in_reply_to: '', like_of: '', repost_of: '',
  };
}
