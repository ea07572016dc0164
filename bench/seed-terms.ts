// Issue 13 point 7: the benchmark blogs carry 20 categories (five top-level ones, fifteen beneath them) and
// 200 tags, every post filed under one or two categories and three tags, written through the terms
// repository so the counts and the archives' index are the triggers' own.
import type { Executor } from '../src/db/database.js';
import { insertTerm } from '../src/terms/repository.js';

export const BENCH_CATEGORY_PATH = '/category/topic-0/topic-5/';
export const BENCH_TAG_PATH = '/tag/tag-0/';

export async function seedTerms(transaction: <T>(fn: (trx: Executor) => Promise<T>) => Promise<T>, postIds: number[], r: () => number): Promise<void> {
  const { categories, tags } = await transaction(async (trx) => {
    const categories: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = await insertTerm(trx, { taxonomy: 'category', name: `Topic ${i}`, slug: `topic-${i}`, description: '', parent_id: i >= 5 ? categories[i % 5]! : null });
      categories.push(t.id);
    }
    const tags: number[] = [];
    for (let i = 0; i < 200; i++) tags.push((await insertTerm(trx, { taxonomy: 'post_tag', name: `Tag ${i}`, slug: `tag-${i}`, description: '', parent_id: null })).id);
    return { categories, tags };
  });
  const BATCH = 2_000;
  for (let from = 0; from < postIds.length; from += BATCH) {
    await transaction(async (trx) => {
      const rows: { post_id: number; term_id: number }[] = [];
      for (const post_id of postIds.slice(from, from + BATCH)) {
        // Every tenth post is in the bench category and carries the bench tag, so both archives fill pages.
        const picked = new Set([post_id % 10 === 0 ? categories[5]! : categories[Math.floor(r() * 20)]!, categories[Math.floor(r() * 20)]!]);
        for (const t of [post_id % 10 === 0 ? tags[0]! : tags[Math.floor(r() * 200)]!, tags[Math.floor(r() * 200)]!, tags[Math.floor(r() * 200)]!]) picked.add(t);
        for (const term_id of picked) rows.push({ post_id, term_id });
      }
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('term_relationships').values(rows.slice(i, i + 500)).execute();
    });
  }
}
