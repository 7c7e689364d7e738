/* sphinx_scholar theme: the remembered or default colour mode, set before the
 * first paint so dark never flashes light. A file (not an inline script), so
 * the site works under a Content-Security-Policy of default-src 'self'. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var meta = document.querySelector('meta[name="scholar-default-mode"]');
  var mode = meta ? meta.getAttribute("content") : "auto";
  try { mode = localStorage.getItem("scholar-mode") || mode; } catch (e) {}
  if (mode !== "light" && mode !== "dark") {
    mode = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  root.dataset.mode = mode;
})();
