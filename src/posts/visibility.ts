// Who may see a post on the public site, as WordPress decides it: published posts are everyone's; a private
// post only its editors' (read_private_posts: editors and administrators, any author for their own); a password-protected
// post shows its title and excerpt to everyone and its content once the reader gives the password.
import type { Post, User } from '../db/schema.js';
import { can } from '../users/capabilities.js';

/** The signed-in reader, or null for an anonymous one: all that visibility needs to know. */
export type Viewer = Pick<User, 'id' | 'role'> | null;

/** Whether this viewer may see the post among the public pages (its page, the home page, archives). */
export function canReadPost(viewer: Viewer, post: Pick<Post, 'status' | 'author_id'>): boolean {
  if (post.status === 'published') return true;
  if (post.status !== 'private' || !viewer) return false;
  return viewer.id === post.author_id || can(viewer, 'read_private_posts');
}

/** Private posts among the listings: every one for an admin, an author's own, none for a reader. */
export function privateScope(viewer: Viewer): { all: true } | { authorId: number } | null {
  if (!viewer) return null;
  return can(viewer, 'read_private_posts') ? { all: true } : { authorId: viewer.id };
}

/** Password-protected (WordPress's post_password_required before the reader unlocks it). */
export function isProtected(post: Pick<Post, 'password'>): boolean {
  return post.password !== '';
}

/** Public on every channel: published and not behind a password. Only such posts ping and take linkbacks. */
export function isOpenlyPublished(post: Pick<Post, 'status' | 'password'>): boolean {
  return post.status === 'published' && post.password === '';
}

/** WordPress's title prefixes ("Private: %s", "Protected: %s") shown wherever the post's title is. */
export function displayTitle(post: Pick<Post, 'status' | 'password' | 'title'>): string {
  const title = post.title || '(no title)';
  if (post.status === 'private') return `Private: ${title}`;
  if (post.password !== '') return `Protected: ${title}`;
  return title;
}

/** WordPress's wording for a protected post's summary when it has no excerpt of its own. */
export const NO_EXCERPT_PROTECTED = 'There is no excerpt because this is a protected post.';
