// wp.getRevisions and wp.restoreRevision as WordPress 6 answers them (class-wp-xmlrpc-server.php):
// revisions newest first, each with post_id and the fields asked for (post_date and post_date_gmt by
// default, "post" for every field); faults 404 "Invalid post ID." and 401 for someone else's post.
import type { PostRevision } from '../db/schema.js';
import type { MethodRegistry } from '../xmlrpc/registry.js';
import { XmlRpcFault } from '../xmlrpc/registry.js';
import { login } from '../xmlrpc/credentials.js';
import { expectArity, idParam, invalidParams, type Struct } from '../xmlrpc/params.js';
import { findPostById } from './repository.js';
import { canEditPost } from './service.js';
import { listRevisions } from './revisions-repository.js';
import { accessibleRevision, restoreRevision } from './revision-actions.js';
import { INVALID_POST, unwrapPostResult } from './xmlrpc-post-access.js';

/** wp.getRevisions returns at most this many, newest first (WordPress returns all; a bound keeps the answer small). */
const REVISIONS_ANSWERED = 500;
const DEFAULT_FIELDS = ['post_date', 'post_date_gmt'];

function fieldsParam(value: unknown): string[] {
  if (value === undefined) return DEFAULT_FIELDS;
  if (!Array.isArray(value) || !value.every((f) => typeof f === 'string')) throw invalidParams('Fields must be an array of field names.');
  return value;
}

/** WordPress's _prepare_post for a revision post (post_type "revision", post_status "inherit"). */
function revisionStruct(r: PostRevision, fields: string[]): Struct {
  const when = new Date(r.created_at);
  const all: Struct = {
    post_title: r.title,
    post_date: when,
    post_date_gmt: when,
    post_modified: when,
    post_modified_gmt: when,
    post_status: 'inherit',
    post_type: 'revision',
    post_name: `${r.post_id}-revision-v1`,
    post_author: String(r.author_id),
    post_password: '',
    post_excerpt: r.excerpt,
    post_content: r.content,
    post_parent: String(r.post_id),
    post_mime_type: '',
    link: '',
    guid: '',
    menu_order: 0,
    comment_status: 'closed',
    ping_status: 'closed',
    sticky: false,
  };
  const wanted = fields.includes('post') ? Object.keys(all) : fields.filter((f) => Object.hasOwn(all, f));
  const out: Struct = { post_id: String(r.id) };
  for (const f of wanted) out[f] = all[f];
  return out;
}

export function registerRevisionMethods(registry: MethodRegistry): void {
  registry.add('wp.getRevisions', {
    help: 'wp.getRevisions(blog_id, username, password, post_id, fields?): the revisions of a post, newest first.',
    handler: async (call) => {
      expectArity(call.params, 4, 5);
      const id = idParam(call.params[3], 'post_id');
      const fields = fieldsParam(call.params[4]);
      const user = await login(call, call.params[1], call.params[2]);
      const post = await findPostById(call.ctx.db, id);
      if (!post) throw new XmlRpcFault(404, INVALID_POST);
      if (!canEditPost(user, post)) throw new XmlRpcFault(401, 'Sorry, you are not allowed to edit posts.');
      const revisions = await listRevisions(call.ctx.db, post.id, REVISIONS_ANSWERED);
      return revisions.map((r) => revisionStruct(r, fields));
    },
  });

  registry.add('wp.restoreRevision', {
    help: 'wp.restoreRevision(blog_id, username, password, revision_id): the revision becomes the post again.',
    handler: async (call) => {
      expectArity(call.params, 4);
      const id = idParam(call.params[3], 'revision_id');
      const user = await login(call, call.params[1], call.params[2]);
      const access = await accessibleRevision(call.ctx, user, id);
      if (!access.ok) throw access.status === 404 ? new XmlRpcFault(404, INVALID_POST) : new XmlRpcFault(401, 'Sorry, you are not allowed to edit this post.');
      unwrapPostResult(await restoreRevision(call.ctx, user, access.revision));
      return true;
    },
  });
}
