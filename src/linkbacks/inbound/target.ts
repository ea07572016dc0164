// Maps a linkback target URL to one of our published posts: its permalink with or without the trailing
// slash or a fragment (WM §3.2.1), over http or https of our site's host, or a slug the post had before.
// Pingback distinguishes "not a post of ours" (33) from "a permalink whose post does not exist" (32, PB §3).
import type { Executor } from '../../db/database.js';
import type { Post } from '../../db/schema.js';
import { parsePermalinkPath } from '../../posts/permalink.js';
import { findPostById, findPostByOldSlug, findPostBySlug } from '../../posts/repository.js';
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

export async function resolveTarget(db: Executor, target: URL, siteUrl: string): Promise<TargetResult> {
  if (!onOurSite(target, siteUrl)) return { ok: false, why: 'not_ours', message: 'The target is not on this site.' };
  const prefix = (parseHttpUrl(siteUrl)?.pathname ?? '/').replace(/\/+$/, '');
  const rest = target.pathname.slice(prefix.length) || '/';
  // /?p=ID is the post's short link (it 301s to the permalink), as WordPress's url_to_postid accepts.
  const byId = rest === '/' ? rowIdFrom(target.searchParams.get('p') ?? '') : null;
  if (byId !== null) return published(await findPostById(db, byId));
  const parsed = parsePermalinkPath(rest);
  if (!parsed) return { ok: false, why: 'not_a_post', message: 'The target is not a post on this site; only post permalinks take linkbacks.' };
  return published((await findPostBySlug(db, parsed.slug)) ?? (await findPostByOldSlug(db, parsed.slug)));
}

function published(post: Post | undefined): TargetResult {
  if (!post || post.status !== 'published') return { ok: false, why: 'no_such_post', message: 'There is no published post at the target URL.' };
  return { ok: true, post };
}
