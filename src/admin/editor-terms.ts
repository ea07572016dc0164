// The editor's categories and tags (issue 13): the category checklist as a tree in display order, the post's
// current terms as form values, and the tag suggestions the tag field asks for as the author types.
import type { Executor } from '../db/database.js';
import type { Term } from '../db/schema.js';
import { slugify } from '../posts/permalink.js';
import { defaultCategory, listTerms, tagsStartingWith, TERM_LIST_CAP, termsOfPosts } from '../terms/repository.js';

export interface CategoryChoice {
  id: number;
  name: string;
  /** 0 at the top; the checklist indents by it. */
  depth: number;
}

/** Every category, parents before their children, siblings by name: one query. */
export function categoryTree(all: Term[]): CategoryChoice[] {
  const children = new Map<number | null, Term[]>();
  const ids = new Set(all.map((t) => t.id));
  for (const t of all) {
    // A parent outside the list (past the cap) shows its children at the top rather than hiding them.
    const parent = t.parent_id !== null && ids.has(t.parent_id) ? t.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  const out: CategoryChoice[] = [];
  const seen = new Set<number>();
  const walk = (parent: number | null, depth: number) => {
    for (const t of children.get(parent) ?? []) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      out.push({ id: t.id, name: t.name, depth });
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export async function categoryChoices(db: Executor): Promise<{ categories: CategoryChoice[]; defaultId: number }> {
  const [all, fallback] = await Promise.all([listTerms(db, { taxonomy: 'category', limit: TERM_LIST_CAP }), defaultCategory(db)]);
  return { categories: categoryTree(all), defaultId: fallback.id };
}

/** The stored post's terms as the editor's fields. */
export async function postTermValues(db: Executor, postId: number): Promise<{ post_category: string[]; tags_input: string }> {
  const terms = (await termsOfPosts(db, [postId])).get(postId) ?? [];
  return {
    post_category: terms.filter((t) => t.taxonomy === 'category').map((t) => String(t.id)),
    tags_input: terms.filter((t) => t.taxonomy === 'post_tag').map((t) => t.name).join(', '),
  };
}

/** Up to ten tag names for what the author is typing (the text after the last comma). */
export async function suggestTags(db: Executor, typed: string): Promise<string[]> {
  const prefix = typed.trim().slice(0, 200);
  if (!prefix) return [];
  const slug = slugify(prefix);
  return (await tagsStartingWith(db, slug === 'post' && !/post/i.test(prefix) ? '' : slug, 10)).map((t) => t.name);
}
