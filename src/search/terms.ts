// What a reader typed into the search box, reduced to plain words before it meets a full-text engine.
// FTS5 and to_tsquery each have a query language (quotes, NEAR, AND/OR/NOT, *, -, ^, column filters,
// parentheses, :*, &, |, !); a reader's text must never be parsed as one, or a stray quote is a 500 and a
// crafted query an expensive one. Only runs of letters and digits survive; each becomes a quoted prefix
// term (WordPress matches substrings, so "fox" finds "foxes"), and all must match, as WordPress requires.

/** Longest search text kept (WordPress has no cap; a URL or a pasted page must not become a huge query). */
export const MAX_SEARCH_CHARS = 200;
/** Terms beyond this are dropped: each one is another posting list to walk. */
export const MAX_TERMS = 8;
/** Longer "words" (a base64 blob) are cut: no real word is this long, and a prefix still matches. */
const MAX_TERM_CHARS = 40;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text as kept and shown back: trimmed, whitespace collapsed, capped (by code point, so an emoji is never cut in half). */
export function cleanSearchText(raw: string): string {
  return [...raw.replace(LONE_SURROGATE, '\uFFFD').replace(/\s+/g, ' ').trim()].slice(0, MAX_SEARCH_CHARS).join('').trim();
}

/** The words searched for, lower-cased, deduplicated, in the order typed. */
export function searchTerms(text: string): string[] {
  const words = cleanSearchText(text).toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((w) => w.slice(0, MAX_TERM_CHARS)))].slice(0, MAX_TERMS);
}

/** FTS5 MATCH: each term a quoted string (so NEAR, AND, OR are words) with a prefix star, ANDed. */
export function fts5Query(terms: string[]): string {
  return terms.map((t) => `"${t}"${prefix(t) ? '*' : ''}`).join(' AND ');
}

/** to_tsquery('simple', …): each term a prefix match, ANDed. Terms hold only letters and digits. */
export function tsQuery(terms: string[]): string {
  return terms.map((t) => `${t}${prefix(t) ? ':*' : ''}`).join(' & ');
}

/** A one-character term ("t" of "don't") as a prefix would match half the dictionary: it must match whole. */
function prefix(term: string): boolean {
  return [...term].length > 1;
}
