// The authorship algorithm's author page (https://indieweb.org/authorship-spec §2 step 5): when an entry
// names its author by URL only (a plain u-author, or rel=author), that page is fetched, once, in a job (never
// while a sender waits), with the source's caps, and its representative h-card gives the name and photo.
// A failed fetch or a page without one leaves the URL's host as the name.
import type { AppContext } from '../../context.js';
import { fillMentionAuthor, linkbackAuthor } from '../../comments/author-photo-repository.js';
import { HttpError } from '../../net/types.js';
import { SOURCE_MAX_BYTES, SOURCE_TIMEOUT_MS } from './fetch-source.js';
import { representativeCard } from './mf2.js';

/** Returns the photo URL the page's h-card gave, for the photo job; null when there is nothing to fetch. */
export async function readAuthorPage(ctx: AppContext, commentId: number, authorUrl: string): Promise<string | null> {
  const c = await linkbackAuthor(ctx.db, commentId);
  // Stale: the linkback was deleted, or a newer verification named another author.
  if (!c || c.mention_author_url !== authorUrl) return null;
  let res;
  try {
    res = await ctx.http.request(authorUrl, { headers: { accept: 'text/html, application/xhtml+xml;q=0.9' }, maxBytes: SOURCE_MAX_BYTES, failIfTooLarge: true, timeoutMs: SOURCE_TIMEOUT_MS, maxRedirects: 3 });
  } catch (err) {
    ctx.log.warn({ commentId, authorUrl, reason: err instanceof HttpError ? err.kind : String(err) }, 'author page not fetched');
    return null;
  }
  if (res.status < 200 || res.status >= 300) {
    ctx.log.warn({ commentId, authorUrl, status: res.status }, 'author page not fetched');
    return null;
  }
  const card = representativeCard(res.body, res.url, [authorUrl, res.url]);
  if (!card) return null;
  const filled = await fillMentionAuthor(ctx.db, c, card, ctx.clock.now().toISOString());
  return filled ? card.photo : null;
}
