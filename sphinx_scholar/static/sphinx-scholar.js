/* sphinx-scholar: copy buttons. Buttons stay hidden when this script or the clipboard is missing. */
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll("button.scholar-copy").forEach(function (button) {
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      var target = document.getElementById(button.getAttribute("data-copy-target"));
      if (!target) return;
      var pre = target.querySelector("pre") || target;
      navigator.clipboard.writeText(pre.textContent.replace(/\s+$/, "") + "\n").then(function () {
        button.textContent = "Copied";
        button.setAttribute("aria-live", "polite");
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();
