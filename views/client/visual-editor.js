// The visual editor (issue 15): Tiptap (ProseMirror, MIT) over the content textarea, which stays the form
// field, the no-JavaScript fallback and the source-HTML view. Bundled by `npm run build:editor` (esbuild)
// into views/static/visual-editor.js; no CDN. Markdown posts keep the plain textarea (writing.js).
// It opens in the visual view unless the post's HTML holds what Tiptap would drop (visual-loss.js); the
// Image button opens the media library dialog (media-dialog.js).
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { describeLoss, whatVisualWouldLose } from './visual-loss.js';
import { mediaDialog } from './media-dialog.js';

// The inserted <img> keeps its srcset, sizes and lazy loading (src/media/markup.ts makes them): Tiptap's
// image knows only src, alt, title, width and height, and would drop the rest on the first edit.
const ResponsiveImage = Image.extend({
  addAttributes() {
    return { ...this.parent?.(), srcset: { default: null }, sizes: { default: null }, loading: { default: null } };
  },
});

const textarea = document.getElementById('content');
const format = document.getElementById('format');
if (textarea && format) start();

function button(label, title, run, extra = {}) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'tool';
  b.textContent = label;
  b.title = title;
  b.setAttribute('aria-label', title);
  Object.assign(b.dataset, extra);
  // Keeps the caret and selection in the editor: a press on a tool must not move focus to the button,
  // or keys typed right after it are lost while the editor takes focus back.
  b.addEventListener('mousedown', (e) => e.preventDefault());
  b.addEventListener('click', run);
  return b;
}

