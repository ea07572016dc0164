// POST /postpass: a reader gives a protected post's password (WordPress's wp-login.php?action=postpass).
// The right one sets the site's password cookie (a keyed hash, 10 days) and goes back to the post with a 303;
// a wrong one shows the post's form again with a message, as a 403 in the theme. The form is checked for
// our Origin and its per-post token, as the comment form is, since readers have no session.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { checkSameOrigin } from '../http/same-origin.js';
import { formText, inputOf } from '../http/input.js';
import { permalinkPath } from '../posts/permalink.js';
import { POSTPASS_MAX_AGE_SECONDS, postpassCookieName, postpassValue, unlocks, validPostpassFormToken } from '../posts/post-password.js';
import { findPostById } from '../posts/repository.js';
import { canReadPost, isProtected } from '../posts/visibility.js';
import { loadSettings } from '../settings/repository.js';
import { siteUrl } from '../settings/site-url.js';
import { renderPostPage } from './post-page.js';

const postpassForm = inputOf({ post_id: formText, post_password: formText, form_token: formText });

export const WRONG_PASSWORD = 'That password is not the right one for this post. Check it and try again.';
export const FORM_REFUSED = 'This form has expired or was not sent from this site. Reload the page and enter the password again.';

export async function postPasswordRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.post('/postpass', { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (request, reply) => {
    const form = postpassForm.parse(request.body ?? {});
    const id = /^[1-9]\d{0,9}$/.test(form.post_id) ? Number(form.post_id) : null;
    const post = id === null ? undefined : await findPostById(ctx.db, id);
    if (!post || !isProtected(post) || !canReadPost(request.user ?? null, post)) return reply.callNotFound();
    const settings = await loadSettings(ctx.db);
    const base = siteUrl(ctx.config, settings);
    const origin = checkSameOrigin(request, base);
    if (!origin.ok || !validPostpassFormToken(ctx.config.sessionSecret, post.id, form.form_token)) {
      request.log.info({ reason: origin.ok ? 'bad form token' : origin.reason }, 'post password form refused');
      return renderPostPage(reply, ctx, post, { status: 403, passwordError: FORM_REFUSED });
    }
    const value = postpassValue(ctx.config.sessionSecret, form.post_password);
    if (!unlocks(ctx.config.sessionSecret, post, value)) return renderPostPage(reply, ctx, post, { status: 403, passwordError: WRONG_PASSWORD });
    const path = new URL(base).pathname.replace(/\/+$/, '') || '/';
    reply.setCookie(postpassCookieName(base), value, { path, maxAge: POSTPASS_MAX_AGE_SECONDS, httpOnly: true, sameSite: 'lax', secure: 'auto' });
    return reply.redirect(encodeURI(permalinkPath(post, settings)), 303);
  });
}
