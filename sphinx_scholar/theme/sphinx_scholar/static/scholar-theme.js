/* sphinx_scholar theme: phone menu and dark-mode toggle. The page works without this. */
(function () {
  "use strict";
  var root = document.documentElement;
  var menu = document.getElementById("scholar-menu");
  var menuButton = document.querySelector(".scholar-menu-button");
  if (menu && menuButton) {
    function setOpen(open) {
      menuButton.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("scholar-open", open);
    }
    menuButton.addEventListener("click", function () {
      setOpen(menuButton.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menuButton.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        menuButton.focus();
      }
    });
  }
  var modeButton = document.querySelector(".scholar-mode-button");
  if (modeButton) {
    function show() { modeButton.setAttribute("aria-pressed", root.dataset.mode === "dark" ? "true" : "false"); }
    show();
    modeButton.addEventListener("click", function () {
      root.dataset.mode = root.dataset.mode === "dark" ? "light" : "dark";
      try { localStorage.setItem("scholar-mode", root.dataset.mode); } catch (e) {}
      show();
    });
  }
})();
