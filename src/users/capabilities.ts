// Every "may this user do that?" of the blog, in one place (issue 16 point 2). Roles and capability names are
// WordPress's (wp-admin/includes/schema.php populate_roles, single site): administrator (stored as 'admin'),
// editor, author, contributor. can() takes a primitive capability, or a meta capability with the resource it
// is about (edit_post, delete_post, publish_post, read_post, edit_media), mapped as map_meta_cap() does.
import type { Post, Role, User } from '../db/schema.js';

export const ROLES: readonly Role[] = ['admin', 'editor', 'author', 'contributor'];

/** The names WordPress gives our roles (XML-RPC, the Users screen). */
export const WORDPRESS_ROLE: Record<Role, string> = { admin: 'administrator', editor: 'editor', author: 'author', contributor: 'contributor' };
export const ROLE_LABEL: Record<Role, string> = { admin: 'Administrator', editor: 'Editor', author: 'Author', contributor: 'Contributor' };

/** A WordPress role name (or ours) to our stored role; undefined for one we do not have. */
export function roleFromName(name: string): Role | undefined {
  const n = name.trim().toLowerCase();
  if (n === 'administrator' || n === 'admin') return 'admin';
  return (ROLES as readonly string[]).includes(n) ? (n as Role) : undefined;
}

const CONTRIBUTOR = ['read', 'edit_posts', 'delete_posts'] as const;
const AUTHOR = [...CONTRIBUTOR, 'upload_files', 'publish_posts', 'edit_published_posts', 'delete_published_posts'] as const;
const EDITOR = [
  ...AUTHOR,
  'moderate_comments',
  'manage_categories',
  'edit_others_posts',
  'delete_others_posts',
  'read_private_posts',
  'edit_private_posts',
  'delete_private_posts',
  'edit_pages',
  'edit_others_pages',
  'edit_published_pages',
  'publish_pages',
  'delete_pages',
  'delete_others_pages',
  'delete_published_pages',
  'read_private_pages',
  // WordPress gives single-site editors unfiltered_html: their HTML is kept as typed.
  'unfiltered_html',
] as const;
const ADMINISTRATOR = [...EDITOR, 'manage_options', 'list_users', 'create_users', 'edit_users', 'promote_users', 'delete_users'] as const;

export type Capability = (typeof ADMINISTRATOR)[number];
export type MetaCapability = 'edit_post' | 'delete_post' | 'publish_post' | 'read_post' | 'edit_media';

const TABLE: Record<Role, ReadonlySet<Capability>> = {
  admin: new Set(ADMINISTRATOR),
  editor: new Set(EDITOR),
  author: new Set(AUTHOR),
  contributor: new Set(CONTRIBUTOR),
};

/** Who is asking: a signed-in account (only its id and role matter), or nobody. */
export type Actor = Pick<User, 'id' | 'role'> | null | undefined;
/** What a meta capability is about. */
export type PostResource = Pick<Post, 'author_id' | 'status'> & { type?: Post['type'] };
export type OwnedResource = { author_id: number };

/** The primitive capabilities of a role (for tests and the Users screen's description). */
export function capabilitiesOf(role: Role): ReadonlySet<Capability> {
  return TABLE[role] ?? new Set();
}

const LIVE = new Set(['published', 'scheduled', 'private']);

/** map_meta_cap for posts and pages: the primitive capabilities an action on this post needs. */
function postCaps(actor: NonNullable<Actor>, cap: Exclude<MetaCapability, 'edit_media'>, post: PostResource): Capability[] {
  const page = post.type === 'page';
  const own = post.author_id === actor.id;
  if (cap === 'read_post') return post.status === 'private' && !own ? [page ? 'read_private_pages' : 'read_private_posts'] : ['read'];
  if (cap === 'publish_post') return [page ? 'publish_pages' : 'publish_posts'];
  const verb = cap === 'edit_post' ? 'edit' : 'delete';
  const noun = page ? 'pages' : 'posts';
  const needs: string[] = [`${verb}_${noun}`];
  if (!own) needs.push(`${verb}_others_${noun}`);
  if (post.status === 'published' || post.status === 'scheduled') needs.push(`${verb}_published_${noun}`);
  if (post.status === 'private') needs.push(own ? `${verb}_published_${noun}` : `${verb}_private_${noun}`);
  return needs as Capability[];
}

/**
 * Whether the actor may. Primitive capabilities need no resource; meta capabilities need theirs
 * (a post or page for edit_post / delete_post / publish_post / read_post, a media item for edit_media).
 */
export function can(actor: Actor, cap: Capability): boolean;
export function can(actor: Actor, cap: Exclude<MetaCapability, 'edit_media'>, resource: PostResource): boolean;
export function can(actor: Actor, cap: 'edit_media', resource: OwnedResource): boolean;
export function can(actor: Actor, cap: Capability | MetaCapability, resource?: PostResource | OwnedResource): boolean {
  if (!actor) return cap === 'read_post' && !!resource && 'status' in resource && resource.status === 'published';
  const caps = TABLE[actor.role];
  if (!caps) return false;
  if (cap === 'edit_media') {
    // An attachment is a post: its uploader edits it with upload_files, anyone else needs edit_others_posts.
    const owned = resource as OwnedResource;
    return caps.has('upload_files') && (owned.author_id === actor.id || caps.has('edit_others_posts'));
  }
  if (cap === 'edit_post' || cap === 'delete_post' || cap === 'publish_post' || cap === 'read_post') {
    const post = resource as PostResource;
    if (cap === 'read_post' && post.status === 'published') return true;
    return postCaps(actor, cap, post).every((c) => caps.has(c));
  }
  return caps.has(cap);
}

/** The author whose posts a listing shows: everyone's (undefined) with edit_others_posts, else one's own. */
export function listingScope(actor: NonNullable<Actor>, type: 'post' | 'page' = 'post'): number | undefined {
  return can(actor, type === 'page' ? 'edit_others_pages' : 'edit_others_posts') ? undefined : actor.id;
}
