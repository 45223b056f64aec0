// standin search client. The index (src/site/search/) is cut into files:
// a manifest, shards of terms with their postings, chunks of result lines,
// and the documents of each stop word and team. This loads the manifest,
// then only what a query needs, each through a <script> tag so that it
// works opened from disk. The query lives in the URL (?q=&kind=&team=), so a
// search is a link.
//
// Every word of the query must match; the last, while typed, as a prefix. A
// hyphenated word matches as written or by all of its parts. Results rank by
// how many words matched exactly (not by prefix or by parts), then where they
// matched (ids above titles above labels and names above bodies), then whether
// the document still holds (open, accepted), then how much of the field the
// words are, then newest first.
(function () {
  "use strict";

  // ---- Text: folded (src/site/search/fold.rs), then elasticlunr-rs's
  // English tokenizer and pipeline (trimmer, stop words, Porter stemmer),
  // ported so that a query's terms are the index's terms.
  // tests/browser_search.rs checks them word by word, and the folding on
  // the cases of src/site/search/fold_cases.json.

  var WHITESPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  var MAX_TERM_CHARS = 64;
  var MAX_WORD_BYTES = 4 * MAX_TERM_CHARS + 64;
  var STOP = {};
  ("a able about across after all almost also am among an and any are as at be because been but by can " +
   "cannot could dear did do does either else ever every for from get got had has have he her hers him his " +
   "how however i if in into is it its just least let like likely may me might most must my neither no nor " +
   "not of off often on only or other our own rather said say says she should since so some than that the " +
   "their them then there these they this tis to too twas us wants was we were what when where which while " +
   "who whom why will with would yet you your").split(" ").forEach(function (w) { STOP[w] = true; });
  var encoder = new TextEncoder();
  var decoder = new TextDecoder();

  // Accents: the combining diacritical marks and their extensions (the
  // same ranges as fold.rs's ACCENTS).
  var ACCENTS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var ASCII = /^[\x00-\x7f]*$/;

  // Compatibility forms to plain ones (full-width, ligatures), accents
  // dropped, composed again, lowercase: `Inés` is `ines`.
  function fold(text) {
    if (ASCII.test(text)) return text.toLowerCase();
    return text.normalize("NFKD").replace(ACCENTS, "").normalize("NFC").toLowerCase();
  }

  // The words of a text as the index reads them: between whitespace,
  // each folded (which may split it), none longer than the index reads.
  function wordsOf(text) {
    var out = [];
    text.split(WHITESPACE).forEach(function (word) {
      if (!word || encoder.encode(word).length > MAX_WORD_BYTES) return;
      fold(word).split(WHITESPACE).forEach(function (piece) {
        if (piece && encoder.encode(piece).length <= MAX_WORD_BYTES) out.push(piece);
      });
    });
    return out;
  }

  function trim(token) {
    return token.replace(/^[^0-9A-Za-z_]+/, "").replace(/[^0-9A-Za-z_]+$/, "");
  }

  function chars(text) { return Array.from(text).length; }

  // A token (lowercase) as the pipeline leaves it: {term}, {stop} or null.
  function pipeline(token) {
    var trimmed = trim(token);
    if (!trimmed) return null;
    if (STOP[trimmed]) return { stop: trimmed };
    var term = stem(trimmed);
    return chars(term) <= MAX_TERM_CHARS ? { term: term } : null;
  }

  // One folded word (`wordsOf`): its compound term if it is hyphenated,
  // and what each part between hyphens gives.
  function analyse(word) {
    var compound = null;
    if (word.indexOf("-") >= 0) {
      var whole = pipeline(word);
      if (whole && whole.term && whole.term.indexOf("-") >= 0) compound = whole.term;
    }
    var parts = word.split("-").filter(Boolean).map(pipeline);
    return { compound: compound, parts: parts };
  }

  // The Porter stemmer of elasticlunr-rs (rust-stem), step for step, on the
  // word's UTF-8 bytes as it works on them.
  function stem(word) {
    var b = Array.prototype.slice.call(encoder.encode(word));
    if (b.length <= 2) return word;
    var k = b.length, j = 0;
    function cons(i) {
      var c = b[i];
      if (c === 97 || c === 101 || c === 105 || c === 111 || c === 117) return false;
      if (c === 121) return i === 0 ? true : !cons(i - 1);
      return true;
    }
    function measure() {
      var n = 0, i = 0;
      for (;;) { if (i >= j) return n; if (!cons(i)) break; i++; }
      i++;
      for (;;) {
        for (;;) { if (i >= j) return n; if (cons(i)) break; i++; }
        i++; n++;
        for (;;) { if (i >= j) return n; if (!cons(i)) break; i++; }
        i++;
      }
    }
    function hasVowel() { for (var i = 0; i < j; i++) if (!cons(i)) return true; return false; }
    function doubleCons(i) { return i >= 1 && b[i] === b[i - 1] && b[i] < 128 && cons(i); }
    function cvc(i) {
      if (i < 2 || !cons(i) || cons(i - 1) || !cons(i - 2)) return false;
      return b[i] !== 119 && b[i] !== 120 && b[i] !== 121;
    }
    function ends(s) {
      var len = s.length;
      if (len > k) return false;
      for (var x = 0; x < len; x++) if (b[k - len + x] !== s.charCodeAt(x)) return false;
      j = k - len;
      return true;
    }
    function setTo(s) { for (var x = 0; x < s.length; x++) b[j + x] = s.charCodeAt(x); k = j + s.length; }
    function r(s) { if (measure() > 0) setTo(s); }
    function vowel(c) { return c === 97 || c === 101 || c === 105 || c === 111 || c === 117; }
    function chain(pairs) {
      for (var i = 0; i < pairs.length; i += 2) if (ends(pairs[i])) { r(pairs[i + 1]); return; }
    }
    // Step 1ab: plurals, -ed, -ing.
    if (b[k - 1] === 115) {
      if (ends("sses")) k -= 2;
      else if (ends("ies")) setTo("i");
      else if (b[k - 2] !== 115) k -= 1;
    }
    if (ends("eed")) {
      if (measure() > 0) k -= 1;
    } else if ((ends("ed") || ends("ing")) && hasVowel()) {
      k = j;
      if (ends("at")) setTo("ate");
      else if (ends("bl")) setTo("ble");
      else if (ends("iz")) setTo("ize");
      else if (doubleCons(k - 1)) {
        k -= 1;
        var c = b[k - 1];
        if (c === 108 || c === 115 || c === 122) k += 1;
      } else if (measure() === 1 && cvc(k - 1)) setTo("e");
    }
    // Step 1c: y -> i after a non-vowel (a literal class, as elasticlunr.js).
    if (k > 2 && ends("y") && !vowel(b[k - 2])) b[k - 1] = 105;
    // Step 2: double suffixes.
    if (k >= 2) {
      switch (String.fromCharCode(b[k - 2])) {
        case "a": chain(["ational", "ate", "tional", "tion"]); break;
        case "c": chain(["enci", "ence", "anci", "ance"]); break;
        case "e": chain(["izer", "ize"]); break;
        case "l": chain(["bli", "ble", "alli", "al", "entli", "ent", "eli", "e", "ousli", "ous"]); break;
        case "o": chain(["ization", "ize", "ation", "ate", "ator", "ate"]); break;
        case "s": chain(["alism", "al", "iveness", "ive", "fulness", "ful", "ousness", "ous"]); break;
        case "t": chain(["aliti", "al", "iviti", "ive", "biliti", "ble"]); break;
        case "g": chain(["logi", "log"]); break;
      }
    }
    // Step 3: -ic-, -full, -ness.
    switch (String.fromCharCode(b[k - 1])) {
      case "e": chain(["icate", "ic", "ative", "", "alize", "al"]); break;
      case "i": chain(["iciti", "ic"]); break;
      case "l": chain(["ical", "ic", "ful", ""]); break;
      case "s": chain(["ness", ""]); break;
    }
    // Step 4: -ant, -ence, ... in <c>vcvc<v>.
    if (k >= 2) {
      var matched = false;
      switch (String.fromCharCode(b[k - 2])) {
        case "a": matched = ends("al"); break;
        case "c": matched = ends("ance") || ends("ence"); break;
        case "e": matched = ends("er"); break;
        case "i": matched = ends("ic"); break;
        case "l": matched = ends("able") || ends("ible"); break;
        case "n": matched = ends("ant") || ends("ement") || ends("ment") || ends("ent"); break;
        case "o": matched = (ends("ion") && j > 0 && (b[j - 1] === 115 || b[j - 1] === 116)) || ends("ou"); break;
        case "s": matched = ends("ism"); break;
        case "t": matched = ends("ate") || ends("iti"); break;
        case "u": matched = ends("ous"); break;
        case "v": matched = ends("ive"); break;
        case "z": matched = ends("ize"); break;
      }
      if (matched && measure() > 1) k = j;
    }
    // Step 5: final -e, -ll.
    j = k;
    if (b[k - 1] === 101) {
      var a = measure();
      if (a > 1 || (a === 1 && !cvc(k - 2))) k -= 1;
    }
    if (b[k - 1] === 108 && doubleCons(k - 1) && measure() > 1) k -= 1;
    return decoder.decode(new Uint8Array(b.slice(0, k)));
  }

  // ---- Files.

  var form = document.getElementById("search-form");
  var api = {
    // For tests: how text is folded, and what the index would hold for
    // the words of a text.
    fold: fold,
    analyse: function (text) { return wordsOf(text).map(analyse); },
    // Which search files this page has loaded (for tests and benchmarks).
    loaded: function () { return Object.keys(loading).sort(); }
  };
  window.standinSearch = api;
  if (!form) return;
  var root = form.getAttribute("data-root") || "";
  var base = root + "search/";
  var input = document.getElementById("search-page-input");
  var kindSelect = form.elements.kind;
  var teamSelect = form.elements.team;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var PAGE = 20;
  var FORMAT = 3;

  var manifest = null;
  var digitOf = {};
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("").forEach(function (c, i) { digitOf[c] = i; });
  var shards = {};
  var decoded = {};
  var chunks = {};
  var stops = {};
  var teams = {};
  var loading = {};
  var firstResultMs = null;
  var current = { results: [], shown: 0, query: null };
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

  api.manifest = function (m) { manifest = m; };
  api.shard = function (n, terms) { shards[n] = terms; };
  api.docs = function (n, rows) { chunks[n] = rows; };
  api.stop = function (n, text) { stops[n] = documents(text, false); };
  api.team = function (n, text) { teams[n] = documents(text, false); };

  // A list of numbers (src/site/search/encode.rs): gaps less one, with the
  // weight folded in (`(gap - 1) * 16 + weight`) when `weighted`.
  function documents(text, weighted) {
    var docs = [], weights = [], doc = -1, n = 0;
    for (var i = 0; i < text.length; i++) {
      var d = digitOf[text.charAt(i)];
      n = n * 32 + (d & 31);
      if (d < 32) {
        if (weighted) { doc += Math.floor(n / 16) + 1; weights.push(n % 16); } else doc += n + 1;
        docs.push(doc);
        n = 0;
      }
    }
    return weighted ? { docs: docs, weights: weights } : docs;
  }

  // The shard that holds `term`: the last whose key is not greater.
  function shardOf(term) {
    var keys = manifest.shards, lo = 0, hi = keys.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (keys[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // The shards a term needs: its own, or for a prefix every shard its
  // extensions may be in.
  function shardsOf(t) {
    var first = shardOf(t.term);
    var last = t.prefix ? shardOf(t.term + "\uffff") : first;
    var out = [];
    for (var n = first; n <= last; n++) out.push(n);
    return out;
  }

  // The postings of every term `t` matches: [{term, docs, weights}].
  function postingsOf(t) {
    var out = [];
    shardsOf(t).forEach(function (n) {
      var terms = shards[n];
      for (var i = 0; i < terms.length; i += 2) {
        var term = terms[i];
        if (term === t.term || (t.prefix && term.lastIndexOf(t.term, 0) === 0)) {
          var key = n + ":" + i;
          if (!decoded[key]) decoded[key] = documents(terms[i + 1], true);
          out.push({ term: term, docs: decoded[key].docs, weights: decoded[key].weights });
        }
      }
    });
    return out;
  }

  // ---- Queries.

  // The query as words to match. Each word has alternatives: the word as
  // written (its term; for a hyphenated word, the whole), or, for a
  // hyphenated word, all its parts. Words that give nothing (stop words,
  // punctuation) are left out.
  function parse(text) {
    var typing = !/\s$/.test(text);
    var words = wordsOf(text);
    var out = [];
    words.forEach(function (word, i) {
      var last = typing && i === words.length - 1;
      var found = analyse(word);
      var alternatives = [];
      var prefix = function (term) { return last && chars(term) >= manifest.prefix.min_chars; };
      var terms = found.parts.filter(function (p) { return p && p.term; }).map(function (p) { return p.term; });
      var stopParts = found.parts.filter(function (p) { return p && p.stop; }).map(function (p) { return p.stop; });
      var byParts = {
        exact: false,
        terms: terms.map(function (term, n) { return { term: term, prefix: n === terms.length - 1 && prefix(term) }; }),
        stops: stopParts
      };
      if (found.compound !== null) {
        alternatives.push({ exact: true, terms: [{ term: found.compound, prefix: prefix(found.compound) }], stops: [] });
        // By parts, when one at least is a term: else every document with
        // "to" and "do" would match "to-do".
        if (terms.length) alternatives.push(byParts);
      } else if (terms.length === 1) {
        // A word, or hyphens only at its ends (`--flag`).
        alternatives.push({ exact: true, terms: byParts.terms, stops: [] });
      } else if (terms.length > 1) {
        // A hyphenated whole too long to be a term.
        alternatives.push(byParts);
      }
      alternatives.forEach(function (alt) {
        alt.terms.forEach(function (t) {
          if (t.prefix && shardsOf(t).length > manifest.prefix.max_shards) t.prefix = false;
        });
      });
      if (alternatives.length) out.push({ text: word, alternatives: alternatives });
    });
    return out;
  }

  function filesFor(words, p) {
    var need = {};
    words.forEach(function (word) {
      word.alternatives.forEach(function (alt) {
        alt.terms.forEach(function (t) { shardsOf(t).forEach(function (n) { need["shard-" + n + ".js"] = true; }); });
        alt.stops.forEach(function (s) {
          var n = manifest.stops.indexOf(s);
          if (n >= 0) need["stop-" + n + ".js"] = true;
        });
      });
    });
    var team = teamIndex(p.team);
    if (team >= 0) need["team-" + team + ".js"] = true;
    return Object.keys(need);
  }

  // How well a document matched a word: exactly (1) or not (0), and the
  // weight of the match (4 * field class + strength).
  function better(a, b) { return !a || b.exact > a.exact || (b.exact === a.exact && b.weight > a.weight); }

  function matchTerm(t, exact, into) {
    postingsOf(t).forEach(function (p) {
      var isExact = exact && p.term === t.term ? 1 : 0;
      for (var i = 0; i < p.docs.length; i++) {
        var m = { exact: isExact, weight: p.weights[i] };
        if (better(into[p.docs[i]], m)) into[p.docs[i]] = m;
      }
    });
    return into;
  }

  function matchWord(word) {
    var best = {};
    word.alternatives.forEach(function (alt) {
      if (alt.exact) { matchTerm(alt.terms[0], true, best); return; }
      // All parts, at the weight of the weakest; and every stop word part.
      var maps = alt.terms.map(function (t) { return matchTerm(t, false, {}); });
      var holders = alt.stops.map(function (s) {
        var n = manifest.stops.indexOf(s);
        var set = {};
        if (n >= 0) stops[n].forEach(function (d) { set[d] = true; });
        return set;
      });
      Object.keys(maps[0]).forEach(function (doc) {
        var m = maps[0][doc];
        for (var i = 1; i < maps.length; i++) {
          var other = maps[i][doc];
          if (!other) return;
          if (other.weight < m.weight) m = other;
        }
        for (var s = 0; s < holders.length; s++) if (!holders[s][doc]) return;
        var candidate = { exact: 0, weight: m.weight };
        if (better(best[doc], candidate)) best[doc] = candidate;
      });
    });
    return best;
  }

  function codeOf(doc) { return manifest.codes[digitOf[manifest.docs.charAt(doc)]]; }

  function rank(words, p) {
    var maps = words.map(matchWord).sort(function (a, b) { return Object.keys(a).length - Object.keys(b).length; });
    if (!maps.length) return [];
    var kind = kindIndex(p.kind);
    var team = teamIndex(p.team);
    var inTeam = null;
    if (team >= 0) {
      inTeam = {};
      teams[team].forEach(function (d) { inTeam[d] = true; });
    }
    var results = [];
    Object.keys(maps[0]).forEach(function (key) {
      var doc = +key, exact = 0, klass = 0, strength = 0;
      for (var i = 0; i < maps.length; i++) {
        var m = maps[i][key];
        if (!m) return;
        exact += m.exact;
        klass += m.weight >> 2;
        strength += m.weight & 3;
      }
      var code = codeOf(doc);
      if (kind >= 0 && code[0] !== kind) return;
      if (inTeam && !inTeam[doc]) return;
      results.push({ doc: doc, key: [exact, klass, code[2] ? 1 : 0, strength, doc] });
    });
    results.sort(function (a, b) {
      for (var i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return b.key[i] - a.key[i];
      return 0;
    });
    return results.map(function (r) { return r.doc; });
  }

  function kindIndex(name) {
    for (var i = 0; i < manifest.kinds.length; i++) if (manifest.kinds[i].name === name) return i;
    return -1;
  }

  function teamIndex(id) {
    for (var i = 0; i < manifest.teams.length; i++) if (manifest.teams[i][0] === id) return i;
    return -1;
  }

  // ---- The page.

  function params() {
    return { text: input.value, q: input.value.trim(), kind: kindSelect.value, team: teamSelect.value };
  }

  function setStatus(text) { status.textContent = text; }

  function run() {
    var p = params();
    var mine = ++generation;
    syncUrl(p);
    if (!p.q) {
      list.textContent = "";
      more.hidden = true;
      setStatus("Type to search " + manifest.count + " " + manifest.kinds.map(function (k) { return k.plural; }).join(", ") + ".");
      return;
    }
    var words = parse(p.text);
    if (!words.length) {
      list.textContent = "";
      more.hidden = true;
      setStatus("“" + p.q + "” has only words too common to search for. Add a less common one.");
      return;
    }
    var files = filesFor(words, p);
    if (files.some(function (f) { return !loading[f]; })) setStatus("Loading the search index…");
    Promise.all(files.map(load)).then(function () {
      if (mine !== generation) return;
      current = { results: rank(words, p), shown: 0, query: words };
      list.textContent = "";
      return showMore(mine, p);
    }).catch(function (error) {
      setStatus("Search failed: " + error.message);
    });
  }

  function showMore(mine, p) {
    var page = current.results.slice(current.shown, current.shown + PAGE);
    var need = {};
    page.forEach(function (doc) { need["docs-" + Math.floor(doc / manifest.chunk) + ".js"] = true; });
    return Promise.all(Object.keys(need).map(load)).then(function () {
      if (mine !== generation) return;
      page.forEach(function (doc) { list.appendChild(item(doc)); });
      current.shown += page.length;
      more.hidden = current.shown >= current.results.length;
      var n = current.results.length;
      var kind = manifest.kinds[kindIndex(p.kind)];
      var what = kind ? (n === 1 ? kind.label : kind.plural) : (n === 1 ? "result" : "results");
      var where = p.team ? " in " + manifest.teams[teamIndex(p.team)][1] : "";
      setStatus(n ? n + " " + what + where + " for “" + p.q + "”"
        : "No " + (kind ? kind.plural : "results") + where + " for “" + p.q + "”. Every word must match: try fewer or other words.");
      if (n && firstResultMs === null) {
        firstResultMs = Math.round(performance.now());
        document.documentElement.setAttribute("data-first-result-ms", String(firstResultMs));
      }
    });
  }

  function badge(text, className) {
    var span = document.createElement("span");
    span.className = "badge " + className;
    span.textContent = text;
    return span;
  }

  function item(doc) {
    var row = chunks[Math.floor(doc / manifest.chunk)][doc % manifest.chunk];
    var title = row[0], slug = row[1], date = row[2], by = row[3], team = row[4];
    var code = codeOf(doc);
    var kind = manifest.kinds[code[0]];
    var li = document.createElement("li");
    li.className = "result result-" + kind.name + (code[2] ? "" : " result-closed");
    var link = document.createElement("a");
    link.href = root + kind.url_prefix + slug + kind.url_suffix;
    link.className = "result-link";
    link.appendChild(badge(kind.label, "kind kind-" + kind.name));
    link.appendChild(document.createTextNode(" "));
    var heading = document.createElement("span");
    heading.className = "result-title";
    inlineCode(title).forEach(function (segment) {
      var target = heading;
      if (segment.code) {
        target = document.createElement("code");
        heading.appendChild(target);
      }
      highlight(target, segment.text, current.query);
    });
    link.appendChild(heading);
    li.appendChild(link);
    var meta = document.createElement("p");
    meta.className = "meta";
    if (code[1]) meta.appendChild(badge(code[1], "status status-" + code[1] + (code[2] ? "" : " closed")));
    for (var f = 8; f < row.length; f++) meta.appendChild(badge(row[f], "flag flag-" + row[f]));
    var time = document.createElement("time");
    time.dateTime = date;
    time.textContent = date;
    meta.appendChild(time);
    var line = "";
    if (by) line += " · " + by;
    if (team >= 0) line += " · " + manifest.teams[team][1];
    meta.appendChild(document.createTextNode(line));
    // The ids the query found it by that the line would not show (a
    // ticket, a record's number, an ask).
    row[7].forEach(function (id) {
      if (!markSpans(id, current.query).length) return;
      meta.appendChild(document.createTextNode(" · "));
      var shown = document.createElement("span");
      shown.className = "result-id";
      highlight(shown, id, current.query);
      meta.appendChild(shown);
    });
    li.appendChild(meta);
    var cut = snippet(row[5], row[6], current.query);
    if (cut) {
      var p = document.createElement("p");
      p.className = "teaser";
      if (cut.heading) {
        var label = document.createElement("span");
        label.className = "snippet-heading";
        highlight(label, cut.heading, current.query);
        p.appendChild(label);
        p.appendChild(document.createTextNode(" — "));
      }
      highlight(p, cut.text, current.query);
      li.appendChild(p);
    }
    return li;
  }

  var SNIPPET_CHARS = 180;
  // Characters of a block kept before the first word that matched.
  var LEAD_CHARS = 50;

  // What a result shows of a document's text (`blocks`, `headings` the
  // indices of the headings among them): from a little before the first
  // word that matched, else from the start, on through the blocks of the
  // same section (" · " between them) up to about SNIPPET_CHARS; and the
  // heading of that section, shown apart. Null when there is no text.
  function snippet(blocks, headings, words) {
    var isHeading = {};
    headings.forEach(function (h) { isHeading[h] = true; });
    var block = -1, offset = 0;
    for (var b = 0; b < blocks.length && block < 0; b++) {
      var spans = markSpans(blocks[b], words);
      if (spans.length) { block = b; offset = spans[0][0]; }
    }
    if (block < 0) {
      for (b = 0; b < blocks.length && block < 0; b++) if (!isHeading[b]) block = b;
      if (block < 0) return null;
    }
    var heading = null;
    if (isHeading[block]) {
      heading = blocks[block];
      block += 1;
      offset = 0;
    } else {
      for (var h = block - 1; h >= 0 && heading === null; h--) if (isHeading[h]) heading = blocks[h];
    }
    var text = "";
    if (block < blocks.length && !isHeading[block]) {
      text = blocks[block];
      if (offset > LEAD_CHARS) {
        var from = text.indexOf(" ", offset - LEAD_CHARS);
        text = "…" + text.slice(from >= 0 && from < offset ? from + 1 : offset);
      }
      for (var next = block + 1; next < blocks.length && !isHeading[next] && text.length < SNIPPET_CHARS; next++) {
        text += " · " + blocks[next];
      }
    }
    if (text.length > SNIPPET_CHARS) {
      var end = text.lastIndexOf(" ", SNIPPET_CHARS);
      text = text.slice(0, end > LEAD_CHARS ? end : SNIPPET_CHARS).replace(/[\s·]+$/, "") + "…";
    }
    return heading === null && !text ? null : { heading: heading, text: text };
  }

  // `code` spans, as CommonMark reads them: a run of backticks opens one,
  // the next run of the same length closes it; one space inside each end
  // is dropped.
  function inlineCode(text) {
    var out = [], at = 0, i = 0;
    while ((i = text.indexOf("`", i)) >= 0) {
      var n = runLength(text, i), close = -1, j = i + n;
      while ((j = text.indexOf("`", j)) >= 0) {
        var m = runLength(text, j);
        if (m === n) { close = j; break; }
        j += m;
      }
      if (close < 0) { i += n; continue; }
      var code = text.slice(i + n, close);
      if (/^ [^]*[^ ][^]* $/.test(code)) code = code.slice(1, -1);
      if (i > at) out.push({ code: false, text: text.slice(at, i) });
      out.push({ code: true, text: code });
      at = i = close + n;
    }
    if (at < text.length) out.push({ code: false, text: text.slice(at) });
    return out;
  }

  function runLength(text, at) {
    var n = 0;
    while (text.charAt(at + n) === "`") n++;
    return n;
  }

  // Whether a piece of text (a part between hyphens, or a hyphenated
  // whole) matched one of the query's terms. Wholes give terms with a
  // hyphen and parts terms without, so each meets only its own kind.
  function matches(piece, words, whole) {
    var folded = fold(piece);
    var found = pipeline(folded);
    var trimmed = trim(folded);
    for (var w = 0; w < words.length; w++) {
      var alternatives = words[w].alternatives;
      for (var a = 0; a < alternatives.length; a++) {
        for (var t = 0; t < alternatives[a].terms.length; t++) {
          var q = alternatives[a].terms[t];
          if (found && found.term && (found.term === q.term || (q.prefix && found.term.lastIndexOf(q.term, 0) === 0))) return true;
        }
      }
      if (whole) continue;
      // Words starting with what was typed (`runn` for `running`): of a
      // hyphenated word, its last part (`pay-31` does not mark `payment`).
      var typed = words[w].text.split("-");
      var raw = trim(typed[typed.length - 1]);
      if (raw.length > 1 && !STOP[raw] && trimmed.lastIndexOf(raw, 0) === 0) return true;
    }
    return false;
  }

  // [start, end) of each word of `text` that matched, in order. What a
  // piece gives is kept with the query: snippets look through whole
  // bodies, which repeat their words.
  function markSpans(text, words) {
    var memo = words.memo || (words.memo = {});
    function matched(piece, whole) {
      var key = (whole ? "w" : "p") + piece;
      if (!(key in memo)) memo[key] = matches(piece, words, whole);
      return memo[key];
    }
    var marks = [];
    var pattern = /\S+/g, match;
    while ((match = pattern.exec(text)) !== null) {
      var run = match[0];
      if (run.indexOf("-") >= 0 && matched(run, true)) {
        marks.push(span(match.index, run));
        continue;
      }
      var offset = 0;
      run.split("-").forEach(function (part) {
        if (part && matched(part, false)) marks.push(span(match.index + offset, part));
        offset += part.length + 1;
      });
    }
    return marks;
  }

  // Marks the words of `text` that matched, building text nodes only:
  // titles and snippets are never parsed as HTML.
  function highlight(parent, text, words) {
    var last = 0;
    markSpans(text, words).forEach(function (m) {
      parent.appendChild(document.createTextNode(text.slice(last, m[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(m[0], m[1]);
      parent.appendChild(mark);
      last = m[1];
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // Whether a character is kept by the trimmer once folded (`é` is).
  function wordChar(c) { return /[0-9a-z_]/.test(fold(c)); }

  // [start, end) of `piece` at `at`, without the punctuation around it.
  function span(at, piece) {
    var chars = Array.from(piece), lead = 0, tail = 0;
    while (lead < chars.length && !wordChar(chars[lead])) lead++;
    while (tail < chars.length - lead && !wordChar(chars[chars.length - 1 - tail])) tail++;
    var start = chars.slice(0, lead).join("").length;
    var end = piece.length - chars.slice(chars.length - tail).join("").length;
    return [at + start, at + Math.max(start, end)];
  }

  function syncUrl(p) {
    var query = [];
    if (p.q) query.push("q=" + encodeURIComponent(p.q));
    if (p.kind) query.push("kind=" + encodeURIComponent(p.kind));
    if (p.team) query.push("team=" + encodeURIComponent(p.team));
    try { history.replaceState(null, "", query.length ? "?" + query.join("&") : location.pathname); } catch (e) { /* some file:// setups refuse */ }
  }

  // The kind filter lists the manifest's kinds; then the URL sets the form.
  function fromUrl() {
    manifest.kinds.forEach(function (kind) {
      var option = document.createElement("option");
      option.value = kind.name;
      option.textContent = kind.plural;
      kindSelect.appendChild(option);
    });
    var search = new URLSearchParams(location.search);
    input.value = search.get("q") || "";
    [kindSelect, teamSelect].forEach(function (select) {
      var value = search.get(select.name);
      for (var i = 0; value && i < select.options.length; i++) if (select.options[i].value === value) select.value = value;
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  form.addEventListener("change", function (event) { if (event.target !== input) run(); });
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

  setStatus("Loading the search index…");
  load("manifest.js").then(function () {
    if (!manifest || manifest.format !== FORMAT) throw new Error("the index was built by another version of standin; rebuild the site");
    fromUrl();
    run();
    if (!input.value) input.focus();
  }).catch(function (error) {
    setStatus("Search is unavailable: " + error.message);
  });
})();
