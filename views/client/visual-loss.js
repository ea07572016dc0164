// What the visual editor would drop from a post's HTML (issue 15): Tiptap keeps only what its extensions know
// (visual-editor.js: StarterKit with headings 2-4, links, and images with srcset), so opening other HTML in it
// and saving would silently lose tables, figures, divs, frames, comments such as <!--more-->, and attributes.
// The editor then opens in the HTML view and says why, in one sentence built by describeLoss().

/** Elements the visual editor keeps, with the attributes it keeps on each. */
const KEEP = {
  p: [], h2: [], h3: [], h4: [], strong: [], b: [], em: [], i: [], u: [], s: [], del: [], strike: [], code: [], pre: [],
  blockquote: [], ul: [], ol: ['start', 'type'], li: [], br: [], hr: [],
  a: ['href', 'target', 'rel', 'title', 'class'],
  img: ['src', 'alt', 'title', 'width', 'height', 'srcset', 'sizes', 'loading'],
};
const TABLE = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup', 'col']);

/** The list of things lost, each as a short phrase ("<table>", "class attributes"), without repeats. */
export function whatVisualWouldLose(html) {
  const template = document.createElement('template');
  template.innerHTML = html;
  const lost = new Set();
  for (const node of template.content.childNodes) {
    // Text typed without block tags: its line breaks become paragraphs only when saved from the HTML view (wpautop).
    if (node.nodeType === Node.TEXT_NODE && /\S/.test(node.textContent) && /\n/.test(node.textContent.trim())) lost.add('line breaks typed without paragraph tags');
  }
  walk(template.content, lost);
  return [...lost];
}

function walk(parent, lost) {
  for (const node of parent.childNodes) {
    if (node.nodeType === Node.COMMENT_NODE) lost.add(/^more\b/.test(node.data.trim()) ? '<!--more--> tag' : 'HTML comments');
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const tag = node.tagName.toLowerCase();
    const keep = KEEP[tag];
    if (!keep) lost.add(TABLE.has(tag) ? '<table>' : `<${tag}>`);
    else {
      for (const attr of node.attributes) {
        const kept = keep.includes(attr.name) || (tag === 'code' && attr.name === 'class' && node.parentElement?.tagName === 'PRE');
        if (!kept) lost.add(attr.name.startsWith('data-') ? 'data- attributes' : `${attr.name} attributes`);
      }
      // An image is a block of its own in the visual editor: a link around it cannot stay.
      if (tag === 'img' && node.closest('a')) lost.add('links around images');
    }
    walk(tag === 'template' ? node.content : node, lost);
  }
}

/** One sentence for the note by the toolbar. */
export function describeLoss(lost) {
  const shown = lost.slice(0, 4);
  const more = lost.length > shown.length ? ' and more' : '';
  const list = shown.length > 1 && !more ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown.join(', ') + more;
  return `Opened in the HTML view because the visual editor would drop this post's ${list}.`;
}
