// Files a post under its categories and tags, inside the post's own write transaction (posts/service.ts):
// a post with no category gets the default one, as WordPress's wp_set_post_categories does, and tags are
// given by name, created when new (wp_set_post_tags).
import type { Executor } from '../db/database.js';
import type { Term } from '../db/schema.js';
import { defaultCategory, findTermsById, findTermsByName, findTermsBySlug, insertTerm, setPostTermsRows } from './repository.js';
import { termSlug } from './service.js';
import { stripControlChars } from '../content/control-chars.js';

export interface PostTermsInput {
  /** Category ids; unknown ids are ignored. Undefined keeps the post's categories (a new post: the default). */
  categoryIds?: number[];
  /** Tag names; undefined keeps the post's tags. */
  tags?: string[];
}

/** Splits a tag field ("fox, dog,  cat") into distinct names, as WordPress splits tags_input on commas. */
export function splitTagNames(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,\u060C\u3001\uFF0C]/)) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (name && !seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase());
      out.push(name);
    }
  }
  return out;
}

/** The tags with these names, existing ones found by name then by slug, missing ones created. */
export async function tagsNamed(trx: Executor, given: string[]): Promise<Term[]> {
  const names = [...new Set(given.map((n) => stripControlChars(n).trim().replace(/\s+/g, ' ')).filter(Boolean))];
  if (names.length === 0) return [];
  const byName = new Map((await findTermsByName(trx, 'post_tag', names)).map((t) => [t.name, t]));
  const bySlug = new Map((await findTermsBySlug(trx, 'post_tag', names.map((n) => termSlug(n, 'post_tag')))).map((t) => [t.slug, t]));
  const out = new Map<number, Term>();
  for (const name of names) {
    const slug = termSlug(name, 'post_tag');
    let tag = byName.get(name) ?? bySlug.get(slug);
    if (!tag) {
      tag = await insertTerm(trx, { taxonomy: 'post_tag', name, slug, description: '', parent_id: null });
      bySlug.set(slug, tag);
    }
    out.set(tag.id, tag);
  }
  return [...out.values()];
}

export async function assignPostTerms(trx: Executor, postId: number, input: PostTermsInput, isNew: boolean): Promise<void> {
  if (input.categoryIds !== undefined || isNew) {
    const found = (await findTermsById(trx, [...new Set(input.categoryIds ?? [])])).filter((t) => t.taxonomy === 'category');
    const ids = found.length ? found.map((t) => t.id) : [(await defaultCategory(trx)).id];
    await setPostTermsRows(trx, postId, 'category', ids);
  }
  if (input.tags !== undefined) {
    const tags = await tagsNamed(trx, input.tags);
    await setPostTermsRows(trx, postId, 'post_tag', tags.map((t) => t.id));
  }
}
