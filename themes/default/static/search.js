// standin search client. The index is split into shards by term prefix
// (see src/site/search.rs); this loads the manifest, then only the shards
// and result chunks a query needs, each through a <script> tag so that it
// works opened from disk. The query lives in the URL (?q=&kind=&team=), so
// a search is a link.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.elasticlunr) return;
  var base = (form.getAttribute("data-root") || "") + "search/";
  var root = form.getAttribute("data-root") || "";
  var input = document.getElementById("search-page-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var PAGE = 20;

  var manifest = null;
  var index = null;
  var chunks = {};
  var loading = {};
  var firstResultMs = null;
  var current = { results: [], shown: 0, words: [] };
  var generation = 0;

  function load(file) {
    if (!loading[file]) {
      loading[file] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = base + file;
        script.async = true;
        script.onload = resolve;
        script.onerror = function () { reject(new Error("cannot load search/" + file)); };
        document.head.appendChild(script);
      });
    }
    return loading[file];
  }

  // Shards are disjoint below their prefix; above it they share the path
  // (root, first letter), whose own postings come from one shard only.
  function merge(target, source, depth) {
    for (var key in source) {
      if (!Object.prototype.hasOwnProperty.call(source, key)) continue;
      if (key === "docs") {
        if (Object.keys(source.docs).length) target.docs = source.docs;
      } else if (key === "df") {
        if (source.df > 0) target.df = source.df;
      } else if (Object.prototype.hasOwnProperty.call(target, key)) {
        merge(target[key], source[key], depth + 1);
      } else {
        target[key] = source[key];
        if (depth < 2) normalise(target[key]);
      }
    }
  }

  function normalise(node) {
    if (!node.docs) node.docs = {};
    if (!node.df) node.df = 0;
  }

  window.standinSearch = {
    manifest: function (m) {
      manifest = m;
      index = elasticlunr.Index.load(m.base);
    },
    shard: function (args) {
      var fields = args[1];
      for (var field in fields) merge(index.index[field].root, fields[field].root, 0);
      index._idfCache = {};
    },
    docs: function (args) { chunks[args[0]] = args[1]; },
    // Which search files this page has loaded (for tests and benchmarks).
    loaded: function () { return Object.keys(loading).sort(); }
  };

  function shardsFor(tokens) {
    var need = {};
    tokens.forEach(function (token) {
      var one = token.charAt(0);
      var two = token.slice(0, 2);
      for (var prefix in manifest.shards) {
        var file = manifest.shards[prefix];
        if (token.length === 1 ? prefix.charAt(0) === one
            : prefix === two || (prefix === one && !hasSplit(one))) need[file] = true;
      }
    });
    return Object.keys(need);
  }

  function hasSplit(letter) {
    for (var prefix in manifest.shards) if (prefix.length > 1 && prefix.charAt(0) === letter) return true;
    return false;
  }

  function params() {
    var data = new FormData(form);
    return { q: (data.get("q") || "").trim(), kind: data.get("kind") || "", team: data.get("team") || "" };
  }

  function setStatus(text) { status.textContent = text; }

  function run() {
    var p = params();
    var mine = ++generation;
    syncUrl(p);
    if (!p.q) {
      list.textContent = "";
      more.hidden = true;
      setStatus("Type to search " + manifest.count + " wraps, decisions and risks.");
      return;
    }
    var tokens = index.pipeline.run(elasticlunr.tokenizer(p.q));
    var files = shardsFor(tokens);
    var pending = files.filter(function (f) { return !loading[f]; }).length;
    if (pending) setStatus("Loading the search index…");
    Promise.all(files.map(load)).then(function () {
      if (mine !== generation) return;
      var results = index.search(p.q, manifest.config).filter(function (r) { return keep(+r.ref, p); });
      current = { results: results, shown: 0, words: words(p.q) };
      list.textContent = "";
      return showMore(mine, p);
    }).catch(function (error) {
      setStatus("Search failed: " + error.message);
    });
  }

  function keep(ref, p) {
    if (p.kind) {
      var range = manifest.kinds[p.kind];
      if (!range || ref < range[0] || ref >= range[1]) return false;
    }
    if (p.team) {
      var team = manifest.team_of[ref];
      if (team < 0 || manifest.teams[team][0] !== p.team) return false;
    }
    return true;
  }

  function showMore(mine, p) {
    var page = current.results.slice(current.shown, current.shown + PAGE);
    var need = {};
    page.forEach(function (r) { need["docs-" + Math.floor(+r.ref / manifest.chunk) + ".js"] = true; });
    return Promise.all(Object.keys(need).map(load)).then(function () {
      if (mine !== generation) return;
      page.forEach(function (r) { list.appendChild(item(+r.ref)); });
      current.shown += page.length;
      more.hidden = current.shown >= current.results.length;
      var n = current.results.length;
      var filter = (p.kind ? " " + p.kind + "s" : "") + (p.team ? " in " + teamName(p.team) : "");
      setStatus(n ? n + (n === 1 ? " result" : " results") + filter + " for “" + p.q + "”"
        : "No results" + filter + " for “" + p.q + "”. Try fewer or shorter words.");
      if (n && firstResultMs === null) {
        firstResultMs = Math.round(performance.now());
        document.documentElement.setAttribute("data-first-result-ms", String(firstResultMs));
      }
    });
  }

  function teamName(id) {
    for (var i = 0; i < manifest.teams.length; i++) if (manifest.teams[i][0] === id) return manifest.teams[i][1];
    return id;
  }

  function item(ref) {
    var row = chunks[Math.floor(ref / manifest.chunk)][ref % manifest.chunk];
    var kind = row[0], title = row[1], date = row[2], team = row[3], url = row[4], teaser = row[5];
    var li = document.createElement("li");
    li.className = "result result-" + kind;
    var link = document.createElement("a");
    link.href = root + url;
    link.className = "result-link";
    var badge = document.createElement("span");
    badge.className = "badge kind kind-" + kind;
    badge.textContent = kind;
    var heading = document.createElement("span");
    heading.className = "result-title";
    highlight(heading, title, current.words);
    link.appendChild(badge);
    link.appendChild(document.createTextNode(" "));
    link.appendChild(heading);
    li.appendChild(link);
    var meta = document.createElement("p");
    meta.className = "meta";
    var time = document.createElement("time");
    time.dateTime = date;
    time.textContent = date;
    meta.appendChild(time);
    if (team !== null) meta.appendChild(document.createTextNode(" · " + teamName(team)));
    li.appendChild(meta);
    if (teaser) {
      var p = document.createElement("p");
      p.className = "teaser";
      highlight(p, teaser, current.words);
      li.appendChild(p);
    }
    return li;
  }

  function words(q) {
    return q.toLowerCase().split(/[\s\-]+/).filter(function (w) { return w.length > 1; });
  }

  // Marks words that start with a query word, building text nodes only:
  // titles and teasers are never parsed as HTML.
  function highlight(parent, text, queryWords) {
    if (!queryWords.length) { parent.textContent = text; return; }
    var escaped = queryWords.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    var pattern = new RegExp("(^|[^\\p{L}\\p{N}])((?:" + escaped.join("|") + ")[\\p{L}\\p{N}]*)", "giu");
    var last = 0, match;
    while ((match = pattern.exec(text)) !== null) {
      var start = match.index + match[1].length;
      parent.appendChild(document.createTextNode(text.slice(last, start)));
      var mark = document.createElement("mark");
      mark.textContent = match[2];
      parent.appendChild(mark);
      last = start + match[2].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function syncUrl(p) {
    var query = [];
    if (p.q) query.push("q=" + encodeURIComponent(p.q));
    if (p.kind) query.push("kind=" + encodeURIComponent(p.kind));
    if (p.team) query.push("team=" + encodeURIComponent(p.team));
    try { history.replaceState(null, "", query.length ? "?" + query.join("&") : location.pathname); } catch (e) { /* some file:// setups refuse */ }
  }

  function fromUrl() {
    var search = new URLSearchParams(location.search);
    input.value = search.get("q") || "";
    ["kind", "team"].forEach(function (name) {
      var value = search.get(name);
      if (value && form.elements[name].querySelector("option[value='" + CSS.escape(value) + "']")) form.elements[name].value = value;
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  form.addEventListener("change", run);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) first.click(); else run();
  });
  more.addEventListener("click", function () { showMore(generation, params()); });

  // Arrows move between the box and the results; Enter follows the link.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp" && event.key !== "Escape") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a.result-link"));
    var at = links.indexOf(document.activeElement);
    if (event.key === "Escape") { input.focus(); return; }
    if (document.activeElement !== input && at < 0) return;
    event.preventDefault();
    if (event.key === "ArrowDown") {
      if (links.length) links[Math.min(at + 1, links.length - 1)].focus();
    } else if (at <= 0) {
      input.focus();
    } else {
      links[at - 1].focus();
    }
  });

  fromUrl();
  setStatus("Loading the search index…");
  load("manifest.js").then(function () {
    run();
    if (!input.value) input.focus();
  }).catch(function (error) {
    setStatus("Search is unavailable: " + error.message);
  });
})();
