// The page hierarchy's rules: a parent must be another page that is not in the trash and not one of the
// page's own descendants (WordPress's wp_check_post_hierarchy_for_loops), and every page's stored path
// ("about/team") follows its parent's path and its own slug, descendants included, in the same transaction.
import type { Executor } from '../db/database.js';
import type { Post } from '../db/schema.js';
import { childPages, findPostById, setPagePath } from './repository.js';

/** At most this deep: a path of more levels is refused (the resolver reads at most 12 segments). */
export const MAX_DEPTH = 10;

/** The parent's path, or an error message for the parent field. `pageId` is null for a new page. */
export async function parentPath(db: Executor, pageId: number | null, parentId: number | null): Promise<{ ok: true; path: string | null } | { ok: false; error: string }> {
  if (parentId === null) return { ok: true, path: null };
  if (parentId === pageId) return { ok: false, error: 'A page cannot be its own parent.' };
  const parent = await findPostById(db, parentId);
  if (!parent || parent.type !== 'page' || parent.status === 'trash' || !parent.page_path) return { ok: false, error: 'The parent page does not exist.' };
  // Walk up from the parent: each step is one primary-key read, at most MAX_DEPTH of them.
  let depth = 1;
  for (let up: Post | undefined = parent; up && up.parent_id !== null; up = await findPostById(db, up.parent_id)) {
    if (up.parent_id === pageId) return { ok: false, error: 'A page cannot be placed under one of its own subpages.' };
    if (++depth >= MAX_DEPTH) return { ok: false, error: `Pages nest at most ${MAX_DEPTH} levels deep.` };
  }
  if (pageId !== null && parent.id === pageId) return { ok: false, error: 'A page cannot be its own parent.' };
  return { ok: true, path: parent.page_path };
}

export function joinPath(parent: string | null, slug: string): string {
  return parent ? `${parent}/${slug}` : slug;
}

/** After a page's path changed: every descendant's stored path follows (bounded by the subtree). */
export async function repathDescendants(db: Executor, pageId: number, path: string): Promise<void> {
  for (const child of await childPages(db, pageId)) {
    const childPath = joinPath(path, child.slug);
    await setPagePath(db, child.id, { page_path: childPath });
    await repathDescendants(db, child.id, childPath);
  }
}

/** Before a page is deleted for good: its children move up to its parent, as WordPress does. */
export async function reparentChildren(db: Executor, page: Post): Promise<void> {
  const parent = page.parent_id === null ? null : await findPostById(db, page.parent_id);
  for (const child of await childPages(db, page.id)) {
    const path = joinPath(parent?.page_path ?? null, child.slug);
    await setPagePath(db, child.id, { page_path: path, parent_id: parent?.id ?? null });
    await repathDescendants(db, child.id, path);
  }
}
