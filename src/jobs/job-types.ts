// The jobs one feature queues and another handles. Their names and keys live here, with the queue, because
// posts/ and comments/ may not import linkbacks/ (ARCHITECTURE.md, "imports point one way"); jobs a feature
// both queues and handles keep their names beside their handler.

/** Queued by the posts service in the publish transaction; handled by linkbacks/outbound (scan.ts). */
export const SCAN_JOB = 'linkbacks.scan';
/**
 * Queued by the posts service in the transaction that moves a published post to the trash; handled by
 * linkbacks/outbound (delete-notice.ts), which re-sends a Webmention to every target told of the post (the
 * Webmention spec's delete, WM §3.1.5). Held back DELETE_NOTICE_DELAY_MS and
 * deduplicated per post, so a trash undone at once tells no one.
 */
export const DELETE_NOTICE_JOB = 'linkbacks.delete-notice';
export const DELETE_NOTICE_DELAY_MS = 60_000;
export const deleteNoticeKey = (postId: number): string => `${DELETE_NOTICE_JOB}:${postId}`;
/** Queued by the re-verification sweep and the moderation panel; handled by linkbacks/inbound (reverify.ts). */
export const REVERIFY_JOB = 'linkbacks.reverify';

/** The subject a scan job is about, so "is a scan of this post pending?" is one indexed lookup. */
export const scanSubject = (postId: number): string => `post:${postId}`;
/** One queued re-verification per linkback, whoever asks (the sweep, a retry, "Re-verify now"). */
export const reverifyKey = (commentId: number): string => `${REVERIFY_JOB}:${commentId}`;

/**
 * Queued by the comments service in the transaction that stores a comment or linkback (held for moderation,
 * or approved at once); handled by mail/ (jobs.ts), which finds who to tell and mails each of them.
 */
export const COMMENT_NOTICE_JOB = 'mail.comment-notice';
export type CommentNoticeEvent = 'held' | 'approved';
export interface CommentNoticePayload {
  commentId: number;
  event: CommentNoticeEvent;
}