function start() {
  const bar = document.createElement('div');
  bar.className = 'visual-toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Formatting');
  const surface = document.createElement('div');
  surface.className = 'visual-surface';
  textarea.before(bar);
  textarea.before(surface);

  const editor = new Editor({
    element: surface,
    extensions: [StarterKit.configure({ heading: { levels: [2, 3, 4] }, link: { openOnClick: false, HTMLAttributes: { target: null, rel: null } } }), ResponsiveImage],
    content: textarea.value,
    editorProps: { attributes: { class: 'visual-content', role: 'textbox', 'aria-multiline': 'true', 'aria-label': 'Content (visual editor)' } },
    onUpdate: () => { textarea.value = editor.getHTML(); },
  });

  const block = document.createElement('select');
  block.className = 'tool';
  block.setAttribute('aria-label', 'Paragraph or heading');
  for (const [value, label] of [['p', 'Paragraph'], ['2', 'Heading 2'], ['3', 'Heading 3'], ['4', 'Heading 4']]) block.add(new Option(label, value));
  block.addEventListener('change', () => {
    const chain = editor.chain().focus();
    (block.value === 'p' ? chain.setParagraph() : chain.toggleHeading({ level: Number(block.value) })).run();
  });
  const c = () => editor.chain().focus();
  const source = button('HTML', 'Show the HTML source', () => switchView(), { mode: 'source' });
  bar.append(
    block,
    button('B', 'Bold (Ctrl+B)', () => c().toggleBold().run()),
    button('I', 'Italic (Ctrl+I)', () => c().toggleItalic().run()),
    button('Link', 'Link (Ctrl+K)', () => askLink()),
    button('• List', 'Bulleted list (Ctrl+Shift+8)', () => c().toggleBulletList().run()),
    button('1. List', 'Numbered list (Ctrl+Shift+7)', () => c().toggleOrderedList().run()),
    button('“ ”', 'Quote (Ctrl+Shift+B)', () => c().toggleBlockquote().run()),
    button('</>', 'Code (Ctrl+E)', () => c().toggleCode().run()),
    button('Image', 'Image from the media library', () => askImage(), { image: '' }),
    source,
  );
  editor.on('selectionUpdate', () => {
    const level = [2, 3, 4].find((l) => editor.isActive('heading', { level: l }));
    block.value = level ? String(level) : 'p';
  });

  // Link: a small field that says whether the link will be notified, from the editor's link preview.
  const linkBox = document.createElement('div');
  linkBox.className = 'link-box';
  linkBox.hidden = true;
  linkBox.innerHTML = '<label for="link-url">Link address</label> <input id="link-url" type="url" placeholder="https://…"> <button type="button" class="button" data-apply>Apply</button> <button type="button" class="link-button" data-remove>Remove link</button> <p class="hint link-verdict" aria-live="polite"></p>';
  bar.after(linkBox);
  const linkInput = linkBox.querySelector('input');
  const verdict = linkBox.querySelector('.link-verdict');
  let verdictTimer;
  function askLink() {
    linkBox.hidden = false;
    linkInput.value = editor.getAttributes('link').href || '';
    linkInput.focus();
    checkLink();
  }
  function checkLink() {
    clearTimeout(verdictTimer);
    verdictTimer = setTimeout(() => {
      if (!/^https?:\/\//.test(linkInput.value)) { verdict.textContent = ''; return; }
      fetch('/admin/posts/link-verdict?url=' + encodeURIComponent(linkInput.value), { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then((r) => (r.ok ? r.json() : null)).then((j) => { verdict.textContent = j ? j.verdict : ''; }).catch(() => {});
    }, 300);
  }
  linkInput.addEventListener('input', checkLink);
  linkInput.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); applyLink(); } if (e.key === 'Escape') { linkBox.hidden = true; editor.commands.focus(); } });
  function applyLink() {
    const href = linkInput.value.trim();
    if (href) c().extendMarkRange('link').setLink({ href }).run();
    linkBox.hidden = true;
  }
  linkBox.querySelector('[data-apply]').addEventListener('click', applyLink);
  linkBox.querySelector('[data-remove]').addEventListener('click', () => { c().extendMarkRange('link').unsetLink().run(); linkBox.hidden = true; });
  surface.addEventListener('keydown', (e) => { if ((e.ctrlKey || e.metaKey) && e.key === 'k') { e.preventDefault(); askLink(); } });

  // Image: the media library dialog; without its markup (another page), an address and alt text as before.
  const dialogEl = document.getElementById('media-dialog');
  const library = dialogEl && typeof dialogEl.showModal === 'function' ? mediaDialog(dialogEl, { insert: (attrs) => c().setImage(attrs).run() }) : null;
  function askImage() {
    if (library) { library.open(() => editor.commands.focus()); return; }
    const src = window.prompt('Image address (copy it from the Media screen or an upload below):');
    if (!src) return;
    const alt = window.prompt('Describe the image for people who cannot see it (alt text):') || '';
    c().setImage({ src, alt }).run();
  }

  // The view: visual by default, the HTML view when the author chose it in this browser (only a press on the
  // switch is remembered) or when the visual editor would drop part of the post, saying why in the note.
  const VIEW_KEY = 'backtalk-editor-view';
  const note = document.createElement('p');
  note.className = 'hint editor-mode-note';
  note.id = 'editor-mode-note';
  note.setAttribute('role', 'status');
  note.hidden = true;
  bar.after(note);
  let mode = 'source';
  function switchView() {
    const next = mode === 'visual' ? 'source' : 'visual';
    if (next === 'visual') {
      const lost = whatVisualWouldLose(textarea.value);
      if (lost.length && !window.confirm(describeLoss(lost).replace('Opened in the HTML view because the', 'The') + ' Switch to the visual editor anyway?')) return;
    }
    localStorage.setItem(VIEW_KEY, next);
    // The reason given on opening no longer holds once the author chose a view.
    note.textContent = '';
    setMode(next);
  }
  function openingMode() {
    const lost = whatVisualWouldLose(textarea.value);
    if (lost.length) {
      note.textContent = describeLoss(lost);
      return 'source';
    }
    return localStorage.getItem(VIEW_KEY) === 'source' ? 'source' : 'visual';
  }
  function setMode(next) {
    if (next === 'visual') editor.commands.setContent(textarea.value, { emitUpdate: false });
    mode = next;
    const visual = mode === 'visual';
    surface.hidden = !visual;
    textarea.hidden = visual;
    note.hidden = visual || !note.textContent;
    if (visual) linkBox.hidden = true;
    for (const b of bar.querySelectorAll('.tool')) if (b !== source) b.disabled = !visual;
    source.textContent = visual ? 'HTML' : 'Visual';
    source.title = visual ? 'Show the HTML source' : 'Back to the visual editor';
    source.setAttribute('aria-label', source.title);
    source.setAttribute('aria-pressed', String(!visual));
  }
  function followFormat() {
    const markdown = format.value === 'markdown';
    bar.hidden = markdown;
    if (markdown) { surface.hidden = true; textarea.hidden = false; linkBox.hidden = true; note.hidden = true; }
    else setMode(mode);
  }
  format.addEventListener('change', followFormat);
  // Uploads inserted by media.js go into the textarea: the visual view picks them up.
  document.addEventListener('backtalk:inserted', () => { if (mode === 'visual') editor.commands.setContent(textarea.value, { emitUpdate: false }); });
  mode = openingMode();
  followFormat();
}
