// WordPress post content as the HTML Backtalk stores (issue 17 point 1, "content that is not plain HTML").
// Pure. What WordPress does when it shows a post, done once at import:
// - block-editor delimiters (<!-- wp:name {attrs} -->, <!-- /wp:name -->, <!-- wp:name /-->) are dropped and
//   the HTML they wrap is kept (do_blocks renders static blocks as that HTML; dynamic ones, which wrap
//   nothing, leave nothing);
// - content without blocks (the classic editor) gets wpautop's paragraphs, as the_content gives it (WordPress
//   skips wpautop for block content: has_blocks());
// - [caption] becomes <figure class="wp-caption align…"> with its <figcaption> (img_caption_shortcode, HTML5);
// - [gallery ids="…"] becomes a list of the images, addressed through attachmentUrl(wpId) (gallery_shortcode);
// - any other shortcode, and [[escaped]] ones, stay as the text they are.
import { escapeHtml } from '../content/escape.js';
import { wpautop } from '../content/autop.js';

// Block names are "name" or "namespace/name"; attributes are JSON in which WordPress escapes "--", so the
// first "-->" ends the delimiter (serialize_block_attributes).
const BLOCK_DELIMITER = /<!--\s*\/?wp:[a-z][a-z0-9_/-]*(?:\s[\s\S]*?)?\/?-->[ \t]*(?:\r?\n)?/g;
const HAS_BLOCKS = /<!--\s+wp:/;

export function fromWordPressMarkup(html: string, attachmentUrl: (wpId: number) => string | undefined): string {
  const blocks = HAS_BLOCKS.test(html);
  let out = blocks ? dropBlockDelimiters(html) : html;
  out = replaceShortcodes(out, attachmentUrl);
  if (!blocks && out.trim() !== '') out = wpautop(out).trim();
  return out;
}

/** Each delimiter goes with the line break after it, so the wrapped HTML keeps its own lines and no more. */
function dropBlockDelimiters(html: string): string {
  return html
    .replace(BLOCK_DELIMITER, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Shortcode attributes as WordPress's shortcode_parse_atts reads them: name="v", name='v', name=v. */
export function shortcodeAttributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const pattern = /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"\]]+)/g;
  for (const m of text.matchAll(pattern)) {
    const name = (m[1] ?? m[3] ?? m[5])!.toLowerCase();
    attrs[name] = m[2] ?? m[4] ?? m[6] ?? '';
  }
  return attrs;
}

const CAPTION = /(\[?)\[caption(\s[^\]]*)?\]([\s\S]*?)\[\/caption\](\]?)/g;
const GALLERY = /(\[?)\[gallery(\s[^\]]*)?\](\]?)/g;

function replaceShortcodes(html: string, attachmentUrl: (wpId: number) => string | undefined): string {
  return html
    .replace(CAPTION, (whole, open: string, attrText: string | undefined, inner: string, close: string) => {
      if (open === '[' && close === ']') return whole.slice(1, -1);
      return open + caption(shortcodeAttributes(attrText ?? ''), inner) + close;
    })
    .replace(GALLERY, (whole, open: string, attrText: string | undefined, close: string) => {
      if (open === '[' && close === ']') return whole.slice(1, -1);
      const list = gallery(shortcodeAttributes(attrText ?? ''), attachmentUrl);
      return list === null ? whole : open + list + close;
    });
}

/** The image (with its link, if any) and the words after it; the older caption="…" attribute wins when given. */
function caption(attrs: Record<string, string>, inner: string): string {
  const media = /^\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(inner);
  const image = media ? media[1]! : '';
  const words = (attrs.caption ?? (media ? media[2]! : inner)).trim();
  const align = /^align(?:left|right|center|none)$/.test(attrs.align ?? '') ? attrs.align! : 'alignnone';
  const id = /^attachment_\d+$/.test(attrs.id ?? '') ? ` id="${attrs.id}"` : '';
  const figcaption = words ? `<figcaption class="wp-caption-text">${words}</figcaption>` : '';
  return `<figure${id} class="wp-caption ${align}">${image}${figcaption}</figure>`;
}

/** null when nothing in it can be shown (no ids, or none known): the shortcode then stays as text. */
function gallery(attrs: Record<string, string>, attachmentUrl: (wpId: number) => string | undefined): string | null {
  const ids = (attrs.ids ?? attrs.include ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^\d+$/.test(s))
    .map(Number);
  const items = ids.flatMap((id) => {
    const url = attachmentUrl(id);
    return url ? [`<li class="gallery-item"><img src="${escapeHtml(url)}" alt="" loading="lazy"></li>`] : [];
  });
  if (items.length === 0) return null;
  const columns = /^\d+$/.test(attrs.columns ?? '') ? Number(attrs.columns) : 3;
  return `<ul class="wp-gallery gallery-columns-${columns}">${items.join('')}</ul>`;
}
