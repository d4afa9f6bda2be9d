/* The request form's category picker (portal/widgets/matter_picker.html): the search box
   narrows the <select> to the matters whose name or synonyms hold every word typed.
   Options are removed and put back (a hidden <option> still shows on some phones); the
   empty choice and the chosen matter always stay. Enter in the box does not submit the
   form: it moves to the list (choosing the match when only one is left). Without script
   the box stays hidden and the full list works as it is. */
(function () {
  "use strict";
  document.querySelectorAll("[data-picker]").forEach(function (box) {
    var select = box.querySelector("select");
    var search = box.querySelector(".picker-search");
    var input = search.querySelector("input");
    var count = box.querySelector(".picker-count");
    var groups = [];
    Array.prototype.forEach.call(select.children, function (node) {
      var members = node.tagName === "OPTGROUP" ? Array.prototype.slice.call(node.children) : [node];
      groups.push({
        node: node,
        options: members.map(function (option) {
          var words = option.textContent + " " + (option.getAttribute("data-keywords") || "");
          return { option: option, text: words.toLowerCase() };
        })
      });
    });
    var total = select.querySelectorAll("option[value]:not([value=''])").length;

    function filter() {
      var words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      var lastShown = null;
      // Read the choice before the options come out: removing the selected option makes
      // the browser select the next one still in the list, which would then stay chosen.
      var chosen = select.value;
      while (select.firstChild) { select.removeChild(select.firstChild); }
      groups.forEach(function (group) {
        var kept = group.options.filter(function (entry) {
          var option = entry.option;
          if (!option.value || option.value === chosen) { return true; }
          return words.every(function (word) { return entry.text.indexOf(word) !== -1; });
        });
        kept.forEach(function (entry) {
          if (entry.option.value) { shown += 1; lastShown = entry.option; }
        });
        if (group.node.tagName === "OPTGROUP") {
          while (group.node.firstChild) { group.node.removeChild(group.node.firstChild); }
          kept.forEach(function (entry) { group.node.appendChild(entry.option); });
          if (kept.length) { select.appendChild(group.node); }
        } else if (kept.length) {
          select.appendChild(group.node);
        }
      });
      select.value = chosen;
      count.textContent = words.length ? "找到 " + shown + " 个类别(共 " + total + " 个)" : "";
      return { shown: shown, last: lastShown };
    }

    search.hidden = false;
    input.addEventListener("input", filter);
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") { return; }
      event.preventDefault();
      var found = filter();
      if (found.shown === 1) {
        found.last.selected = true;
        count.textContent = "已选择:" + found.last.textContent;
      }
      select.focus();
    });
  });
})();
