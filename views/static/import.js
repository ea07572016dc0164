// Tools → Import: follows the running import's job by polling its JSON status, moving the progress bar, and
// reloads the page for the report once it is finished. Without a script the page refreshes itself instead.
(function () {
  var box = document.querySelector('[data-import-status]');
  if (!box || box.getAttribute('data-busy') !== '1') return;
  var bar = box.querySelector('[data-progress]');
  var phase = box.querySelector('[data-phase]');
  var count = box.querySelector('[data-count]');
  function poll() {
    fetch(box.getAttribute('data-import-status'), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (run) {
        if (!run) return setTimeout(poll, 3000);
        if (run.state === 'done' || run.state === 'failed') return window.location.reload();
        phase.textContent = run.phase || 'Waiting to start';
        if (run.total) {
          bar.max = run.total;
          bar.value = run.done;
          count.textContent = run.done + ' of ' + run.total;
        }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 500);
})();
