// Tools → Import: follows the running import's job by polling its JSON status, moving the progress bar, and
// reloads the page for the report once it is finished, and again once the attachments fetched from the old
// site are all in (or failed). Without a script the page refreshes itself instead.
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
        var fetching = run.fetches && run.fetches.counts.pending > 0;
        var finished = run.state === 'done' || run.state === 'failed' || run.state === 'cancelled';
        if (finished && (!fetching || !document.getElementById('report'))) return window.location.reload();
        var counts = document.querySelector('[data-fetch-counts]');
        if (counts && run.fetches) counts.textContent = run.fetches.counts.fetched + ' fetched, ' + run.fetches.counts.pending + ' waiting, ' + run.fetches.counts.failed + ' failed.';
        if (finished) return setTimeout(poll, 2000);
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
