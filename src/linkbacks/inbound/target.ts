// Maps a linkback target URL to one of our published posts or pages: its permalink with or without the
// trailing slash or a fragment (WM §3.2.1), over http or https of our site's host, any URL the public site
// answers for it with a redirect (an old permalink structure, a slug it had before), through the same
// resolver the public site uses (posts/resolve-path.ts).
// Pingback distinguishes "not a post of ours" (33) from "a permalink whose post does not exist" (32, PB §3).
import type { Executor } from '../../db/database.js';
import type { Post } from '../../db/schema.js';
import { findPostById } from '../../posts/repository.js';
import { isPublic, resolvePath, type Resolution } from '../../posts/resolve-path.js';
import { loadSettings } from '../../settings/repository.js';
import { parseHttpUrl } from './urls.js';
import { rowIdFrom } from '../../db/row-id.js';

export type TargetResult =
  | { ok: true; post: Post }
  | { ok: false; why: 'not_ours' | 'not_a_post' | 'no_such_post'; message: string };

/** True when the URL is on our site (either scheme, with or without "www."), so it may name one of our pages. */
export function onOurSite(target: URL, siteUrl: string): boolean {
  const site = parseHttpUrl(siteUrl);
  if (!site) return false;
  const bare = (h: string) => h.toLowerCase().replace(/^www\./, '');
  if (bare(target.hostname) !== bare(site.hostname) || target.port !== site.port) return false;
  const prefix = site.pathname.replace(/\/+$/, '');
  return target.pathname === prefix || target.pathname.startsWith(`${prefix}/`);
}

const DATED_OR_NUMERIC = /^\/(?:\d{4}\/\d{2}\/(?:\d{2}\/)?[^/]+|archives\/\d+)\/?$/;

export async function resolveTarget(db: Executor, target: URL, siteUrl: string): Promise<TargetResult> {
  if (!onOurSite(target, siteUrl)) return { ok: false, why: 'not_ours', message: 'The target is not on this site.' };
  const prefix = (parseHttpUrl(siteUrl)?.pathname ?? '/').replace(/\/+$/, '');
  const rest = target.pathname.slice(prefix.length) || '/';
  // /?p=ID is the post's short link (it 301s to the permalink), as WordPress's url_to_postid accepts.
  const byId = rest === '/' ? rowIdFrom(target.searchParams.get('p') ?? '') : null;
  if (byId !== null) return published(await findPostById(db, byId));
  // The home page itself is no post (unless a static front page is set: then it is that page's permalink).
  const resolved = rest === '/' ? await frontPageTarget(db) : await resolvePath(db, rest);
  if (resolved.kind === 'missing') {
    // Pingback tells a permalink-shaped path with no post behind it (32) from any other page of ours (33).
    return DATED_OR_NUMERIC.test(rest)
      ? { ok: false, why: 'no_such_post', message: 'There is no published post at the target URL.' }
      : { ok: false, why: 'not_a_post', message: 'The target is not a post or page on this site; only their permalinks take linkbacks.' };
  }
  return published(resolved.post);
}

async function frontPageTarget(db: Executor): Promise<Resolution> {
  const s = await loadSettings(db);
  if (s.show_on_front !== 'page' || !s.page_on_front) return { kind: 'missing' };
  const page = await findPostById(db, s.page_on_front);
  return isPublic(page) && page.type === 'page' ? { kind: 'show', post: page } : { kind: 'missing' };
}

function published(post: Post | undefined): TargetResult {
  if (!post || post.status !== 'published') return { ok: false, why: 'no_such_post', message: 'There is no published post at the target URL.' };
  return { ok: true, post };
}
