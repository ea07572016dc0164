// wp.newComment: the WordPress apps' "reply" to a comment, written as the signed-in user through the same
// moderation rules as every comment. This blog does not thread, so a reply takes its place in date order.
import { submitComment } from './service.js';
import { htmlToText, sanitizeCommentHtml } from '../content/sanitize.js';
import { findPostById } from '../posts/repository.js';
import { login } from '../xmlrpc/credentials.js';
import { INVALID_POST } from '../posts/xmlrpc-post-access.js';
import { expectArity, idParam, invalidParams, member, stringParam, structParam } from '../xmlrpc/params.js';
import { XmlRpcFault, type MethodRegistry } from '../xmlrpc/registry.js';

const MAX_COMMENT_CHARS = 65_525;

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
      if (!post || post.status !== 'published') throw new XmlRpcFault(404, INVALID_POST);
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
      });
      // The rules' HTTP status (403 closed, 409 duplicate, 429 flood) doubles as the fault code, as WordPress does.
      if (!result.ok) throw new XmlRpcFault(result.decision.httpStatus, `Your comment was not saved: ${result.decision.reason}.`);
      return result.comment.id;
    },
  });
}
