// Readers' comment form submissions (POST /comments). Readers have no session (issue 10 point 5), so the
// form is protected without cookies: the POST must come from a page of this site (Sec-Fetch-Site / Origin /
// Referer, http/same-origin.ts) and carry the post's form token (form-token.ts). A per-IP rate limit keeps
// the cheapest bots out; the honeypot and the time to send are moderation rules (rules.ts, 6a). Every
// refusal, the rate limit's included, is the post page again with what the reader typed and why.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { Comment, Post } from '../db/schema.js';
import { checkSameOrigin } from '../http/same-origin.js';
import type { ReaderCommentErrors, ReaderCommentForm } from './reader-comment.js';
import { permalinkPath } from '../posts/permalink.js';
import { findPostById } from '../posts/repository.js';
import { loadSettings } from '../settings/repository.js';
import { siteUrl } from '../settings/site-url.js';
import { validCommentFormToken } from './form-token.js';
import { readCommentForm, readerCommentInput, type ReaderCommentInput } from './reader-comment.js';
import { postpassCookieName } from '../posts/post-password.js';
import { submitReaderComment } from './reader-service.js';
import { RATE_LIMITED, refusalSentence } from './refusal-messages.js';
import { pageUrlOf } from './comment-pages.js';
import { moderationHash, PENDING_COOKIE, PENDING_TTL_SECONDS, pendingCookieValue, readPendingCookie } from './pending-cookie.js';
import { forgetCommenter, rememberCommenter } from './remember-me.js';

/** The post page again, with what the reader typed and why it was refused (site/post-page.ts, wired by features.ts). */
export type ShowPostWithForm = (reply: FastifyReply, post: Post, opts: { status?: number; form?: Partial<ReaderCommentForm>; errors?: ReaderCommentErrors; commentPage?: number }) => Promise<FastifyReply>;

function typedOf(f: ReaderCommentInput): ReaderCommentForm {
  return { author: f.author, email: f.email, url: f.url, content: f.content, parent: f.parent, remember: f.remember };
}

export async function commentRoutes(app: FastifyInstance, ctx: AppContext, showPost: ShowPostWithForm): Promise<void> {
  /** The post page with the form as typed and one sentence, or a 404 when the post named is not one to show. */
  const refuse = async (request: FastifyRequest, reply: FastifyReply, status: number, message: string) => {
    const form = readCommentForm(request.body);
    const post = form.postId === null ? undefined : await findPostById(ctx.db, form.postId);
    if (!post || post.status !== 'published') return reply.callNotFound();
    return showPost(reply, post, { status, form: typedOf(form), errors: { form: message } });
  };

  app.post(
    '/comments',
    {
      // After the body is read (preHandler), so the rate limit's answer can give the reader's text back.
      config: { rateLimit: { max: 10, timeWindow: '1 minute', hook: 'preHandler' } },
      errorHandler: async (error: { statusCode?: number }, request, reply) => {
        if (error.statusCode !== 429) throw error;
        reply.header('retry-after', '60');
        return refuse(request, reply, 429, RATE_LIMITED);
      },
    },
    async (request, reply) => {
      const form = readerCommentInput.parse(request.body ?? {});
      const base = siteUrl(ctx.config, await loadSettings(ctx.db));
      const origin = checkSameOrigin(request, base);
      const tokenOk = form.postId !== null && validCommentFormToken(ctx.config.sessionSecret, form.postId, form.token);
      if (!origin.ok || !tokenOk) {
        request.log.info({ reason: origin.ok ? 'bad form token' : origin.reason }, 'comment form refused');
        const message = origin.ok
          ? 'This form has expired or was not sent from this site. Reload the page and send your comment again; it is kept below.'
          : 'This comment was sent from another site, so it was not saved. If you wrote it, post it from the form below; it is kept there.';
        return refuse(request, reply, 403, message);
      }
      const sender = { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? ''), userId: request.user?.id ?? null, viewer: request.user ?? null, postpass: request.cookies?.[postpassCookieName(base)] };
      const outcome = await submitReaderComment(ctx, form, sender);
      switch (outcome.kind) {
        case 'no-post':
          return reply.callNotFound();
        case 'locked':
          return showPost(reply, outcome.post, { status: 403, form: outcome.typed, errors: { form: 'This post is password protected: enter its password above, then write your comment again.' } });
        case 'closed':
          return showPost(reply, outcome.post, { status: 403, form: outcome.typed, errors: { form: refusalSentence('closed') } });
        case 'invalid':
          return showPost(reply, outcome.post, { status: 400, form: outcome.typed, errors: outcome.errors });
        case 'refused': {
          const status = outcome.status >= 400 && outcome.status < 500 ? outcome.status : 403;
          if (outcome.rule === 'flood') reply.header('retry-after', '15');
          return showPost(reply, outcome.post, { status, form: outcome.typed, errors: { form: refusalSentence(outcome.rule) } });
        }
        case 'stored':
          if (outcome.typed.remember) rememberCommenter(request, reply, outcome.typed);
          else forgetCommenter(request, reply);
          return reply.redirect(await whereToSee(request, reply, outcome.post, outcome.comment), 303);
      }
    },
  );

  /**
   * The comment's page, at the comment. A held one is shown to its writer only: their signed cookie gets its
   * id, and the address carries WordPress's unapproved + moderation-hash for a browser that keeps no cookie.
   */
  async function whereToSee(request: FastifyRequest, reply: FastifyReply, post: Post, c: Comment): Promise<string> {
    const settings = await loadSettings(ctx.db);
    const page = await pageUrlOf(ctx.db, settings, encodeURI(permalinkPath(post, settings)), c);
    if (c.status === 'approved') return `${page}#comment-${c.id}`;
    if (c.status !== 'pending') return `${page}#respond`;
    const now = ctx.clock.now();
    const previous = readPendingCookie(ctx.config.sessionSecret, request.cookies?.[PENDING_COOKIE], now);
    reply.setCookie(PENDING_COOKIE, pendingCookieValue(ctx.config.sessionSecret, previous, c.id, now), {
      path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: PENDING_TTL_SECONDS,
    });
    return `${page}?unapproved=${c.id}&moderation-hash=${moderationHash(ctx.config.sessionSecret, c.id)}#comment-${c.id}`;
  }
}
