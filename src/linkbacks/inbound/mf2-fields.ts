// Pure glue between what mf2.ts reads and what comments/ stores: the stored shape of a linkback's semantics,
// and which of our comments a reply answers (its in-reply-to is the post's permalink, or one of its comment
// pages, with the #comment-N fragment our pages give every comment).
import type { MentionSemantics } from '../../comments/mention-semantics.js';
import type { Semantic } from './mf2.js';
import { comparisonKey, parseHttpUrl } from './urls.js';

export function storedSemantics(s: Semantic | null | undefined): MentionSemantics | null {
  if (!s) return null;
  return {
    type: s.type,
    rsvp: s.rsvp,
    url: s.url,
    authorName: s.author?.name ?? null,
    authorUrl: s.author?.url ?? null,
    authorPhoto: s.author?.photo ?? null,
    published: s.published,
    content: s.content,
  };
}

/** The id N of the first in-reply-to URL that is `target`'s page (or a comment page of it) + `#comment-N`. */
export function repliedCommentId(inReplyTo: string[], target: string): number | null {
  const want = comparisonKey(target);
  for (const value of inReplyTo) {
    const url = parseHttpUrl(value);
    const m = url?.hash.match(/^#comment-(\d{1,15})$/);
    if (!url || !m) continue;
    url.pathname = url.pathname.replace(/\/comment-page-\d+\/?$/, '/');
    if (comparisonKey(url) === want) return Number(m[1]);
  }
  return null;
}
