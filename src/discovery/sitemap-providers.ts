// One sitemap provider per section of the site (WordPress's WP_Sitemaps_Provider): posts, pages,
// categories and tags, each a name, its file numbers and a file's entries. Every provider pages by primary-key ranges, so each query reads one range of the
// index, never an OFFSET that walks everything before it.
import type { AppContext } from '../context.js';
import { permalinkPath } from '../posts/permalink.js';
import { loadSettings } from '../settings/repository.js';
import { publishedIdRangesWithPosts, publishedPostsInIdRange } from '../posts/sitemap-repository.js';
import { termIdRangesWithTerms, termsInIdRange } from '../terms/sitemap-repository.js';
import type { Taxonomy } from '../db/schema.js';
import { categoryPath, categoryPaths, tagPath } from '../terms/public-service.js';
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

/** Published pages, by id ranges of perFile (a static front page is listed at its permalink, "/"). */
export const pagesSitemap: SitemapProvider = {
  name: 'pages',
  pages: (ctx, perFile) => publishedIdRangesWithPosts(ctx.db, perFile, 'page'),
  async entries(ctx, n, perFile, siteUrl) {
    const [pages, settings] = await Promise.all([publishedPostsInIdRange(ctx.db, (n - 1) * perFile, n * perFile, 'page'), loadSettings(ctx.db)]);
    return pages.map((p) => ({ loc: siteUrl + encodeURI(permalinkPath(p, settings)), lastmod: p.updated_at }));
  },
};

/** Categories or tags with published posts, by id ranges; a term's lastmod is unknown (WordPress gives none). */
function termsSitemap(name: string, taxonomy: Taxonomy): SitemapProvider {
  return {
    name,
    pages: (ctx, perFile) => termIdRangesWithTerms(ctx.db, perFile, taxonomy),
    async entries(ctx, n, perFile, siteUrl) {
      const terms = await termsInIdRange(ctx.db, (n - 1) * perFile, n * perFile, taxonomy);
      const paths = taxonomy === 'category' ? await categoryPaths(ctx) : null;
      return terms.map((t) => ({ loc: siteUrl + (paths ? categoryPath(paths.get(t.id)?.slugs ?? [t.slug]) : tagPath(t.slug)), lastmod: null }));
    },
  };
}

/** Every section, in the order the index lists them (WordPress: posts, pages, then taxonomies). */
export const sitemapProviders: SitemapProvider[] = [postsSitemap, pagesSitemap, termsSitemap('categories', 'category'), termsSitemap('tags', 'post_tag')];
