// Readers' comment form helpers (no library): the "Reply" links move the form under the comment answered, as
// WordPress's comment-reply.js does (without JavaScript the links load ?replytocom=ID#respond instead), and
// the name, email and website the reader asked this browser to remember are filled in from their own cookie
// (comments/remember-me.ts explains why the server never does it).
(function () {
  'use strict';
  var respond = document.getElementById('respond');
  var form = document.getElementById('commentform');
  if (!respond || !form) return;
  var parentInput = document.getElementById('comment_parent');
  var title = document.getElementById('reply-title');
  var cancel = document.getElementById('cancel-comment-reply-link');
  var titleText = title && title.firstChild;
  var home = null;

  function setTitle(text) {
    if (titleText && titleText.nodeType === 3) titleText.nodeValue = text + ' ';
  }

  function moveBelow(link) {
    var below = document.getElementById(link.getAttribute('data-belowelement'));
    if (!below) return false;
    if (!home) {
      home = document.createElement('div');
      home.id = 'respond-home';
      home.hidden = true;
      respond.parentNode.insertBefore(home, respond);
    }
    below.parentNode.insertBefore(respond, below.nextSibling);
    parentInput.value = link.getAttribute('data-commentid');
    setTitle(link.getAttribute('data-replyto'));
    cancel.parentNode.hidden = false;
    respond.classList.add('is-reply');
    var text = document.getElementById('comment-content');
    if (text) text.focus();
    return true;
  }

  function moveHome() {
    if (home) home.parentNode.insertBefore(respond, home);
    parentInput.value = '';
    setTitle('Leave a comment');
    cancel.parentNode.hidden = true;
    respond.classList.remove('is-reply');
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('.comment-reply-link');
    if (link && moveBelow(link)) event.preventDefault();
  });
  cancel.addEventListener('click', function (event) {
    // Replying after a no-JavaScript ?replytocom load: the link goes back to the plain page, which is fine.
    if (!home) return;
    event.preventDefault();
    moveHome();
  });

  var match = document.cookie.match(/(?:^|;\s*)bt_commenter=([^;]*)/);
  if (!match) return;
  var saved;
  try {
    saved = JSON.parse(decodeURIComponent(match[1]));
  } catch (e) {
    return;
  }
  [['comment-author', 'author'], ['comment-email', 'email'], ['comment-url', 'url']].forEach(function (pair) {
    var input = document.getElementById(pair[0]);
    if (input && !input.value && typeof saved[pair[1]] === 'string') input.value = saved[pair[1]];
  });
  var consent = document.getElementById('wp-comment-cookies-consent');
  if (consent) consent.checked = true;
})();
