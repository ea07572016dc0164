// The excerpt a search result shows: a window of the post's text around the first place a term appears,
// the terms marked. Built from posts.search_text (plain text) so both databases show the same excerpt, and
// escaped here since the result is HTML.
import { escapeHtml } from '../content/escape.js';

const WINDOW = 260;

function termPattern(terms: string[]): RegExp | null {
  if (terms.length === 0) return null;
  const alternatives = [...terms].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // A term matches at the start of a word (the index matches prefixes), so "fox" marks "Foxes" but not "outfox".
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})[\\p{L}\\p{N}]*`, 'giu');
}

/** Whether a word of the text starts with one of the terms (as the index matched it). */
export function hasTerm(text: string, terms: string[]): boolean {
  const pattern = termPattern(terms);
  return pattern !== null && pattern.test(text.normalize('NFKC'));
}

/** HTML: the text around the first match, terms in <mark>, with ellipses where it was cut. */
export function searchExcerpt(text: string, terms: string[]): string {
  const pattern = termPattern(terms);
  const normalised = text.normalize('NFKC');
  const first = pattern ? normalised.search(pattern) : -1;
  let start = first < 0 ? 0 : Math.max(0, first - Math.floor(WINDOW / 3));
  if (start > 0) {
    const space = normalised.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(normalised.length, start + WINDOW);
  if (end < normalised.length) {
    const space = normalised.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  const window = normalised.slice(start, end);
  const marked = pattern ? markAll(window, pattern) : escapeHtml(window);
  return `${start > 0 ? '… ' : ''}${marked}${end < normalised.length ? ' …' : ''}`;
}

function markAll(text: string, pattern: RegExp): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    out += escapeHtml(text.slice(at, m.index)) + `<mark>${escapeHtml(m[0])}</mark>`;
    at = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(at));
}
