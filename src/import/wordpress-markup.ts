// WordPress content that is not plain HTML, turned into HTML on import (issue 17 point 1). This minimal
// version drops the block editor's comments (<!-- wp:… --> and <!-- /wp:… -->) around the HTML they wrap;
// the export branch's fuller version (which also turns [caption] and [gallery] into HTML and leaves unknown
// shortcodes as text) replaces this file at merge, with the same signature.

/** Block delimiters: `<!-- wp:name {json} -->`, `<!-- /wp:name -->` and self-closing `<!-- wp:name /-->`. */
const BLOCK_COMMENT = /<!--\s+\/?wp:[^]*?-->\n?/g;

export function fromWordPressMarkup(html: string, attachmentUrl: (wpId: number) => string | undefined): string {
  void attachmentUrl;
  return html.replace(BLOCK_COMMENT, '');
}
