// Moderation panel niceties; everything works without this file. "Select all" toggles the row checkboxes,
// and shift-click on a checkbox selects the whole range from the previous click, as in WordPress.
(function () {
  var form = document.getElementById('moderation-form');
  if (!form) return;
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="ids"]'));
  var all = document.getElementById('select-all');
  if (all) {
    all.hidden = false;
    all.addEventListener('change', function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
    });
  }
  var last = null;
  boxes.forEach(function (box) {
    box.addEventListener('click', function (event) {
      if (event.shiftKey && last !== null) {
        var from = Math.min(last, boxes.indexOf(box));
        var to = Math.max(last, boxes.indexOf(box));
        for (var i = from; i <= to; i++) boxes[i].checked = box.checked;
      }
      last = boxes.indexOf(box);
    });
  });
})();
