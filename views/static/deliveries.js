// Loads a post's delivery log into its edit screen and polls it every few seconds while anything is
// still queued, sending or waiting to retry. Without JavaScript the "View delivery log" link is there.
(function () {
  'use strict';
  var POLL_MS = 4000;
  function load(box) {
    var src = box.getAttribute('data-deliveries-src');
    if (!src) return;
    fetch(src, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (res) { return res.ok ? res.text() : Promise.reject(new Error(String(res.status))); })
      .then(function (html) {
        box.innerHTML = html;
        var frag = box.querySelector('[data-pending]');
        if (frag && frag.getAttribute('data-pending') === 'true') setTimeout(function () { load(box); }, POLL_MS);
      })
      .catch(function () { /* the plain link stays usable */ });
  }
  function start() {
    var boxes = document.querySelectorAll('[data-deliveries-src]');
    for (var i = 0; i < boxes.length; i++) load(boxes[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
