// One sitemap provider per section of the site (WordPress's WP_Sitemaps_Provider): posts here; pages,
// categories and tags join the list when those features land, each a few lines (a name, its page numbers,
// a page's entries). Every provider pages by primary-key ranges, so each query reads one range of the
// index, never an OFFSET that walks everything before it.
import type { AppContext } from '../context.js';
import { permalinkPath } from '../posts/permalink.js';
import { loadSettings } from '../settings/repository.js';
import { publishedIdRangesWithPosts, publishedPostsInIdRange } from './sitemap-repository.js';
import type { SitemapEntry } from './sitemap-xml.js';

export interface SitemapProvider {
  /** The section in the file name: /sitemap-<name>-<n>.xml (lower-case letters). */
  name: string;
  /** The numbers of this section's files that hold at least one URL (an empty urlset is not valid). */
  pages(ctx: AppContext, perFile: number): Promise<number[]>;
  /** File n's URLs (at most perFile), or an empty list when it has none. */
  entries(ctx: AppContext, n: number, perFile: number, siteUrl: string): Promise<SitemapEntry[]>;
}

/**
 * Published posts, by id: file n holds ids ((n-1)·w, n·w] with w = perFile − 1, the one spare slot on file 1
 * taken by the home page (WordPress lists it first in its first sitemap). Empty ranges are skipped.
 */
export const postsSitemap: SitemapProvider = {
  name: 'posts',
  async pages(ctx, perFile) {
    const pages = await publishedIdRangesWithPosts(ctx.db, Math.max(1, perFile - 1));
    // File 1 always exists: it carries the home page, so the index is never empty.
    return pages.includes(1) ? pages : [1, ...pages];
  },
  async entries(ctx, n, perFile, siteUrl) {
    const width = Math.max(1, perFile - 1);
    const [posts, settings] = await Promise.all([publishedPostsInIdRange(ctx.db, (n - 1) * width, n * width), loadSettings(ctx.db)]);
    const urls: SitemapEntry[] = posts.map((p) => ({ loc: siteUrl + encodeURI(permalinkPath(p, settings)), lastmod: p.updated_at }));
    return n === 1 ? [{ loc: `${siteUrl}/`, lastmod: null }, ...urls] : urls;
  },
};

/** Every section, in the order the index lists them. */
export const sitemapProviders: SitemapProvider[] = [postsSitemap];
