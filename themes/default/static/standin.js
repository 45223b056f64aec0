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

  // List filters and sorts (risk register, decision log, ...). The form
  // is hidden until this script runs, so without JavaScript every row shows.
  // The view lives in the URL (`?team=payments&blocker=1&sort=age`), so a
  // filtered view is a link; it works from file:// too.
  //
  // A form names its rows with `data-filter="x"`; every list marked
  // `data-filtered="x"` is filtered. A control `name` matches the row's
  // `data-name` (space-separated lists match any word); a checkbox keeps rows
  // whose attribute is "1". A select left with only its "any" option is
  // filled from the rows' values (labels from `data-name-label`). `sort`
  // orders each list by `data-sort-<value>` (numbers, largest first, or text
  // when not numeric); its empty value keeps the page's order.
  document.querySelectorAll("form[data-filter]").forEach(function (form) {
    var lists = Array.prototype.slice.call(
      document.querySelectorAll("[data-filtered='" + form.dataset.filter + "']"));
    if (!lists.length) return;
    var original = lists.map(function (list) { return Array.prototype.slice.call(list.children); });
    var rows = [].concat.apply([], original);
    var count = form.querySelector(".filter-count");
    var controls = Array.prototype.slice.call(form.elements).filter(function (c) { return c.name; });

    controls.forEach(function (control) {
      if (control.tagName !== "SELECT" || control.name === "sort" || control.options.length > 1) return;
      var seen = {};
      rows.forEach(function (row) {
        (row.getAttribute("data-" + control.name) || "").split(" ").forEach(function (value) {
          if (value && !seen[value]) seen[value] = row.getAttribute("data-" + control.name + "-label") || value;
        });
      });
      Object.keys(seen).sort(function (a, b) { return seen[a].localeCompare(seen[b]); }).forEach(function (value) {
        control.appendChild(new Option(seen[value], value));
      });
    });

    function fromUrl() {
      var params = new URLSearchParams(window.location.search);
      controls.forEach(function (control) {
        var value = params.get(control.name);
        if (control.type === "checkbox") {
          control.checked = value === control.value;
        } else if (value !== null) {
          if (!Array.prototype.some.call(control.options, function (o) { return o.value === value; })) {
            // A link may name a value no row has (yet): keep it, show none.
            control.appendChild(new Option(value, value));
          }
          control.value = value;
        }
      });
    }

    function toUrl() {
      var params = new URLSearchParams(window.location.search);
      controls.forEach(function (control) {
        var on = control.type === "checkbox" ? control.checked : control.value !== "";
        if (on) params.set(control.name, control.type === "checkbox" ? control.value : control.value);
        else params.delete(control.name);
      });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      try { window.history.replaceState(null, "", url); } catch (e) { /* some file:// setups */ }
    }

    function matches(row) {
      return controls.every(function (control) {
        if (control.name === "sort") return true;
        var have = row.getAttribute("data-" + control.name) || "";
        if (control.type === "checkbox") return !control.checked || have === "1";
        if (!control.value) return true;
        return (" " + have + " ").indexOf(" " + control.value + " ") !== -1;
      });
    }

    function order() {
      var sort = form.elements.sort ? form.elements.sort.value : "";
      lists.forEach(function (list, i) {
        var items = original[i].slice();
        if (sort) {
          var key = function (row) { return row.getAttribute("data-sort-" + sort) || ""; };
          items.sort(function (a, b) {
            var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
            if (!isNaN(nx) && !isNaN(ny) && nx !== ny) return ny - nx;
            return x < y ? 1 : x > y ? -1 : 0;
          });
        }
        items.forEach(function (row) { list.appendChild(row); });
      });
    }

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = matches(row);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      order();
      lists.forEach(function (list) {
        var empty = list.parentNode.querySelector("[data-filter-empty]");
        var any = Array.prototype.some.call(list.children, function (row) { return !row.hidden; });
        if (empty) empty.hidden = any || !list.children.length;
      });
      if (count) count.textContent = shown + " of " + rows.length + " shown";
    }

    fromUrl();
    form.addEventListener("change", function () { apply(); toUrl(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var reset = form.querySelector("[data-filter-reset]");
    if (reset) reset.addEventListener("click", function () {
      controls.forEach(function (control) {
        if (control.type === "checkbox") control.checked = false; else control.value = "";
      });
      apply();
      toUrl();
    });
    form.hidden = false;
    apply();
  });
})();
