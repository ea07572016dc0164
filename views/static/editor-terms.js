// Tag suggestions for the editor's tag field (issue 13): as the author types the tag after the last comma,
// existing tags starting with it are fetched (a bounded admin JSON endpoint) and offered through the field's
// <datalist>, each option being the whole field with that tag completed. Without JavaScript the field is
// a plain comma-separated text field.
(function () {
  'use strict';
  var input = document.getElementById('tags_input');
  var list = document.getElementById('tag-suggestions');
  if (!input || !list) return;
  var timer = null;
  var asked = '';

  function parts(value) {
    var i = value.lastIndexOf(',');
    return { head: i < 0 ? '' : value.slice(0, i + 1) + ' ', last: (i < 0 ? value : value.slice(i + 1)).trim() };
  }

  function fill(head, names) {
    list.textContent = '';
    var taken = head.split(',').map(function (s) { return s.trim().toLowerCase(); });
    names.forEach(function (name) {
      if (taken.indexOf(name.toLowerCase()) >= 0) return;
      var option = document.createElement('option');
      option.value = head.replace(/^\s+/, '') + name;
      list.appendChild(option);
    });
  }

  function ask() {
    var p = parts(input.value);
    if (!p.last || p.last === asked) return;
    asked = p.last;
    fetch(input.getAttribute('data-suggest') + '?q=' + encodeURIComponent(p.last), { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (res) { return res.ok ? res.json() : { tags: [] }; })
      .then(function (body) { if (parts(input.value).last === p.last) fill(p.head, body.tags || []); })
      .catch(function () { list.textContent = ''; });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
})();
