// Markdown to HTML: CommonMark with GFM tables and strikethrough (markdown-it's defaults), raw HTML allowed
// because the result always goes through the post allow-list (formats.ts), as WordPress's Markdown plugins do.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt('commonmark', { html: true, linkify: false, typographer: false }).enable(['table', 'strikethrough']);

export function markdownToHtml(source: string): string {
  return md.render(source);
}
