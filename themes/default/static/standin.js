// standin: small enhancements. Every page reads fine without this file.
(function () {
  "use strict";

  // "/" focuses the search box, as on GitHub and most doc sites.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var box = document.getElementById("search-page-input") || document.getElementById("site-search");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });

  // List filters (decision log): shown only when this script runs.
  document.querySelectorAll("form[data-filter]").forEach(function (form) {
    var list = document.querySelector("[data-filtered='" + form.dataset.filter + "']");
    if (!list) return;
    var rows = Array.prototype.slice.call(list.children);
    var count = form.querySelector(".filter-count");
    function apply() {
      var status = form.elements.status.value;
      var team = form.elements.team.value;
      var tag = form.elements.tag.value;
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!status || row.dataset.status === status) &&
          (!team || row.dataset.team === team) &&
          (!tag || row.dataset.tags.indexOf(" " + tag + " ") !== -1);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = shown + " of " + rows.length + " shown";
    }
    form.addEventListener("change", apply);
    form.hidden = false;
    apply();
  });
})();
