/* sphinx-scholar: filter a publication list by text and facets; state in the URL hash. */
(function () {
  "use strict";
  function norm(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function decode(text) {
    // A malformed escape ("#q=%") is kept as it is written, never a URIError.
    try { return decodeURIComponent(text); } catch (e) { return text; }
  }
  function readHash() {
    var state = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var kv = part.split("=");
      if (kv.length === 2) state[decode(kv[0])] = decode(kv[1]);
    });
    return state;
  }
  document.querySelectorAll("[data-scholar-filter]").forEach(function (box) {
    var list = document.getElementById(box.getAttribute("data-scholar-filter"));
    if (!list) return;
    var input = box.querySelector("input"), status = box.querySelector(".scholar-filter-status");
    var chips = box.querySelectorAll(".scholar-chip");
    // The words come from the page (data-label-*), in its language: no text lives in this file.
    var lang = (box.closest("[lang]") || document.documentElement).getAttribute("lang") || "en";
    var text = { one: box.dataset.labelOne, other: box.dataset.labelOther,
      ofOne: box.dataset.labelOfOne, ofOther: box.dataset.labelOfOther };
    function number(n) { try { return n.toLocaleString(lang); } catch (e) { return String(n); } }
    function plural(n) { try { return new Intl.PluralRules(lang).select(n); } catch (e) { return n === 1 ? "one" : "other"; } }
    function fill(template, values) {
      return (template || "").replace(/%\((\w+)\)s/g, function (m, name) { return name in values ? values[name] : m; });
    }
    var items = list.querySelectorAll(".scholar-pub");
    // The text, plus the keywords (classes scholar-f-keyword-*): those without a chip are found by typing.
    var texts = Array.prototype.map.call(items, function (li) {
      var keywords = Array.prototype.filter.call(li.classList, function (c) { return c.indexOf("scholar-f-keyword-") === 0; })
        .map(function (c) { return c.slice(18).replace(/-/g, " "); });
      return norm(li.textContent + " " + keywords.join(" "));
    });
    box.hidden = false;
    function apply(write) {
      var words = norm(input.value).split(/\s+/).filter(Boolean), wanted = {}, shown = 0;
      chips.forEach(function (c) {
        if (c.getAttribute("aria-pressed") === "true") {
          (wanted[c.dataset.facet] = wanted[c.dataset.facet] || []).push("scholar-f-" + c.dataset.facet + "-" + c.dataset.value);
        }
      });
      items.forEach(function (li, i) {
        var ok = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        Object.keys(wanted).forEach(function (f) {
          ok = ok && wanted[f].some(function (cls) { return li.classList.contains(cls); });
        });
        li.hidden = !ok;
        if (ok) shown++;
      });
      list.querySelectorAll(".scholar-group-heading").forEach(function (h) {
        var next = h.nextElementSibling;
        h.hidden = !!next && !next.querySelector(".scholar-pub:not([hidden])");
        if (next) next.hidden = h.hidden;
      });
      status.textContent = shown < items.length ?
        fill(plural(shown) === "one" ? text.ofOne : text.ofOther, { shown: number(shown), total: number(items.length) }) :
        fill(plural(shown) === "one" ? text.one : text.other, { count: number(shown) });
      if (write) {
        var parts = [];
        if (input.value) parts.push("q=" + encodeURIComponent(input.value));
        Object.keys(wanted).forEach(function (f) {
          parts.push(f + "=" + wanted[f].map(function (c) { return c.split("-").slice(3).join("-"); }).join(","));
        });
        history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search);
      }
    }
    var state = readHash();
    if (state.q) input.value = state.q;
    chips.forEach(function (c) {
      var values = (state[c.dataset.facet] || "").split(",");
      if (values.indexOf(c.dataset.value) >= 0) c.setAttribute("aria-pressed", "true");
      c.addEventListener("click", function () {
        c.setAttribute("aria-pressed", c.getAttribute("aria-pressed") === "true" ? "false" : "true");
        apply(true);
      });
    });
    input.addEventListener("input", function () { apply(true); });
    apply(false);
  });
})();
