// The media library dialog behind the visual editor's Image button (issue 15 point 1). The markup is served
// with the editor page (views/admin/partials/media-dialog.eta) in a closed <dialog>, so it shows only with
// script; pages of images come from GET /admin/media/library (src/media/library-routes.ts). showModal()
// makes the rest of the page inert; Tab and Shift+Tab also wrap inside the dialog, Escape closes it, and
// focus goes back to where it was. Uploads inside it go through media.js (one request and progress bar each).

const FOCUSABLE = 'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

export function mediaDialog(dialog, { insert }) {
  const $ = (sel) => dialog.querySelector(sel);
  const grid = $('[data-grid]');
  const status = $('#media-dialog-status');
  const search = $('#media-dialog-s');
  const mine = $('#media-dialog-mine');
  const details = $('[data-details]');
  const alt = $('#media-dialog-alt');
  const size = $('#media-dialog-size');
  const featured = $('#media-dialog-featured');
  const older = $('[data-older]');
  const newer = $('[data-newer]');
  const items = new Map();
  let chosen = null;
  let cursors = { older: null, newer: null };
  let asked = 0;
  let returnFocus = null;

  function load(page = {}) {
    const params = new URLSearchParams();
    if (search.value.trim()) params.set('s', search.value.trim());
    if (mine.checked) params.set('mine', '1');
    if (page.before) params.set('before', String(page.before));
    if (page.after) params.set('after', String(page.after));
    const mine_ = ++asked;
    status.textContent = 'Loading images…';
    return fetch('/admin/media/library?' + params, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then((res) => res.json().catch(() => ({})).then((json) => {
        if (!res.ok) throw new Error(json.message || 'The server answered ' + res.status + '.');
        return json;
      }))
      .then((json) => { if (mine_ === asked) show(json); }, (err) => { if (mine_ === asked) status.textContent = 'The library could not be loaded: ' + err.message; });
  }

  function show(json) {
    items.clear();
    grid.textContent = '';
    for (const item of json.items) {
      items.set(item.id, item);
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'media-dialog-item';
      b.dataset.id = String(item.id);
      b.setAttribute('aria-pressed', String(chosen?.id === item.id));
      const img = document.createElement('img');
      img.src = item.thumbnail;
      img.alt = '';
      img.width = 150;
      img.height = 150;
      img.loading = 'lazy';
      const name = document.createElement('span');
      name.className = 'media-name';
      name.textContent = item.title;
      b.append(img, name);
      b.addEventListener('click', () => choose(item));
      li.append(b);
      grid.append(li);
    }
    cursors = { older: json.older, newer: json.newer };
    older.hidden = !json.older;
    newer.hidden = !json.newer;
    const q = search.value.trim();
    status.textContent = json.items.length ? `${json.items.length} image${json.items.length === 1 ? '' : 's'} shown. Choose one to insert.`
      : q ? `No images match “${q}”.` : 'No images yet: upload one above.';
  }

  function choose(item) {
    chosen = item;
    for (const b of grid.querySelectorAll('.media-dialog-item')) b.setAttribute('aria-pressed', String(b.dataset.id === String(item.id)));
    details.hidden = false;
    const preview = document.createElement('img');
    preview.src = item.thumbnail;
    preview.alt = '';
    preview.width = 150;
    preview.height = 150;
    $('[data-preview]').replaceChildren(preview);
    $('[data-name]').textContent = item.title;
    alt.value = item.alt;
    size.textContent = '';
    for (const s of item.sizes) size.add(new Option(s.label, s.name));
    size.hidden = item.sizes.length === 0;
    size.previousElementSibling.hidden = size.hidden;
    // WordPress inserts the medium size by default; a picture smaller than it has only its full size.
    const medium = item.sizes.find((s) => s.name === 'medium');
    if (medium) size.value = 'medium';
    featured.checked = false;
    alt.focus();
    details.scrollIntoView({ block: 'nearest' });
  }

  function doInsert() {
    if (!chosen) return;
    const s = chosen.sizes.find((x) => x.name === size.value);
    const attrs = s
      ? { src: s.url, alt: alt.value.trim(), width: s.width, height: s.height, srcset: chosen.srcset || null, sizes: chosen.srcset ? s.sizes : null, loading: 'lazy' }
      : { src: chosen.url, alt: alt.value.trim(), loading: 'lazy' };
    if (featured.checked && window.backtalkMedia) window.backtalkMedia.setFeatured({ id: chosen.id, thumbnail: chosen.thumbnail, alt: alt.value.trim(), title: chosen.title });
    returnFocus = null;
    dialog.close();
    insert(attrs);
  }

  // Tab from the last control goes to the first, Shift+Tab from the first to the last.
  dialog.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab') return;
    const all = [...dialog.querySelectorAll(FOCUSABLE)].filter((el) => !el.disabled && el.getClientRects().length > 0 && !el.closest('[hidden]'));
    if (!all.length) return;
    const first = all[0];
    const last = all[all.length - 1];
    if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
  });
  dialog.addEventListener('close', () => { if (returnFocus) returnFocus(); });
  for (const b of dialog.querySelectorAll('[data-close]')) b.addEventListener('click', () => dialog.close());
  // A click on the backdrop (outside the dialog's box) closes it, as on WordPress's modal.
  dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close(); });
  $('[data-search]').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  mine.addEventListener('change', () => load());
  older.addEventListener('click', () => load({ before: cursors.older }));
  newer.addEventListener('click', () => load({ after: cursors.newer }));
  $('[data-insert]').addEventListener('click', doInsert);
  // An upload finished inside the dialog: show the newest page and choose it.
  dialog.addEventListener('backtalk:uploaded', (e) => {
    const id = e.detail.id;
    search.value = '';
    mine.checked = false;
    load().then(() => { const item = items.get(id); if (item) choose(item); });
  });

  return {
    open(onClose) {
      returnFocus = onClose;
      dialog.showModal();
      search.focus();
      load();
    },
  };
}
