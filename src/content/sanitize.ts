// HTML allow-lists. Authors' post HTML keeps ordinary formatting; readers' comments keep a smaller set and
// every link gets rel="nofollow ugc" (as WordPress's wp_rel_ugc). Admins' post HTML is not passed through
// here at all: like WordPress's unfiltered_html capability, it is trusted.
import sanitizeHtml from 'sanitize-html';

const safeSchemes = ['http', 'https', 'mailto'];

export function sanitizePostHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'em', 'strong', 'b', 'i', 'u', 's',
      'del', 'ins', 'sub', 'sup', 'small', 'mark', 'abbr', 'cite', 'q', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'img',
      'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'span', 'div',
      // Players for uploaded audio and video (issue 14): their src is held to the same schemes as links.
      'audio', 'video',
    ],
    allowedAttributes: {
      a: ['href', 'title', 'rel', 'hreflang'],
      img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'srcset', 'sizes'],
      audio: ['src', 'controls', 'preload'],
      video: ['src', 'controls', 'preload', 'width', 'height', 'poster'],
      abbr: ['title'],
      th: ['colspan', 'rowspan', 'scope'],
      td: ['colspan', 'rowspan'],
      ol: ['start', 'reversed'],
      '*': ['class', 'id'],
    },
    allowedSchemes: safeSchemes,
    allowProtocolRelative: false,
  });
}

export function sanitizeCommentHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ['p', 'br', 'em', 'strong', 'b', 'i', 'a', 'code', 'blockquote', 'q', 'del', 'ul', 'ol', 'li', 'pre'],
    allowedAttributes: { a: ['href', 'title', 'rel'] },
    allowedSchemes: safeSchemes,
    allowProtocolRelative: false,
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc' }) },
  });
}

/** Plain text from HTML, whitespace folded: for excerpts, feeds' summaries and TrackBack excerpts. */
export function htmlToText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The first `count` grapheme clusters of `text`; the segmenter is lazy, so it stops there. */
function firstGraphemes(text: string, count: number): string[] {
  const out: string[] = [];
  for (const g of graphemes.segment(text)) {
    out.push(g.segment);
    if (out.length >= count) break;
  }
  return out;
}

/**
 * Code units looked at per wanted character before falling back to the whole text: a cluster is rarely
 * longer than this (a flag is 4, a skin-toned emoji 4, a family 11 but rare).
 */
const UNITS_PER_CHARACTER = 4;

/**
 * At most `max` user-perceived characters (grapheme clusters, so neither a surrogate pair nor an accent or
 * emoji sequence is split); a cut text ends with the ellipsis, counted in `max`. Only a prefix bounded by
 * `max` is segmented (issue 11: the feed spent 77% of its time segmenting whole posts to keep 300
 * characters); clusters before the prefix's last are the same as in the whole text.
 */
export function truncateText(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  const bound = max * UNITS_PER_CHARACTER + 8;
  let parts = firstGraphemes(text.length > bound ? text.slice(0, bound) : text, max + 1);
  // The prefix held no more than max clusters but the text goes on: unusually long clusters, read on.
  if (parts.length <= max && text.length > bound) parts = firstGraphemes(text, max + 1);
  if (parts.length <= max) return text;
  return parts.slice(0, Math.max(0, max - ellipsis.length)).join('').trimEnd() + ellipsis;
}
