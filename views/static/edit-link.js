// "Edit" on a public post for whoever may edit it (issue 15). The page itself is the same cached bytes for
// everyone (src/http/page-cache.ts), so the link is asked for here, from an uncached admin answer that
// says 204 to readers and gives the editor's address to a signed-in user allowed to edit the post.
(function () {
  'use strict';
  var slot = document.querySelector('[data-edit-post]');
  if (!slot || !window.fetch) return;
  fetch('/admin/posts/edit-link?id=' + encodeURIComponent(slot.getAttribute('data-edit-post')), { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(function (res) { return res.status === 200 ? res.json() : null; })
    .then(function (json) {
      if (!json || !json.url) return;
      var a = document.createElement('a');
      a.href = json.url;
      a.textContent = 'Edit';
      a.className = 'post-edit-link';
      slot.appendChild(a);
      slot.hidden = false;
    })
    .catch(function () { /* a reader without the link loses nothing */ });
})();
