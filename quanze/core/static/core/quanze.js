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

// A download that takes seconds to make (a PDF drawn on request): a link with
// data-busy="正在生成 PDF" fetches the file itself and says so, with the seconds waited,
// until the file arrives; then saves it under the name the server gives.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-busy]");
  if (!link || !window.fetch || link.getAttribute("aria-busy") === "true") {
    return;
  }
  event.preventDefault();
  var status = link.nextElementSibling;
  if (!status || !status.classList.contains("busy-status")) {
    status = document.createElement("span");
    status.className = "busy-status muted";
    status.setAttribute("role", "status");
    link.insertAdjacentElement("afterend", status);
  }
  var started = Date.now();
  var say = function () {
    var seconds = Math.round((Date.now() - started) / 1000);
    status.textContent = link.getAttribute("data-busy") + "…已用 " + seconds + " 秒";
  };
  say();
  var timer = window.setInterval(say, 1000);
  link.setAttribute("aria-busy", "true");
  var done = function (text) {
    window.clearInterval(timer);
    link.removeAttribute("aria-busy");
    status.textContent = text;
  };
  fetch(link.href, {credentials: "same-origin"}).then(function (response) {
    if (!response.ok) {
      throw new Error(response.status);
    }
    var header = response.headers.get("Content-Disposition") || "";
    var match = /filename\*=UTF-8''([^;]+)/.exec(header);
    var name = match ? decodeURIComponent(match[1]) : "";
    return response.blob().then(function (blob) {
      var url = URL.createObjectURL(blob);
      var save = document.createElement("a");
      save.href = url;
      save.download = name;
      document.body.appendChild(save);
      save.click();
      save.remove();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      done("已生成:" + name);
    });
  }).catch(function () {
    done("生成失败,请稍后重试");
  });
});

// Print (打印本页): buttons with data-print are hidden until this script shows them, so a
// page without script has no dead button; the print stylesheet (quanze.css) lays it out.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // A check-all box (data-check-all="name") ticks every enabled box of that name.
  document.querySelectorAll("[data-check-all]").forEach(function (all) {
    var name = all.getAttribute("data-check-all");
    all.hidden = false;
    all.addEventListener("change", function () {
      document.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (box) {
        if (!box.disabled) { box.checked = all.checked; }
      });
    });
  });
  // A filterable picker: <input data-filter-for="select-id"> narrows the select's options to
  // those containing every typed word; the chosen option stays. Without script it is a select.
  document.querySelectorAll("[data-filter-for]").forEach(function (box) {
    var select = document.getElementById(box.getAttribute("data-filter-for"));
    if (!select) { return; }
    var wrapper = box.closest("[hidden]");
    if (wrapper) { wrapper.hidden = false; }
    var status = document.getElementById(box.getAttribute("aria-describedby"));
    box.addEventListener("input", function () {
      var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(select.options, function (option) {
        var text = (option.text + " " + (option.getAttribute("data-search") || "")).toLowerCase();
        var hit = words.every(function (w) { return text.indexOf(w) >= 0; });
        var match = !option.value || option.selected || hit;  // the chosen one stays
        option.hidden = !match;
        option.disabled = !match;
        if (hit && option.value) { shown += 1; }
      });
      if (status) { status.textContent = words.length ? "找到 " + shown + " 项" : ""; }
    });
  });
});
