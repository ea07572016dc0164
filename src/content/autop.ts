// Paragraphs and line breaks for text typed without block tags, step for step as WordPress's wpautop()
// (wp-includes/formatting.php): a blank line starts a paragraph, a single newline becomes <br />, block
// elements are left unwrapped and <pre> is never touched. Our own code, checked against WordPress's tests.

const BLOCKS = '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)';

const blockOpen = new RegExp(`(<${BLOCKS}[\\s/>])`, 'g');
const blockClose = new RegExp(`(</${BLOCKS}>)`, 'g');
const pWrappedBlock = new RegExp(`<p>\\s*(</?${BLOCKS}[^>]*>)\\s*</p>`, 'g');
const pBeforeBlock = new RegExp(`<p>\\s*(</?${BLOCKS}[^>]*>)`, 'g');
const pAfterBlock = new RegExp(`(</?${BLOCKS}[^>]*>)\\s*</p>`, 'g');
const brAfterBlock = new RegExp(`(</?${BLOCKS}[^>]*>)\\s*<br />`, 'g');
const anyBlockTag = new RegExp(`<${BLOCKS}[\\s/>]`, 'i');

/** Whether the text holds any block-level tag: with none, it is plain text that needs wpautop. */
export function hasBlockTags(text: string): boolean {
  return anyBlockTag.test(text);
}

/** WordPress's wp_html_split: tags and comments are the odd items, text between them the even ones. */
const HTML_SPLIT = /(<(?:(?=!--)!(?:-(?!->)[^-]*)*(?:-->)?|[^>]*>?))/;

/** Newlines inside tags (attributes spread over lines) must not become paragraphs: wp_replace_in_html_tags. */
function markNewlinesInTags(text: string): string {
  const parts = text.split(HTML_SPLIT);
  for (let i = 1; i < parts.length; i += 2) parts[i] = parts[i]!.replaceAll('\n', ' <!-- wpnl --> ');
  return parts.join('');
}

/** <pre> blocks come out before the work and go back after it, untouched. */
function holdPreBlocks(text: string): { text: string; held: Map<string, string> } {
  const held = new Map<string, string>();
  if (!text.includes('<pre')) return { text, held };
  const parts = text.split('</pre>');
  const last = parts.pop() ?? '';
  let out = '';
  parts.forEach((part, i) => {
    const start = part.indexOf('<pre');
    if (start === -1) {
      out += part;
      return;
    }
    const name = `<pre wp-pre-tag-${i}></pre>`;
    held.set(name, part.slice(start) + '</pre>');
    out += part.slice(0, start) + name;
  });
  return { text: out + last, held };
}

export function wpautop(input: string, br = true): string {
  if (input.trim() === '') return '';
  const pre = holdPreBlocks(input + '\n');
  let t = pre.text;
  t = t.replace(/<br\s*\/?>\s*<br\s*\/?>/g, '\n\n');
  t = t.replace(blockOpen, '\n\n$1');
  t = t.replace(blockClose, '$1\n\n');
  t = t.replace(/(<hr\s*?\/?>)/g, '$1\n\n');
  t = t.replace(/\r\n|\r/g, '\n');
  t = markNewlinesInTags(t);
  if (t.includes('<option')) t = t.replace(/\s*<option/g, '<option').replace(/<\/option>\s*/g, '</option>');
  if (t.includes('</object>')) {
    t = t.replace(/(<object[^>]*>)\s*/g, '$1').replace(/\s*<\/object>/g, '</object>');
    t = t.replace(/\s*(<\/?(?:param|embed)[^>]*>)\s*/g, '$1');
  }
  if (t.includes('<source') || t.includes('<track')) {
    t = t.replace(/([<[](?:audio|video)[^>\]]*[>\]])\s*/g, '$1').replace(/\s*([<[]\/(?:audio|video)[>\]])/g, '$1');
    t = t.replace(/\s*(<(?:source|track)[^>]*>)\s*/g, '$1');
  }
  if (t.includes('<figcaption')) t = t.replace(/\s*(<figcaption[^>]*>)/g, '$1').replace(/<\/figcaption>\s*/g, '</figcaption>');
  t = t.replace(/\n\n+/g, '\n\n');
  const paragraphs = t.split(/\n\s*\n/).filter((s) => s !== '');
  t = paragraphs.map((p) => `<p>${p.replace(/^\n+|\n+$/g, '')}</p>\n`).join('');
  t = t.replace(/<p>\s*<\/p>/g, '');
  t = t.replace(/<p>([^<]+)<\/(div|address|form)>/g, '<p>$1</p></$2>');
  t = t.replace(pWrappedBlock, '$1');
  t = t.replace(/<p>(<li.+?)<\/p>/g, '$1');
  t = t.replace(/<p><blockquote([^>]*)>/gi, '<blockquote$1><p>').replaceAll('</blockquote></p>', '</p></blockquote>');
  t = t.replace(pBeforeBlock, '$1');
  t = t.replace(pAfterBlock, '$1');
  if (br) {
    // Newlines inside script, style and svg stay newlines.
    t = t.replace(/<(script|style|svg)[\s\S]*?<\/\1>/g, (m) => m.replaceAll('\n', '<WPPreserveNewline />'));
    t = t.replaceAll('<br>', '<br />').replaceAll('<br/>', '<br />');
    t = t.replace(/(?<!<br \/>)\s*\n/g, '<br />\n');
    t = t.replaceAll('<WPPreserveNewline />', '\n');
  }
  t = t.replace(brAfterBlock, '$1');
  t = t.replace(/<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)/g, '$1');
  t = t.replace(/\n<\/p>(?=\n?$)/, '</p>'); // PHP's $ also matches before a final newline
  for (const [name, block] of pre.held) t = t.replace(name, () => block);
  if (t.includes('<!-- wpnl -->')) t = t.replaceAll(' <!-- wpnl --> ', '\n').replaceAll('<!-- wpnl -->', '\n');
  return t;
}
