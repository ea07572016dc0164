// WordPress's comment vocabulary for the mobile apps: statuses hold / approve / spam / trash, and the struct
// wp.getComment returns.
import type { CommentStatus } from '../db/schema.js';
import { joinedPost, permalinkUrl, type PermalinkSettings } from '../posts/permalink.js';
import type { ModerationAction } from './moderation.js';
import type { CommentWithPost } from './moderation-repository.js';
import { invalidParams, type Struct } from '../xmlrpc/params.js';

export type WordPressCommentStatus = 'hold' | 'approve' | 'spam' | 'trash';

const toWordPress: Record<CommentStatus, WordPressCommentStatus> = { pending: 'hold', approved: 'approve', spam: 'spam', trash: 'trash' };
const fromWordPress: Record<WordPressCommentStatus, CommentStatus> = { hold: 'pending', approve: 'approved', spam: 'spam', trash: 'trash' };
const actionFor: Record<WordPressCommentStatus, ModerationAction> = { hold: 'unapprove', approve: 'approve', spam: 'spam', trash: 'trash' };

export function parseCommentStatus(value: unknown, field: string): WordPressCommentStatus {
  if (typeof value === 'string' && Object.hasOwn(fromWordPress, value)) return value as WordPressCommentStatus;
  throw invalidParams(`Field ${field} must be one of hold, approve, spam, trash.`);
}

export function storedStatus(status: WordPressCommentStatus): CommentStatus {
  return fromWordPress[status];
}

export function moderationAction(status: WordPressCommentStatus): ModerationAction {
  return actionFor[status];
}

export function commentStruct(c: CommentWithPost, siteUrl: string, links: PermalinkSettings): Struct {
  const postLink = permalinkUrl(siteUrl, joinedPost(c), links);
  return {
    comment_id: String(c.id),
    parent: String(c.parent_id ?? 0),
    user_id: '0',
    post_id: String(c.post_id),
    post_title: c.post_title,
    status: toWordPress[c.status],
    type: c.kind,
    author: c.author_name,
    author_url: c.author_url || c.source_url || '',
    author_email: c.author_email,
    author_ip: c.ip,
    content: c.content || c.excerpt || '',
    date_created_gmt: new Date(c.created_at),
    link: `${postLink}#comment-${c.id}`,
  };
}
