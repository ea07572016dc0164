// truncateText segments only a prefix bounded by max (issue 11); its answers must be exactly those of
// segmenting the whole text, including when clusters are longer than the prefix allows for.
import { describe, expect, it } from 'vitest';
import { truncateText } from '../../src/content/sanitize.js';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The obvious version: segment everything, then cut. */
function reference(text: string, max: number, ellipsis = '…'): string {
  const parts = Array.from(graphemes.segment(text), (g) => g.segment);
  if (parts.length <= max) return text;
  return parts.slice(0, Math.max(0, max - ellipsis.length)).join('').trimEnd() + ellipsis;
}

const pieces = ['a', 'é', 'e\u0301', '😀', '👍🏽', '🇫🇷', '👨‍👩‍👧‍👦', ' ', '中', 'z' + '\u0301'.repeat(12)];

describe('truncateText on a bounded prefix', () => {
  it('agrees with segmenting the whole text, for random mixes of short and long clusters', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const length = Math.floor(random() * 400);
      const text = Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const max = 1 + Math.floor(random() * 60);
      expect(truncateText(text, max), JSON.stringify({ text, max })).toBe(reference(text, max));
    }
  });

  it('reads past the prefix when every cluster is longer than it allows for', () => {
    const long = 'x' + '\u0301'.repeat(20);
    const text = long.repeat(30);
    expect(truncateText(text, 10)).toBe(reference(text, 10));
    expect(truncateText(text, 30)).toBe(text);
  });

  it('cuts a very long text to max characters', () => {
    const text = 'word '.repeat(200_000);
    const out = truncateText(text, 300);
    expect(Array.from(graphemes.segment(out)).length).toBe(300);
    expect(out.endsWith('…')).toBe(true);
  });
});
