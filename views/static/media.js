// Uploads for the Media screen and the post editor (issue 14 point 1): drop files or pick them, each file is
// sent on its own XMLHttpRequest so it gets its own progress bar (upload.onprogress); the answer is JSON.
// In the editor each finished upload offers "Insert into post" and "Set featured image"; in the editor's media
// library dialog (visual-editor.js, data-library) the dialog takes the upload instead: every finished upload is
// announced as a "backtalk:uploaded" event on its drop zone.
(function () {
  'use strict';

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function insertAtCursor(textarea, html) {
    var start = textarea.selectionStart || textarea.value.length;
    var end = textarea.selectionEnd || start;
    var before = textarea.value.slice(0, start);
    var piece = (before && !/\n$/.test(before) ? '\n' : '') + html + '\n';
    textarea.value = before + piece + textarea.value.slice(end);
    textarea.focus();
    textarea.selectionStart = textarea.selectionEnd = start + piece.length;
    // The visual editor (visual-editor.js) shows the textarea's content: tell it to read it again.
    document.dispatchEvent(new CustomEvent('backtalk:inserted'));
  }

  function setFeatured(item) {
    var input = document.getElementById('featured_media_id');
    var preview = document.getElementById('featured-preview');
    if (!input || !preview) return;
    input.value = item ? String(item.id) : '';
    preview.textContent = '';
    if (item) {
      preview.appendChild(el('img', { src: item.thumbnail, alt: item.alt || '', width: '150', height: '150' }));
      preview.appendChild(el('span', { class: 'media-name' }, item.title));
    } else {
      preview.appendChild(el('span', { class: 'muted' }, 'No featured image.'));
    }
    var remove = document.getElementById('featured-remove');
    if (remove) remove.hidden = !item;
  }

  function finished(zone, row, item) {
    row.classList.add('done');
    row.querySelector('progress').value = 100;
    var status = row.querySelector('.upload-status');
    status.textContent = 'Uploaded';
    if (item.kind === 'image') row.insertBefore(el('img', { src: item.thumbnail, alt: '', width: '60', height: '60', class: 'upload-thumb' }), row.firstChild);
    zone.dispatchEvent(new CustomEvent('backtalk:uploaded', { bubbles: true, detail: item }));
    if (zone.hasAttribute('data-library')) return;
    var actions = el('span', { class: 'upload-actions' });
    if (zone.hasAttribute('data-editor')) {
      var insert = el('button', { type: 'button', class: 'button' }, 'Insert into post');
      insert.addEventListener('click', function () { insertAtCursor(document.getElementById('content'), item.html); });
      actions.appendChild(insert);
      if (item.kind === 'image') {
        var feature = el('button', { type: 'button', class: 'button' }, 'Set featured image');
        feature.addEventListener('click', function () { setFeatured(item); });
        actions.appendChild(feature);
      }
    }
    actions.appendChild(el('a', { href: item.edit, target: zone.hasAttribute('data-editor') ? '_blank' : '_self' }, 'Edit details'));
    row.appendChild(actions);
  }

  function upload(zone, file) {
    var list = zone.querySelector('.upload-list');
    var row = el('li', { class: 'upload' });
    row.appendChild(el('span', { class: 'upload-name' }, file.name));
    var bar = el('progress', { max: '100', value: '0', 'aria-label': 'Uploading ' + file.name });
    row.appendChild(bar);
    row.appendChild(el('span', { class: 'upload-status' }, 'Waiting…'));
    list.appendChild(row);
    var status = row.querySelector('.upload-status');
    var data = new FormData();
    data.append('file', file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/admin/media');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-csrf-token', zone.getAttribute('data-csrf'));
    xhr.upload.onprogress = function (e) {
      if (!e.lengthComputable) return;
      bar.value = Math.round((e.loaded / e.total) * 100);
      status.textContent = bar.value < 100 ? bar.value + '%' : 'Processing…';
    };
    xhr.onload = function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (err) { body = null; }
      if (xhr.status === 201 && body) return finished(zone, row, body);
      row.classList.add('failed');
      status.textContent = (body && body.message) || 'The upload failed (' + xhr.status + ').';
    };
    xhr.onerror = function () {
      row.classList.add('failed');
      status.textContent = 'The upload was cut off (the file may be over the size limit, or the connection dropped).';
    };
    xhr.send(data);
  }

  function wire(zone) {
    var input = zone.querySelector('input[type=file]');
    var send = function (files) { Array.prototype.forEach.call(files, function (f) { upload(zone, f); }); };
    input.addEventListener('change', function () { send(input.files); input.value = ''; });
    zone.addEventListener('dragover', function (e) { e.preventDefault(); zone.classList.add('dragging'); });
    zone.addEventListener('dragleave', function () { zone.classList.remove('dragging'); });
    zone.addEventListener('drop', function (e) {
      e.preventDefault();
      zone.classList.remove('dragging');
      if (e.dataTransfer && e.dataTransfer.files.length) send(e.dataTransfer.files);
    });
    // The library's own form is only for browsers without script: here each file goes by XHR.
    if (zone.tagName === 'FORM') zone.addEventListener('submit', function (e) { e.preventDefault(); });
  }

  // The editor's media dialog sets the featured image through the same code as the upload box.
  window.backtalkMedia = { setFeatured: setFeatured };

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('[data-upload]'), wire);
    var remove = document.getElementById('featured-remove');
    if (remove) remove.addEventListener('click', function () { setFeatured(null); });
  });
})();
