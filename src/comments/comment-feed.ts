// Comment feeds (RSS 2.0): approved readers' comments AND approved linkbacks, newest first, each item
// labelled ("Comment by Ann", "Pingback from Their title") so readers can tell them apart. Items become
// FeedItems for the posts feature's pure builder, which escapes everything; the HTML built here escapes
// every outside value itself because the builder carries it verbatim in CDATA.
import type { Post } from '../db/schema.js';
import { htmlToText, truncateText } from '../content/sanitize.js';
import type { FeedItem } from '../posts/feed.js';
import { joinedPost, permalinkUrl, type PermalinkSettings } from '../posts/permalink.js';
import { isLinkbackKind } from './matching.js';
import { escapeHtml } from '../content/escape.js';
import { mentionParts } from './mention-parts.js';
import type { FeedComment } from './repository.js';


const label: Record<string, string> = { pingback: 'Pingback', trackback: 'Trackback', webmention: 'Webmention' };


type FeedRow = FeedComment;

export function commentFeedItem(base: string, c: FeedRow, withPostTitle: boolean, links: PermalinkSettings): FeedItem {
  const linkback = isLinkbackKind(c.kind);
  const parts = linkback ? mentionParts(c) : null;
  const who = parts ? parts.name : c.author_name.trim() || 'Anonymous';
  const on = withPostTitle ? ` on “${c.post_title}”` : '';
  const postUrl = encodeURI(permalinkUrl(base, joinedPost(c), links));
  const safeSource = linkback && /^https?:\/\//i.test(c.source_url ?? '');
  const html = linkback
    ? `<p>${parts!.title ? `<strong>${escapeHtml(parts!.title)}</strong> ` : ''}${escapeHtml(parts!.excerpt)}</p>${safeSource ? `<p><a href="${escapeHtml(c.source_url!)}" rel="nofollow ugc">${escapeHtml(who)}</a></p>` : ''}`
    : c.content; // sanitised when stored (comments/service.ts)
  return {
    id: `${base}/?p=${c.post_id}#${linkback ? 'mention' : 'comment'}-${c.id}`,
    title: linkback ? `${label[c.kind]} from ${who}${on}` : `Comment by ${who}${on}`,
    link: `${postUrl}#${linkback ? 'mention' : 'comment'}-${c.id}`,
    published: c.created_at,
    updated: c.created_at,
    authorName: linkback ? who : c.author_name,
    html,
    summary: truncateText(parts ? [parts.title, parts.excerpt].filter(Boolean).join(' — ') : htmlToText(c.content), 300),
  };
}

export function feedTitleFor(siteTitle: string, post?: Post): string {
  return post ? `Comments on: ${post.title}` : `Comments for ${siteTitle}`;
}
