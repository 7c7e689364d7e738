/* sphinx-scholar: copy buttons. Buttons stay hidden when this script or the clipboard is missing. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  document.querySelectorAll("button.scholar-copy").forEach(function (button) {
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      var target = document.getElementById(button.getAttribute("data-copy-target"));
      if (!target) return;
      var pre = target.querySelector("pre") || target;
      navigator.clipboard.writeText(pre.textContent.replace(/\s+$/, "") + "\n").then(function () {
        button.textContent = button.getAttribute("data-copied") || label;
        button.setAttribute("aria-live", "polite");
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();
/* sphinx-scholar: e-mail addresses, assembled here so that the page holds none. */
(function () {
  "use strict";
  document.querySelectorAll("span.scholar-email[data-u]").forEach(function (span) {
    var address = span.getAttribute("data-u").split("").reverse().join("") + "@" +
      span.getAttribute("data-d").split("").reverse().join("");
    var link = document.createElement("a");
    link.href = "mailto:" + address;
    link.className = "scholar-email";
    link.textContent = span.getAttribute("data-label") || address;
    link.title = address;
    span.replaceWith(link);
  });
})();
