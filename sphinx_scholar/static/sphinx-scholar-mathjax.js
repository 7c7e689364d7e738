/* sphinx-scholar: safe MathJax for math that comes from BibTeX and YAML data.
 * Loaded on pages with math, after any mathjax3_config/mathjax4_config of
 * conf.py (which it extends) and before MathJax itself (deferred):
 * - the ui/safe extension: \href only to http(s)/mailto, no \style, \class
 *   or \cssId that could cover or restyle the page;
 * - inside sphinx-scholar's blocks (class "scholar") MathJax reads only the
 *   math nodes (class "math"), never text that happens to hold \( ... \). */
(function () {
  "use strict";
  var mj = (window.MathJax = window.MathJax || {});
  mj.loader = mj.loader || {};
  mj.loader.load = mj.loader.load || [];
  if (mj.loader.load.indexOf("ui/safe") < 0) mj.loader.load.push("ui/safe");
  mj.options = mj.options || {};
  mj.options.ignoreHtmlClass = (mj.options.ignoreHtmlClass || "tex2jax_ignore|mathjax_ignore") + "|scholar";
  mj.options.processHtmlClass = (mj.options.processHtmlClass || "tex2jax_process|mathjax_process") + "|math";
  mj.options.safeOptions = mj.options.safeOptions || {};
  mj.options.safeOptions.safeProtocols = { http: true, https: true, mailto: true, file: false, javascript: false, data: false };
  mj.options.safeOptions.allow = { URLs: "safe", classes: "none", cssIDs: "none", styles: "none" };
})();
