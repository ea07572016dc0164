// wp.* comment moderation methods the WordPress mobile apps use. Administrators only; status changes go
// through moderateComment so the panel and XML-RPC keep the same history and trash/spam memory.
import { loadSettings } from '../settings/repository.js';
import { moderateComment } from './moderation.js';
import { addCommentEvent } from './repository.js';
import { sanitizeCommentHtml } from '../content/sanitize.js';
import { loadSiteUrl } from '../settings/site-url.js';
import { commentStruct, moderationAction, parseCommentStatus, storedStatus } from './xmlrpc-fields.js';
import { countComments, findCommentWithPost, listComments, updateCommentFields, type CommentEdits } from './moderation-repository.js';
import { loginAsModerator } from '../xmlrpc/credentials.js';
import { registerNewCommentMethod } from './xmlrpc-new-comment.js';
import { expectArity, idParam, intParam, invalidParams, member, stringParam, structParam, type Struct } from '../xmlrpc/params.js';
import { XmlRpcFault, type MethodRegistry, type XmlRpcCall } from '../xmlrpc/registry.js';

const INVALID_COMMENT = 'Invalid comment ID.';

async function existing(call: XmlRpcCall, id: number) {
  const comment = await findCommentWithPost(call.ctx.db, id);
  if (!comment) throw new XmlRpcFault(404, INVALID_COMMENT);
  return comment;
}

function optionalText(struct: Struct, key: string, max: number): string | undefined {
  const value = member(struct, key);
  if (value === undefined) return undefined;
  const text = stringParam(value, key);
  if (text.length > max) throw invalidParams(`Field ${key} is at most ${max} characters.`);
  return text;
}

/** The non-status edits wp.editComment allows, checked before anything is written. */
function commentEdits(struct: Struct): CommentEdits {
  const edits: CommentEdits = {};
  const content = optionalText(struct, 'content', 65_525);
  if (content !== undefined) {
    if (content.trim() === '') throw invalidParams('Field content must not be empty.');
    edits.content = sanitizeCommentHtml(content);
  }
  const author = optionalText(struct, 'author', 250);
  if (author !== undefined) edits.author_name = author;
  const url = optionalText(struct, 'author_url', 2000);
  if (url !== undefined) {
    if (url !== '' && !/^https?:\/\/\S+$/i.test(url)) throw invalidParams('Field author_url must be an http(s) URL.');
    edits.author_url = url;
  }
  const email = optionalText(struct, 'author_email', 254);
  if (email !== undefined) {
    if (email !== '' && !/^[^\s@]+@[^\s@]+$/.test(email)) throw invalidParams('Field author_email must be an email address.');
    edits.author_email = email;
  }
  return edits;
}

export function registerCommentMethods(registry: MethodRegistry): void {
  registerNewCommentMethod(registry);
  registry.add('wp.getComments', {
    help: 'wp.getComments(blogid, username, password, {status, post_id, number, offset}): newest first.',
    handler: async (call) => {
      expectArity(call.params, 3, 4);
      const filter = call.params[3] === undefined ? {} : structParam(call.params[3], 'struct');
      const status = member(filter, 'status');
      const postId = member(filter, 'post_id');
      const number = member(filter, 'number');
      const offset = member(filter, 'offset');
      const query = {
        // No status (or "all") means WordPress's "all": approved and held, not spam or trash.
        statuses: status === undefined || status === '' || status === 'all' ? (['approved', 'pending'] as const).slice() : [storedStatus(parseCommentStatus(status, 'status'))],
        postId: postId === undefined || postId === '' ? undefined : idParam(postId, 'post_id'),
        limit: number === undefined ? 10 : intParam(number, 'number', 1, 1000),
        offset: offset === undefined ? 0 : intParam(offset, 'offset', 0, 1_000_000),
      };
      await loginAsModerator(call, call.params[1], call.params[2]);
      const [comments, siteUrl] = await Promise.all([listComments(call.ctx.db, query), loadSiteUrl(call.ctx.db, call.ctx.config)]);
      const settings = await loadSettings(call.ctx.db);
      return comments.map((c) => commentStruct(c, siteUrl, settings));
    },
  });

  registry.add('wp.getComment', {
    help: 'wp.getComment(blogid, username, password, comment_id): one comment.',
    handler: async (call) => {
      expectArity(call.params, 4);
      const id = idParam(call.params[3], 'comment_id');
      await loginAsModerator(call, call.params[1], call.params[2]);
      return commentStruct(await existing(call, id), await loadSiteUrl(call.ctx.db, call.ctx.config), await loadSettings(call.ctx.db));
    },
  });

  registry.add('wp.editComment', {
    help: 'wp.editComment(blogid, username, password, comment_id, {status, content, author, author_url, author_email}).',
    handler: async (call) => {
      expectArity(call.params, 5);
      const id = idParam(call.params[3], 'comment_id');
      const struct = structParam(call.params[4], 'comment');
      const rawStatus = member(struct, 'status');
      const status = rawStatus === undefined ? undefined : parseCommentStatus(rawStatus, 'status');
      const edits = commentEdits(struct);
      const user = await loginAsModerator(call, call.params[1], call.params[2]);
      const before = await existing(call, id);
      if (Object.keys(edits).length > 0) {
        await call.ctx.transaction(async (trx) => {
          const at = call.ctx.clock.now().toISOString();
          await updateCommentFields(trx, id, edits, at);
          await addCommentEvent(trx, id, at, 'edit', `${Object.keys(edits).join(', ')} edited by ${user.username} (XML-RPC)`);
        });
      }
      if (status !== undefined && storedStatus(status) !== before.status) {
        await moderateComment(call.ctx, id, moderationAction(status), user.username);
      }
      return true;
    },
  });

  registry.add('wp.deleteComment', {
    help: 'wp.deleteComment(blogid, username, password, comment_id): to the trash; deleted for good if already there.',
    handler: async (call) => {
      expectArity(call.params, 4);
      const id = idParam(call.params[3], 'comment_id');
      const user = await loginAsModerator(call, call.params[1], call.params[2]);
      const before = await existing(call, id);
      await moderateComment(call.ctx, id, before.status === 'trash' ? 'delete' : 'trash', user.username);
      return true;
    },
  });

  registry.add('wp.getCommentCount', {
    help: 'wp.getCommentCount(blogid, username, password, post_id?): approved, awaiting_moderation, spam, total_comments.',
    handler: async (call) => {
      expectArity(call.params, 3, 4);
      const raw = call.params[3];
      const postId = raw === undefined || raw === '' ? undefined : idParam(raw, 'post_id');
      await loginAsModerator(call, call.params[1], call.params[2]);
      const n = await countComments(call.ctx.db, postId);
      // WordPress's get_comment_count() counts spam in total_comments but not trash.
      return { approved: n.approved, awaiting_moderation: n.pending, spam: n.spam, total_comments: n.approved + n.pending + n.spam };
    },
  });
}
