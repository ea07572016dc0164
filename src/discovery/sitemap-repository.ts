// The sitemap's posts queries: ranges of the primary key, each bounded by its width (sitemap-providers.ts).
import type { Executor } from '../db/database.js';

/** Numbers (1-based) of the id ranges of `width` that hold a published post: one indexed probe per range. */
export async function publishedIdRangesWithPosts(db: Executor, width: number): Promise<number[]> {
  const top = await db.selectFrom('posts').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
  const maxId = Number(top?.max ?? 0);
  const pages: number[] = [];
  for (let n = 1; (n - 1) * width < maxId; n++) {
    const hit = await db
      .selectFrom('posts')
      .select('id')
      .where('id', '>', (n - 1) * width)
      .where('id', '<=', n * width)
      .where('status', '=', 'published')
      .limit(1)
      .executeTakeFirst();
    if (hit) pages.push(n);
  }
  return pages;
}

/** Published posts with lo < id <= hi, in id order (at most hi − lo rows). */
export function publishedPostsInIdRange(db: Executor, lo: number, hi: number): Promise<{ id: number; slug: string; published_at: string | null; updated_at: string }[]> {
  return db
    .selectFrom('posts')
    .select(['id', 'slug', 'published_at', 'updated_at'])
    .where('id', '>', lo)
    .where('id', '<=', hi)
    .where('status', '=', 'published')
    .orderBy('id')
    .limit(hi - lo)
    .execute();
}
