/* static/js/suggest.js: search-as-you-type for the header's search box (progressive: the form
   works without it). Asks /api/v1/suggest?q= as the shopper types, lists up to 8 products under
   the box (a WAI-ARIA combobox: arrows move, Enter opens, Escape closes), and opens the chosen
   product's page. Loaded with defer; no other script depends on it. */
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("q-suggest");
  if (!input || !list || !window.fetch || !input.getAttribute("data-suggest")) return;
  var endpoint = input.getAttribute("data-suggest");
  var lang = input.getAttribute("data-lang") || "vi";
  var timer = null, controller = null, items = [], active = -1, lastQuery = "";

  function close() {
    list.hidden = true;
    list.textContent = "";
    items = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function go(item) {
    window.location.href = "/" + lang + "/p/" + encodeURIComponent(item.slug);
  }

  function highlight(n) {
    var nodes = list.children;
    for (var i = 0; i < nodes.length; i++) nodes[i].setAttribute("aria-selected", i === n ? "true" : "false");
    active = n;
    if (n >= 0) input.setAttribute("aria-activedescendant", nodes[n].id);
    else input.removeAttribute("aria-activedescendant");
  }

  function show(data) {
    list.textContent = "";
    items = (data && data.items) || [];
    if (!items.length) { close(); return; }
    items.forEach(function (item, i) {
      var li = document.createElement("li");
      li.id = "q-suggest-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.textContent = item.text;
      li.addEventListener("mousedown", function (e) { e.preventDefault(); go(item); });
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
  }

  function ask() {
    var q = input.value.trim();
    if (q === lastQuery) return;
    lastQuery = q;
    if (q.length < 2) { close(); return; }
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    fetch(endpoint + "&q=" + encodeURIComponent(q), controller ? { signal: controller.signal } : {})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (input.value.trim() === q) show(data); })
      .catch(function () {});
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 120);
  });
  input.addEventListener("keydown", function (e) {
    if (list.hidden) return;
    if (e.key === "ArrowDown") { e.preventDefault(); highlight((active + 1) % items.length); }
    else if (e.key === "ArrowUp") { e.preventDefault(); highlight(active <= 0 ? items.length - 1 : active - 1); }
    else if (e.key === "Escape") { e.preventDefault(); close(); }
    else if (e.key === "Enter" && active >= 0) { e.preventDefault(); go(items[active]); }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
