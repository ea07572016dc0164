// "Save my name, email, and website in this browser for the next time I comment." (WordPress 4.9.6's
// wp-comment-cookies-consent): the cookie is set only when the reader ticks the box, and removed when they
// send a comment without it ticked. The form is filled from it in the browser (views/static/comments.js),
// not by the server: post pages are shared by every reader in the page cache (http/page-cache.ts), so a page
// rendered with one reader's details could be served to the next, and bypassing the cache for everyone who
// ticked the box would make the regular readers the slowest. The cookie's name does not start with
// backtalk_ or comment_author_ for that reason (cache/cacheable-request.ts). Not httpOnly: the script must
// read it, as WordPress's comment_author_* cookies are readable. Without JavaScript the form is simply empty.
import type { FastifyReply, FastifyRequest } from 'fastify';

export const REMEMBER_COOKIE = 'bt_commenter';
/** WordPress keeps its commenter cookies for about a year (comment_cookie_lifetime, 30,000,000 s). */
const LIFETIME_SECONDS = 30_000_000;

export function rememberCommenter(request: FastifyRequest, reply: FastifyReply, who: { author: string; email: string; url: string }): void {
  const value = JSON.stringify({ author: who.author, email: who.email, url: who.url });
  reply.setCookie(REMEMBER_COOKIE, value, { path: '/', sameSite: 'lax', secure: request.protocol === 'https', maxAge: LIFETIME_SECONDS });
}

export function forgetCommenter(request: FastifyRequest, reply: FastifyReply): void {
  if (request.cookies?.[REMEMBER_COOKIE] !== undefined) reply.clearCookie(REMEMBER_COOKIE, { path: '/' });
}
