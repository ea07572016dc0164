// The one resolver of "which post or page does this path mean", for the public site, inbound linkbacks
// (Webmention, Pingback, TrackBack targets) and internal pingbacks alike. WordPress's order: a path first
// matches a page (by its whole path), then a post under any of the common permalink structures, then a
// slug the post or page had before. Anything found at a path other than its permalink answers with a
// redirect to it, so every old structure's URLs keep working after the setting changes.
import type { Executor } from '../db/database.js';
import type { Post } from '../db/schema.js';
import { loadSettings } from '../settings/repository.js';
import { pathSegments, permalinkPath, postShape, SLUG_PATTERN } from './permalink.js';
import { canReadPost, type Viewer } from './visibility.js';
import { findPageByPath, findPagesBySlug, findPostById, findPostByOldPath, findPostByOldSlug, findPostBySlug } from './repository.js';

export type Resolution = { kind: 'show'; post: Post } | { kind: 'redirect'; post: Post; to: string } | { kind: 'missing' };

const MISSING: Resolution = { kind: 'missing' };

/** Whether the public site shows this post or page to everyone. */
export function isPublic(post: Post | undefined): post is Post {
  return !!post && post.status === 'published';
}

/** Whether this viewer may read it: published, or private and theirs to edit (posts/visibility.ts). */
function readable(viewer: Viewer, post: Post | undefined): post is Post {
  return !!post && canReadPost(viewer, post);
}

/**
 * `path` is the URL's path as requested (percent-encoded, no query). `redirect.to` is encoded, ready for a
 * Location header. `viewer` is the signed-in reader, who may also reach their private posts; linkback
 * targets are resolved for nobody (null), so a private post is never a target.
 */
export async function resolvePath(db: Executor, path: string, viewer: Viewer = null): Promise<Resolution> {
  const segments = pathSegments(path);
  if (!segments || segments.length === 0 || segments.some((s) => s.length > 200)) return MISSING;
  const settings = await loadSettings(db);
  const native = await resolveNative(db, path, segments, settings, (post) => readable(viewer, post));
  return native.kind === 'missing' ? resolveOldPath(db, segments.join('/'), viewer) : native;
}

/**
 * Last, before a 404: an address the post had on the WordPress blog it was imported from (old_paths,
 * migration 0024: its <link> under whatever structure, its ?p=ID, its old slugs), answered with a 301 to its
 * permalink. `key` is the decoded segments joined by "/", or "?p=ID" / "?page_id=ID".
 */
export async function resolveOldPath(db: Executor, key: string, viewer: Viewer = null): Promise<Resolution> {
  const post = await findPostByOldPath(db, key);
  if (!readable(viewer, post)) return MISSING;
  return { kind: 'redirect', post, to: encodeURI(permalinkPath(post, await loadSettings(db))) };
}

/**
 * A published post or page since moved to the trash, asked for at its permalink (or an address that led to
 * it): the public site answers 410 Gone with a tombstone rather than 404 (WM §3.1.5), so a Webmention
 * receiver told of the delete drops the mention. A draft, scheduled or private one was never public: 404.
 */
export async function resolveTrashed(db: Executor, path: string): Promise<Post | null> {
  const segments = pathSegments(path);
  if (!segments || segments.length === 0 || segments.some((s) => s.length > 200)) return null;
  const found = await resolveNative(db, path, segments, await loadSettings(db), wasPublicBeforeTrash);
  return found.kind === 'missing' ? null : found.post;
}

function wasPublicBeforeTrash(post: Post | undefined): post is Post {
  return !!post && post.status === 'trash' && post.status_before_trash === 'published';
}

async function resolveNative(db: Executor, path: string, segments: string[], settings: Awaited<ReturnType<typeof loadSettings>>, shown: (post: Post | undefined) => post is Post): Promise<Resolution> {
  const canonical = (post: Post): Resolution => {
    const to = permalinkPath(post, settings);
    const asked = `/${segments.join('/')}/`;
    return to === asked && path.endsWith('/') ? { kind: 'show', post } : { kind: 'redirect', post, to: encodeURI(to) };
  };
  const page = await findPageByPath(db, segments.join('/'));
  if (page) return shown(page) ? canonical(page) : MISSING;
  const shape = postShape(segments);
  // A dated path with an impossible date is no permalink under any structure.
  if (!shape && /^\d{4}$/.test(segments[0]!)) return MISSING;
  if (shape?.by === 'id') {
    const post = await findPostById(db, shape.id);
    return shown(post) && post.type === 'post' ? canonical(post) : MISSING;
  }
  const slug = shape?.slug ?? segments[segments.length - 1]!;
  if (!SLUG_PATTERN.test(slug)) return MISSING;
  // A slug in a post's shape (post slugs are unique among posts, migration 0026), or the last part of a page
  // path whose page has moved under another parent, as WordPress's redirect_guess_404_permalink; page slugs
  // are unique only among siblings, so a moved page is guessed only when one page has that slug.
  const bySlug = await findPostBySlug(db, slug);
  if (bySlug) return shown(bySlug) ? canonical(bySlug) : MISSING;
  const pages = await findPagesBySlug(db, slug);
  if (pages.length === 1) return shown(pages[0]) ? canonical(pages[0]!) : MISSING;
  const renamed = await findPostByOldSlug(db, slug);
  return shown(renamed) ? { kind: 'redirect', post: renamed, to: encodeURI(permalinkPath(renamed, settings)) } : MISSING;
}
