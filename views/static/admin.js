// Admin niceties that need a script (the pages work without it): ask before a permanent deletion.
document.addEventListener('submit', function (event) {
  var button = event.submitter || (event.target && event.target.querySelector('[data-confirm]'));
  var message = button && button.getAttribute && button.getAttribute('data-confirm');
  if (message && !window.confirm(message)) event.preventDefault();
});
