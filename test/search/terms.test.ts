// What a reader types becomes plain words before it meets FTS5 or to_tsquery; excerpts mark those words.
import { describe, expect, it } from 'vitest';
import { cleanSearchText, fts5Query, MAX_SEARCH_CHARS, MAX_TERMS, searchTerms, tsQuery } from '../../src/search/terms.js';
import { searchExcerpt } from '../../src/search/excerpt.js';

describe('search terms', () => {
  it('keeps runs of letters and digits only, lower-cased, once each', () => {
    expect(searchTerms('  Fox  "NEAR(dog)" -cat* fox ')).toEqual(['fox', 'near', 'dog', 'cat']);
    expect(searchTerms("don't (stop) title:x ^y a:* & !b | c")).toEqual(['don', 't', 'stop', 'title', 'x', 'y', 'a', 'b', 'c'].slice(0, MAX_TERMS));
    expect(searchTerms('"*-()')).toEqual([]);
    expect(searchTerms('Café 東京 2026')).toEqual(['café', '東京', '2026']);
  });

  it('caps the text, the number of terms and their length', () => {
    expect(cleanSearchText('x'.repeat(5000))).toHaveLength(MAX_SEARCH_CHARS);
    // Cut by code point: a pair of surrogates is never split (encodeURIComponent would throw on the half).
    const emoji = cleanSearchText('x'.repeat(MAX_SEARCH_CHARS - 1) + '🦊🦊');
    expect(emoji.endsWith('🦊')).toBe(true);
    expect(() => encodeURIComponent(emoji)).not.toThrow();
    expect(() => encodeURIComponent(cleanSearchText('a\uD800b'))).not.toThrow();
    expect(searchTerms(Array.from({ length: 50 }, (_, i) => `w${i}`).join(' '))).toHaveLength(MAX_TERMS);
    expect(searchTerms('y'.repeat(150))[0]).toHaveLength(40);
  });

  it('quotes each term for FTS5 and ANDs them; one letter must match whole', () => {
    expect(fts5Query(['near', 'fox', 't'])).toBe('"near"* AND "fox"* AND "t"');
    expect(tsQuery(['near', 'fox', 't'])).toBe('near:* & fox:* & t');
  });
});

describe('search excerpt', () => {
  it('shows the text around the first match with the words marked and escaped', () => {
    const text = `${'Filler words here. '.repeat(30)}Then the <fox> & the Foxes ran.${' More after.'.repeat(30)}`;
    const html = searchExcerpt(text, ['fox']);
    expect(html.startsWith('… ')).toBe(true);
    expect(html.endsWith(' …')).toBe(true);
    expect(html).toContain('&lt;<mark>fox</mark>&gt; &amp; the <mark>Foxes</mark> ran.');
    expect(html).not.toContain('<fox>');
  });

  it('marks words that start with a term, not words that merely contain it', () => {
    expect(searchExcerpt('outfox the fox', ['fox'])).toBe('outfox the <mark>fox</mark>');
  });

  it('shows the start of the text when no word is found in it (a title match)', () => {
    expect(searchExcerpt('Short body.', ['zebra'])).toBe('Short body.');
  });
});
