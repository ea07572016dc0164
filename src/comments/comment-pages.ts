// Which page of a post's readers' comments is which (issue 16 point 1): how many pages, the one shown by
// default, the address of each (the permalink for the default page, /comment-page-N/ for the others, as
// WordPress's comment pages), and the page a given comment is on, for the redirect after sending one.
import type { Executor } from '../db/database.js';
import type { Comment } from '../db/schema.js';
import type { Settings } from '../settings/definitions.js';
import { defaultPage, pageCount } from './threads.js';
import { countReaders, pageOfTopLevel } from './thread-repository.js';
import { findComment } from './repository.js';

export interface CommentPaging {
  counts: { all: number; topLevel: number };
  pages: number;
  dflt: number;
  page: number;
}

/** The address of comment page `n`: the permalink itself for the page shown by default. */
export function commentPageUrl(permalink: string, n: number, dflt: number): string {
  return n === dflt ? permalink : `${permalink}comment-page-${n}/`;
}

/** Which page to show and how many there are, or null when the page asked for does not exist. */
export async function commentPaging(db: Executor, s: Settings, postId: number, asked?: number): Promise<CommentPaging | null> {
  const counts = await countReaders(db, postId);
  const pages = pageCount(counts.topLevel, s.comments_per_page);
  const dflt = defaultPage(pages, s.default_comments_page);
  const page = asked ?? dflt;
  return page > pages ? null : { counts, pages, dflt, page };
}

/** The address of the comment page that shows `c` (its thread's page; a held top-level one lands last). */
export async function pageUrlOf(db: Executor, s: Settings, permalink: string, c: Comment): Promise<string> {
  const paging = await commentPaging(db, s, c.post_id);
  if (!paging) return permalink;
  const root = c.thread_id === null ? c : await findComment(db, c.thread_id);
  const page = !root || root.status !== 'approved' ? paging.pages : Math.min(paging.pages, await pageOfTopLevel(db, root, s.comments_per_page));
  return commentPageUrl(permalink, page, paging.dflt);
}
