/* Search in a static archive of Conference Notes (see conference/archive/search.py).
 *
 * Over HTTP, Pagefind's index (../pagefind/) answers; opened from disk (file:), where browsers
 * refuse the module import and fetches Pagefind needs, the plain index in search-index.js does.
 * The query comes from ?q= (both search forms submit here); the count is announced through the
 * role="status" paragraph, and each result is a link in an ordered list.
 */
(function () {
  "use strict";

  var root = new URL("../", window.location.href);
  var status = document.getElementById("archive-search-status");
  var list = document.getElementById("archive-search-results");
  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  var MAX_RESULTS = 50;

  ["search-q", "site-search-q"].forEach(function (id) {
    var input = document.getElementById(id);
    if (input) input.value = query;
  });
  if (!status || !list) return;
  if (!query) {
    status.textContent = "Type words from a talk's title, speakers or notes, then press Search.";
    return;
  }
  if (window.location.protocol === "file:") {
    show(fallbackSearch(query));
    return;
  }
  status.textContent = "Searching…";
  import(new URL("pagefind/pagefind.js", root).href)
    .then(function (pagefind) {
      return pagefind.search(query);
    })
    .then(function (search) {
      return Promise.all(search.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }));
    })
    .then(function (found) {
      show(found.map(function (data) {
        return { url: data.url.replace(/^\//, ""), title: data.meta.title || data.url, excerptHtml: data.excerpt };
      }));
    })
    .catch(function () {
      show(fallbackSearch(query));
    });

  function show(results) {
    list.textContent = "";
    results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = new URL(result.url, root).href;
      link.textContent = result.title;
      item.appendChild(link);
      var excerpt = document.createElement("p");
      if (result.excerptHtml) {
        excerpt.innerHTML = result.excerptHtml; // Pagefind escapes the page text and adds <mark>
      } else {
        excerpt.textContent = result.excerpt;
      }
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    var count = results.length;
    status.textContent = count
      ? count + (count === 1 ? " page" : " pages") + " found for “" + query + "”."
      : "No pages match “" + query + "”. Try fewer or different words.";
  }

  function fallbackSearch(text) {
    var terms = text.toLowerCase().split(/\s+/).filter(Boolean);
    var pages = window.archiveSearchIndex || [];
    var matches = [];
    pages.forEach(function (page) {
      var title = page.title.toLowerCase();
      var body = page.text.toLowerCase();
      if (!terms.every(function (term) { return title.indexOf(term) >= 0 || body.indexOf(term) >= 0; })) return;
      // Words in the title first, then the page that uses the words most (a talk over the cards that list it).
      var score = terms.reduce(function (sum, term) {
        return sum + (title.indexOf(term) >= 0 ? 1000 : 0) + body.split(term).length - 1;
      }, 0);
      var at = Math.max(0, body.indexOf(terms[0]) - 60);
      matches.push({ url: page.url, title: page.title, excerpt: "…" + page.text.slice(at, at + 180) + "…", score: score });
    });
    matches.sort(function (a, b) { return b.score - a.score; });
    return matches.slice(0, MAX_RESULTS);
  }
})();
