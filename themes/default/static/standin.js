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

  // "Since my last visit" and "my team", on the home page and the briefs.
  // Both stay in this browser (localStorage; nothing is sent anywhere),
  // keyed by the site's root URL, since every site opened from file://
  // shares one origin. Without JavaScript the page is simply unmarked.
  //
  // A visit is a tab session. The first brief or home page a tab opens
  // takes what the previous visit had seen as its baseline and keeps it in
  // sessionStorage, so a reload or going back and forth keeps the marks;
  // each page then records what this visit has seen, for the next session
  // (a new tab, the next morning). What a visit has seen is the newest
  // `data-at` on the pages it opened: the writers' time, not the reader's
  // clock, so clocks that disagree do not matter and a wrap pushed late but
  // dated after that is still marked (one dated before it is not).
  // An element with `data-mark` (its kind) whose `data-at` is after the
  // baseline gets a "new" badge, or "updated" when its `data-since` (when
  // it first appeared) is not after it. With a team chosen, only the asks
  // for that team or for everyone are marked.
  (function () {
    var briefs = Array.prototype.slice.call(document.querySelectorAll("[data-visit]"));
    var teamForm = document.querySelector("form[data-my-team]");
    if (!briefs.length && !teamForm) return;

    function load(area, key) {
      try { return window[area].getItem(key); } catch (e) { return null; }
    }
    function save(area, key, value) {
      try { window[area].setItem(key, value); } catch (e) { /* storage is off: no marks */ }
    }
    function parse(text) {
      try { return JSON.parse(text); } catch (e) { return null; }
    }
    function siteKey(element, what) {
      var root = new URL(element.getAttribute("data-root") || "./", window.location.href);
      return "standin." + what + ":" + root.href;
    }
    function instant(element, name) {
      var at = Date.parse(element.getAttribute(name) || "");
      return isNaN(at) ? null : at;
    }
    function badge(words) {
      var span = document.createElement("span");
      span.className = "badge new-mark";
      span.textContent = words;
      return span;
    }
    function notes(brief) {
      var box = brief.querySelector(":scope > .visit-notes");
      if (!box) {
        box = document.createElement("div");
        box.className = "visit-notes";
        brief.insertBefore(box, brief.firstChild);
      }
      return box;
    }
    function note(brief, name, role) {
      var p = notes(brief).querySelector("." + name);
      if (!p) {
        p = document.createElement("p");
        p.className = name;
        if (role) p.setAttribute("role", role);
        // The visit note comes first, then the team's.
        if (name === "visit-note") notes(brief).insertBefore(p, notes(brief).firstChild);
        else notes(brief).appendChild(p);
      }
      p.textContent = "";
      return p;
    }
    function addressedTo(element) { return element.getAttribute("data-to") || ""; }

    var visitKey = siteKey(briefs[0] || teamForm, "visit");
    var teamKey = siteKey(briefs[0] || teamForm, "team");

    var baseline = (function () {
      var kept = load("sessionStorage", visitKey);
      if (kept === null) {
        kept = load("localStorage", visitKey) || "null";
        save("sessionStorage", visitKey, kept);
      }
      var visit = parse(kept);
      return visit && typeof visit.seen === "number" ? visit : null;
    })();

    var KINDS = [
      ["wrap", "wrap", "wraps"], ["incident", "incident", "incidents"], ["ask", "ask", "asks"],
      ["risk", "risk", "risks"], ["decision", "decision", "decisions"],
      ["ack", "acknowledgement", "acknowledgements"]
    ];

    function mark(brief, team) {
      Array.prototype.forEach.call(brief.querySelectorAll(".new-mark"), function (b) { b.remove(); });
      Array.prototype.forEach.call(brief.querySelectorAll(".is-new"), function (e) { e.classList.remove("is-new"); });
      if (!baseline) return;
      var counts = {};
      Array.prototype.forEach.call(brief.querySelectorAll("[data-mark][data-at]"), function (element) {
        var at = instant(element, "data-at");
        if (at === null || at <= baseline.seen) return;
        var kind = element.getAttribute("data-mark");
        var to = addressedTo(element);
        if (kind === "ask" && team && to !== "team:" + team && to !== "everyone:") return;
        var since = instant(element, "data-since");
        element.classList.add("is-new");
        var place = element.querySelector(".badges, .row-title, .ask-what") || element;
        place.insertBefore(badge(since === null || since > baseline.seen ? "new" : "updated"), place.firstChild);
        counts[kind] = (counts[kind] || 0) + 1;
      });
      // A folded list says how many of its rows are marked.
      Array.prototype.forEach.call(brief.querySelectorAll("details"), function (details) {
        var marked = details.querySelectorAll(".is-new").length;
        var summary = details.querySelector("summary");
        if (marked && summary) summary.appendChild(badge(marked + " new"));
      });
      var parts = KINDS.filter(function (k) { return counts[k[0]]; }).map(function (k) {
        return counts[k[0]] + " " + (counts[k[0]] === 1 ? k[1] : k[2]);
      });
      var when = typeof baseline.at === "number" ? " (" + new Date(baseline.at).toLocaleString(undefined, {
        weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit"
      }) + ")" : "";
      var p = note(brief, "visit-note", "status");
      if (parts.length) {
        p.appendChild(badge("new"));
        p.appendChild(document.createTextNode(" Since your last visit" + when + ": " + parts.join(", ") + "."));
      } else if (brief.getAttribute("data-visit") === "home") {
        p.textContent = "Nothing new since your last visit" + when + ".";
      } else {
        p.remove();
      }
    }

    // "My team": its group of asks to pick up comes first and is outlined,
    // and one line at the top counts its asks.
    function leadWith(brief, team, label) {
      var groups = Array.prototype.slice.call(brief.querySelectorAll(".ask-group[data-to]"));
      if (groups.length) {
        if (!brief.standinGroups) {
          brief.standinGroups = groups;
          brief.standinStart = document.createComment(" asks to pick up ");
          groups[0].parentNode.insertBefore(brief.standinStart, groups[0]);
        }
        var mine = brief.standinGroups.filter(function (g) { return team && addressedTo(g) === "team:" + team; });
        var after = brief.standinStart;
        mine.concat(brief.standinGroups.filter(function (g) { return mine.indexOf(g) === -1; })).forEach(function (g) {
          after.parentNode.insertBefore(g, after.nextSibling);
          after = g;
          g.classList.toggle("is-mine", mine.indexOf(g) !== -1);
          var tag = g.querySelector(".mine-mark");
          if (tag) tag.remove();
          if (mine.indexOf(g) !== -1) {
            var heading = g.querySelector(".team-heading");
            tag = document.createElement("span");
            tag.className = "mine-mark";
            tag.appendChild(document.createTextNode(" "));
            tag.appendChild(document.createElement("span")).textContent = "my team";
            tag.lastChild.className = "badge";
            if (heading) heading.appendChild(tag);
          }
        });
      }
      var asks = Array.prototype.filter.call(brief.querySelectorAll("li.ask"), function (li) {
        var ours = !!team && addressedTo(li) === "team:" + team;
        li.classList.toggle("is-mine", ours);
        return ours && !li.classList.contains("is-taken");
      });
      var old = notes(brief).querySelector(".for-team");
      if (old) old.remove();
      if (!team) return;
      var unacked = asks.filter(function (li) { return li.classList.contains("is-unacked"); }).length;
      var p = note(brief, "for-team");
      var strong = document.createElement("strong");
      strong.textContent = "For " + label + ":";
      p.appendChild(strong);
      if (!asks.length) {
        p.appendChild(document.createTextNode(" nothing to pick up."));
        return;
      }
      var link = document.createElement("a");
      link.href = "#pick-up";
      link.textContent = asks.length + (asks.length === 1 ? " ask" : " asks");
      p.appendChild(document.createTextNode(" "));
      p.appendChild(link);
      p.appendChild(document.createTextNode(", " + (unacked ? unacked + " unacknowledged" : "none unacknowledged") + "."));
    }

    var chosen = parse(load("localStorage", teamKey));
    if (!chosen || typeof chosen.key !== "string" || typeof chosen.label !== "string") chosen = null;
    var select = teamForm && teamForm.querySelector("select");
    if (select && chosen && !Array.prototype.some.call(select.options, function (o) { return o.value === chosen.key; })) {
      chosen = null; // a team this site no longer has
    }

    function apply() {
      var team = chosen ? chosen.key : "";
      briefs.forEach(function (brief) {
        leadWith(brief, team, chosen ? chosen.label : "");
        mark(brief, team);
      });
    }

    if (select) {
      select.value = chosen ? chosen.key : "";
      select.addEventListener("change", function () {
        var option = select.options[select.selectedIndex];
        chosen = select.value ? { key: select.value, label: option.textContent } : null;
        save("localStorage", teamKey, JSON.stringify(chosen));
        apply();
      });
      teamForm.addEventListener("submit", function (event) { event.preventDefault(); });
      teamForm.hidden = false;
    }
    apply();

    // What this visit has seen, for the next one.
    var newest = null;
    briefs.forEach(function (brief) {
      Array.prototype.forEach.call(brief.querySelectorAll("[data-at]"), function (element) {
        var at = instant(element, "data-at");
        if (at !== null && (newest === null || at > newest)) newest = at;
      });
    });
    if (newest !== null) {
      var previous = parse(load("localStorage", visitKey));
      var seen = previous && typeof previous.seen === "number" ? Math.max(previous.seen, newest) : newest;
      save("localStorage", visitKey, JSON.stringify({ seen: seen, at: Date.now() }));
    }
  })();
})();
