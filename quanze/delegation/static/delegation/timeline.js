// The township picker of an item's timeline: go to that township's page.
(function () {
  var form = document.getElementById("pick-township");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    location.href = form.dataset.url.replace("/0/", "/" + form.township.value + "/");
  });
})();
