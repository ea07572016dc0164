// A post's two source formats and the one step from what the author typed to the stored HTML. Markdown is
// rendered on save and always sanitised with the post allow-list (the source is kept for reopening); HTML
// typed without any block tag is plain text and gets wpautop's paragraphs and line breaks.
import { hasBlockTags, wpautop } from './autop.js';
import { markdownToHtml } from './markdown.js';
import { sanitizePostHtml } from './sanitize.js';

export const POST_FORMATS = ['html', 'markdown'] as const;
export type PostFormat = (typeof POST_FORMATS)[number];

/**
 * The HTML to store for `text` written in `format`. `trusted` is WordPress's unfiltered_html (an admin
 * editing an admin's post): their HTML is kept as written, but Markdown output is cleaned for everyone.
 */
export function renderPostContent(format: PostFormat, text: string, trusted: boolean): string {
  if (format === 'markdown') return sanitizePostHtml(markdownToHtml(text));
  const html = text.trim() !== '' && !hasBlockTags(text) ? wpautop(text) : text;
  return trusted ? html : sanitizePostHtml(html);
}
