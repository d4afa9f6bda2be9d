// Ask before a step that cannot be taken back (publishing, removing, closing): a form or
// its submit button with data-confirm="…" submits only when the person agrees. A file
// rather than an inline handler, which the Content-Security-Policy refuses.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var button = event.submitter;
  var question = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
}, true);
