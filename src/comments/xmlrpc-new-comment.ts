// wp.newComment: the WordPress apps' "reply" to a comment, written as the signed-in user through the same
// moderation rules as every comment. comment_parent threads it under an approved comment of the same post
// (issue 16 point 1), as the reply form does; 0 or absent makes a top-level comment.
import { submitComment } from './service.js';
import { findComment } from './repository.js';
import { htmlToText, sanitizeCommentHtml } from '../content/sanitize.js';
import { findPostById } from '../posts/repository.js';
import { canEditPost } from '../posts/service.js';
import { canReadPost, isProtected } from '../posts/visibility.js';
import { loadSettings } from '../settings/repository.js';
import { commentsOpen } from './reader-comment.js';
import { login } from '../xmlrpc/credentials.js';
import { INVALID_POST } from '../posts/xmlrpc-post-access.js';
import { expectArity, idParam, invalidParams, member, stringParam, structParam } from '../xmlrpc/params.js';
import { XmlRpcFault, type MethodRegistry } from '../xmlrpc/registry.js';

const MAX_COMMENT_CHARS = 65_525;
const NOT_ALLOWED_TO_COMMENT = 'Sorry, you are not allowed to comment on this post.';

export function registerNewCommentMethod(registry: MethodRegistry): void {
  registry.add('wp.newComment', {
    help: 'wp.newComment(blog_id, username, password, post_id, {content, comment_parent}): a comment by the signed-in user; returns its id.',
    handler: async (call) => {
      expectArity(call.params, 5);
      const postId = idParam(call.params[3], 'post_id');
      const struct = structParam(call.params[4], 'comment');
      const raw = stringParam(member(struct, 'content') ?? '', 'content');
      if (raw.length > MAX_COMMENT_CHARS) throw invalidParams(`Field content is at most ${MAX_COMMENT_CHARS} characters.`);
      const content = sanitizeCommentHtml(raw.trim());
      if (!htmlToText(content) && !/<a\s/i.test(content)) throw invalidParams('Field content must hold some text.');
      const user = await login(call, call.params[1], call.params[2]);
      const post = await findPostById(call.ctx.db, postId);
      if (!post || (post.status !== 'published' && post.status !== 'private')) throw new XmlRpcFault(404, INVALID_POST);
      // WordPress 6's order and words (class-wp-xmlrpc-server.php, wp_newComment): closed first, then a
      // protected post for anyone who may not edit it (a client carries no password cookie), then a private
      // post for anyone who may not read it.
      if (!commentsOpen(post, await loadSettings(call.ctx.db), call.ctx.clock.now())) throw new XmlRpcFault(403, 'Sorry, comments are closed for this item.');
      if (post.status === 'published' && isProtected(post) && !canEditPost(user, post)) throw new XmlRpcFault(403, NOT_ALLOWED_TO_COMMENT);
      if (post.status === 'private' && !canReadPost(user, post)) throw new XmlRpcFault(403, NOT_ALLOWED_TO_COMMENT);
      const parentId = Number(member(struct, 'comment_parent') ?? 0) || 0;
      const parent = parentId > 0 ? await findComment(call.ctx.db, parentId) : undefined;
      if (parentId > 0 && (!parent || parent.post_id !== post.id || parent.kind !== 'comment' || parent.status !== 'approved')) {
        throw new XmlRpcFault(403, 'The comment replied to is not an approved comment on this post.');
      }
      const result = await submitComment(call.ctx, post, {
        postId,
        kind: 'comment',
        authorName: user.display_name,
        authorEmail: user.email,
        authorUrl: '',
        content,
        ip: call.ip,
        userAgent: call.userAgent,
        userId: user.id,
        parentId: parent?.id ?? null,
        threadId: parent ? (parent.thread_id ?? parent.id) : null,
      });
      // The rules' HTTP status (403 closed, 409 duplicate, 429 flood) doubles as the fault code, as WordPress does.
      if (!result.ok) throw new XmlRpcFault(result.decision.httpStatus, `Your comment was not saved: ${result.decision.reason}.`);
      return result.comment.id;
    },
  });
}
