// What a post page's address and cookies say about the comment form and the reader's own comments:
// ?replytocom=ID (WordPress's no-JavaScript "Reply" link: the form says whom it answers), ?cpage=N (moved
// to /comment-page-N/, the address the page cache shares), and the reader's held comments, from their
// short-lived signed cookie or WordPress's unapproved + moderation-hash address (comments/pending-cookie.ts).
// Any of these makes the address or the request the reader's own, so the shared page cache never sees them.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { Post } from '../db/schema.js';
import { anyText, inputOf } from '../http/input.js';
import { findComment } from '../comments/repository.js';
import { MODERATION_HASH_SECONDS, PENDING_COOKIE, readPendingCookie, validModerationHash } from '../comments/pending-cookie.js';

const id = anyText.transform((v) => (/^[1-9]\d{0,9}$/.test(v) ? Number(v) : undefined));
const commentQuery = inputOf({ replytocom: id, cpage: id, unapproved: id, 'moderation-hash': anyText });

export interface ReplyContext {
  /** ?cpage=N: the comment page's own address to move to. */
  redirectToPage?: number;
  /** The approved comment the form answers, with the address that cancels the reply. */
  replyTo: { id: number; author: string; cancelUrl: string } | null;
  /** The reader's own comments held for moderation that the page may show them. */
  heldIds: number[];
}

/** `formParent`: the parent a refused reply was sent with, so the re-rendered form still answers it. */
export async function replyContext(ctx: AppContext, request: FastifyRequest, post: Post, formParent?: string): Promise<ReplyContext> {
  const q = request.method === 'GET' || request.method === 'HEAD' ? commentQuery.parse(request.query) : commentQuery.parse({});
  const now = ctx.clock.now();
  const heldIds = readPendingCookie(ctx.config.sessionSecret, request.cookies?.[PENDING_COOKIE], now);
  if (q.unapproved && validModerationHash(ctx.config.sessionSecret, q.unapproved, q['moderation-hash'])) {
    const c = await findComment(ctx.db, q.unapproved);
    if (c && now.getTime() - new Date(c.created_at).getTime() <= MODERATION_HASH_SECONDS * 1000) heldIds.push(c.id);
  }
  let replyTo: ReplyContext['replyTo'] = null;
  const parentId = q.replytocom ?? (formParent && /^[1-9]\d{0,9}$/.test(formParent) ? Number(formParent) : undefined);
  if (parentId) {
    const parent = await findComment(ctx.db, parentId);
    if (parent && parent.post_id === post.id && parent.kind === 'comment' && parent.status === 'approved') {
      const path = request.method === 'GET' ? request.url.split('?')[0] : '';
      replyTo = { id: parent.id, author: parent.author_name || 'Anonymous', cancelUrl: `${path}#respond` };
    }
  }
  return { redirectToPage: q.cpage, replyTo, heldIds };
}
