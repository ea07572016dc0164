// One page of search results as the theme shows it: the reader's text, the terms searched, the matches for
// that page with an excerpt around the terms, and how many pages there are (capped, repository.ts).
import type { AppContext } from '../context.js';
import type { Settings } from '../settings/definitions.js';
import { formatPostDate } from '../posts/date-format.js';
import { permalinkPath } from '../posts/permalink.js';
import { hasTerm, searchExcerpt } from './excerpt.js';
import { countMatches, SEARCH_RESULT_CAP, searchPublished } from './repository.js';
import { searchTerms } from './terms.js';

export interface SearchResult {
  id: number;
  title: string;
  permalink: string;
  date: string;
  isoDate: string;
  /** HTML: escaped text with the terms in <mark>. */
  excerpt: string;
}

export interface SearchPage {
  terms: string[];
  results: SearchResult[];
  page: number;
  totalPages: number;
  /** Matches counted, at most SEARCH_RESULT_CAP + 1. */
  total: number;
  /** True when there are more matches than are listed. */
  capped: boolean;
}

/** The page of results, or null when the page is past the last one (a 404, as an archive's would be). */
export async function searchPage(ctx: AppContext, s: Settings, text: string, page: number): Promise<SearchPage | null> {
  const terms = searchTerms(text);
  const per = s.posts_per_page;
  const total = await countMatches(ctx.db, ctx.dialect, terms);
  const listed = Math.min(total, SEARCH_RESULT_CAP);
  const totalPages = Math.max(1, Math.ceil(listed / per));
  if (page > totalPages) return null;
  const posts = await searchPublished(ctx.db, ctx.dialect, terms, per, (page - 1) * per);
  const results = posts.map((p) => ({
    id: p.id,
    title: p.title || '(no title)',
    permalink: encodeURI(permalinkPath(p, s)),
    date: formatPostDate(p.published_at, s.date_format, s.timezone),
    isoDate: p.published_at ?? '',
    // The author's excerpt when it holds a word searched for (WordPress shows it whenever there is one);
    // otherwise the text around the words, so the reader sees why the post matched.
    excerpt: searchExcerpt(p.excerpt && hasTerm(p.excerpt, terms) ? p.excerpt : p.search_text || p.excerpt, terms),
  }));
  return { terms, results, page, totalPages, total, capped: total > SEARCH_RESULT_CAP };
}
