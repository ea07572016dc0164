// Pure text helpers: everything another site sends is kept as plain text, cut to sane lengths without
// splitting a character (TrackBack §2.2 sets no limits; WordPress cuts to 250/252, Movable Type to 255).
import * as cheerio from 'cheerio';

/** Collapses whitespace runs and trims. Control characters (NUL included, as MT does) become spaces. */
export function squish(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
}

export { truncateText } from '../../content/sanitize.js';

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
