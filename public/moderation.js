// Moderation panel niceties; everything works without this file. "Select all" toggles the row checkboxes.
(function () {
  var all = document.getElementById('select-all');
  var form = document.getElementById('moderation-form');
  if (!all || !form) return;
  all.hidden = false;
  all.addEventListener('change', function () {
    form.querySelectorAll('input[name="ids"]').forEach(function (box) { box.checked = all.checked; });
  });
})();
