// What the public site shows of categories and tags: each category's path (/category/parent/child/), the
// terms of a page of posts as links, and a term archive's address resolved (with WordPress's redirect of a
// category path that skips or misnames its parents to the canonical one).
import type { AppContext } from '../context.js';
import type { Post, Term } from '../db/schema.js';
import { memoByGeneration } from '../cache/by-generation.js';
import { findTermBySlug, listTerms, publishedPostIdsInTerms, SUBTREE_CAP, TERM_LIST_CAP, termsOfPosts } from './repository.js';
import { postsInOrder } from '../posts/repository.js';

export interface TermLink {
  id: number;
  name: string;
  /** Site-relative, percent-encoded, ending in a slash. */
  path: string;
}

export interface PostTermLinks {
  categories: TermLink[];
  tags: TermLink[];
}

/** Every category by id with its path of slugs; one query per site generation (issue 13 point 7). */
export async function categoryPaths(ctx: AppContext): Promise<Map<number, { term: Term; slugs: string[] }>> {
  return memoByGeneration(ctx.db, 'category-paths', async () => {
    const all = await listTerms(ctx.db, { taxonomy: 'category', limit: TERM_LIST_CAP });
    const byId = new Map(all.map((t) => [t.id, t]));
    const out = new Map<number, { term: Term; slugs: string[] }>();
    for (const term of all) {
      const slugs: string[] = [];
      // Bounded walk: a cycle written by hand into the table cannot loop forever.
      for (let at: Term | undefined = term, n = 0; at && n < 50; at = at.parent_id === null ? undefined : byId.get(at.parent_id), n++) slugs.unshift(at.slug);
      out.set(term.id, { term, slugs });
    }
    return out;
  });
}

const encodePath = (slugs: string[]) => slugs.map(encodeURIComponent).join('/');

export function categoryPath(slugs: string[]): string {
  return `/category/${encodePath(slugs)}/`;
}

export function tagPath(slug: string): string {
  return `/tag/${encodeURIComponent(slug)}/`;
}

/** The public path of any term. */
export async function termPath(ctx: AppContext, term: Term): Promise<string> {
  if (term.taxonomy === 'post_tag') return tagPath(term.slug);
  const found = (await categoryPaths(ctx)).get(term.id);
  return categoryPath(found?.slugs ?? [term.slug]);
}

/** The categories and tags of a page of posts as links: one query for all of them, whatever their number. */
export async function termLinksOfPosts(ctx: AppContext, postIds: number[]): Promise<Map<number, PostTermLinks>> {
  const [terms, paths] = await Promise.all([termsOfPosts(ctx.db, postIds), categoryPaths(ctx)]);
  const out = new Map<number, PostTermLinks>();
  for (const [postId, list] of terms) {
    const links: PostTermLinks = { categories: [], tags: [] };
    for (const t of list) {
      if (t.taxonomy === 'category') links.categories.push({ id: t.id, name: t.name, path: categoryPath(paths.get(t.id)?.slugs ?? [t.slug]) });
      else links.tags.push({ id: t.id, name: t.name, path: tagPath(t.slug) });
    }
    out.set(postId, links);
  }
  return out;
}

export type ArchiveResolution = { kind: 'show'; term: Term; path: string } | { kind: 'redirect'; path: string } | { kind: 'missing' };

/** /category/a/b/: the category whose slug is b, when a is its parent path; else a 301 to its real path. */
export async function resolveCategory(ctx: AppContext, slugs: string[]): Promise<ArchiveResolution> {
  const last = slugs[slugs.length - 1];
  if (!last) return { kind: 'missing' };
  const term = await findTermBySlug(ctx.db, 'category', last);
  if (!term) return { kind: 'missing' };
  const real = (await categoryPaths(ctx)).get(term.id)?.slugs ?? [term.slug];
  const path = categoryPath(real);
  return real.join('/') === slugs.join('/') ? { kind: 'show', term, path } : { kind: 'redirect', path };
}

export async function resolveTag(ctx: AppContext, slug: string): Promise<ArchiveResolution> {
  const term = await findTermBySlug(ctx.db, 'post_tag', slug);
  return term ? { kind: 'show', term, path: tagPath(term.slug) } : { kind: 'missing' };
}

/**
 * The terms a term archive shows posts of: a tag alone; a category with its descendants, as WordPress's
 * category archive (include_children). Read from the category tree already in memory, no query.
 */
export async function archiveTerms(ctx: AppContext, term: Term): Promise<Term[]> {
  if (term.taxonomy !== 'category') return [term];
  const all = [...(await categoryPaths(ctx)).values()].map((c) => c.term);
  const children = new Map<number, Term[]>();
  for (const t of all) if (t.parent_id !== null) children.set(t.parent_id, [...(children.get(t.parent_id) ?? []), t]);
  const out: Term[] = [term];
  const seen = new Set([term.id]);
  // Breadth first, so a tree past the cap keeps the nearest categories; `seen` stops a hand-written cycle.
  for (let i = 0; i < out.length && out.length < SUBTREE_CAP; i++) {
    for (const child of children.get(out[i]!.id) ?? []) if (!seen.has(child.id) && out.length < SUBTREE_CAP) seen.add(child.id), out.push(child);
  }
  return out;
}

/** One page of the published posts under these terms, newest first: the terms' index walks choose them, posts/ reads them. */
export async function publishedPostsInTerms(ctx: AppContext, terms: Term[], limit: number, offset: number): Promise<Post[]> {
  return postsInOrder(ctx.db, await publishedPostIdsInTerms(ctx.db, terms.map((t) => t.id), limit, offset));
}
