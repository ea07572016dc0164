// The editor's safety net and helpers (issue 15), on top of a form that works without JavaScript:
// - autosave: every few seconds, when the title, content, excerpt or format changed since the last copy,
//   POST them to /admin/posts/autosave (the user's autosave copy, never the post itself);
// - a warning before leaving the page with changes not saved (beforeunload), none after submitting;
// - Markdown: a live preview rendered by the server with the same code and allow-list as saving;
// - the Publish button says "Publish now" or "Schedule for …" after the date field.
(function () {
  'use strict';
  var AUTOSAVE_EVERY_MS = 3000;
  var PREVIEW_DELAY_MS = 400;

  var area = document.querySelector('[data-writing]');
  if (!area) return;
  var form = area.closest('form');
  var csrf = area.getAttribute('data-csrf');
  var postId = area.getAttribute('data-post-id');
  var content = document.getElementById('content');
  var format = document.getElementById('format');
  var status = document.getElementById('autosave-status');
  var preview = document.getElementById('markdown-preview');

  function field(name) {
    var el = form.elements.namedItem(name);
    return el && 'value' in el ? el.value : '';
  }
  function writing() {
    return { post_id: postId === '0' ? '' : postId, title: field('title'), content: content.value, excerpt: field('excerpt'), format: format.value };
  }
  function snapshot() {
    var w = writing();
    return JSON.stringify([w.title, w.content, w.excerpt, w.format]);
  }
  function post(url, fields) {
    var body = new URLSearchParams(fields);
    body.set('_csrf', csrf);
    return fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrf }, body: body }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) {
        if (!res.ok) throw new Error(json.error || 'The server answered ' + res.status + '.');
        return json;
      });
    });
  }

  // What the page was opened with: leaving is safe while nothing differs from it (or after a submit).
  var opened = new URLSearchParams(new FormData(form)).toString();
  var lastAutosaved = snapshot();
  var submitting = false;
  var inFlight = false;

  function autosave() {
    var now = snapshot();
    if (inFlight || now === lastAutosaved || submitting) return;
    inFlight = true;
    post('/admin/posts/autosave', writing()).then(function (json) {
      lastAutosaved = now;
      status.textContent = json.message || 'Autosaved.';
      status.classList.remove('failed');
    }, function (err) {
      status.textContent = 'Autosave failed: ' + err.message + ' Your text is still here; save the post to keep it.';
      status.classList.add('failed');
    }).then(function () { inFlight = false; });
  }
  setInterval(autosave, AUTOSAVE_EVERY_MS);

  form.addEventListener('submit', function (event) {
    // Preview opens another tab: this page stays open with its changes.
    var target = event.submitter && event.submitter.getAttribute('formtarget');
    if (!target) submitting = true;
  });
  window.addEventListener('beforeunload', function (event) {
    if (submitting || new URLSearchParams(new FormData(form)).toString() === opened) return;
    event.preventDefault();
    event.returnValue = '';
  });

  // Markdown: the textarea stays the editor; the preview sits beside it (below on a phone).
  var previewTimer = null;
  var previewAsked = 0;
  function renderPreview() {
    var asked = ++previewAsked;
    post('/admin/posts/render', { format: 'markdown', content: content.value }).then(function (json) {
      if (asked === previewAsked) preview.innerHTML = json.html;
    }, function (err) {
      if (asked === previewAsked) preview.textContent = 'Preview unavailable: ' + err.message;
    });
  }
  function showFormat() {
    var markdown = format.value === 'markdown';
    area.classList.toggle('is-markdown', markdown);
    preview.hidden = !markdown;
    document.dispatchEvent(new CustomEvent('backtalk:format', { detail: { format: format.value } }));
    if (markdown) renderPreview();
  }
  format.addEventListener('change', showFormat);
  content.addEventListener('input', function () {
    if (format.value !== 'markdown') return;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(renderPreview, PREVIEW_DELAY_MS);
  });
  showFormat();

  // "Publish now" or "Schedule for 1 December 2026 09:00" after the date field, as WordPress's button.
  var publish = document.querySelector('[data-publish-label]');
  var date = document.getElementById('date');
  function label() {
    if (!publish || !date) return;
    var when = date.value ? new Date(date.value) : null;
    var future = when && !isNaN(when.getTime()) && when.getTime() > Date.now();
    publish.textContent = future ? 'Schedule for ' + date.value.replace('T', ' ') : 'Publish now';
    publish.value = future ? 'schedule' : 'publish';
  }
  if (date) date.addEventListener('input', label);
  label();
})();
