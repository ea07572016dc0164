// Pure text helpers: everything another site sends is kept as plain text, cut to sane lengths without
// splitting a character (TrackBack §2.2 sets no limits; WordPress cuts to 250/252, Movable Type to 255).
import * as cheerio from 'cheerio';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Collapses whitespace runs and trims. Control characters (NUL included, as MT does) become spaces. */
export function squish(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** At most `max` user-perceived characters; a cut text ends with "…" (counted in max). */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const parts = Array.from(graphemes.segment(text), (s) => s.segment);
  if (parts.length <= max) return text;
  return parts.slice(0, Math.max(0, max - 1)).join('').trimEnd() + '…';
}

/**
 * A TrackBack field as plain text: senders put HTML and entities in excerpts (WordPress sends `&#8230;`),
 * so tags are dropped (script and style with their content) and entities decoded, then whitespace squished.
 */
export function fieldToText(value: string): string {
  if (!/[<&]/.test(value)) return squish(value);
  const $ = cheerio.load(`<div id="x">${value}</div>`, {}, false);
  $('script, style, noscript, template').remove();
  return squish($('#x').text());
}
