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
  // Desktop: the pages that do not fit on the top bar's line go into "More",
  // last first; on a phone (the menu button shows) every page is in the menu.
  var more = document.querySelector(".scholar-more");
  var pages = menu && menu.querySelector(":scope > ul");
  if (more && pages) {
    var moreList = more.querySelector("ul");
    var items = Array.prototype.slice.call(pages.children);
    var fit = function () {
      items.forEach(function (item) { pages.appendChild(item); });
      more.hidden = true;
      more.open = false;
      if (menuButton && getComputedStyle(menuButton).display !== "none") return;
      var oneLine = function () {
        // One line: every item shares a horizontal band (heights differ a little).
        var boxes = Array.prototype.map.call(
          menu.querySelectorAll(":scope > ul > li, :scope > .scholar-extra-links > li, :scope > a, :scope > .scholar-more:not([hidden])"),
          function (el) { return el.getBoundingClientRect(); });
        var top = Math.max.apply(null, boxes.map(function (b) { return b.top; }));
        var bottom = Math.min.apply(null, boxes.map(function (b) { return b.bottom; }));
        return top < bottom;
      };
      while (!oneLine() && pages.children.length > 1) {
        more.hidden = false;
        moreList.insertBefore(pages.lastElementChild, moreList.firstChild);
      }
    };
    fit();
    var timer;
    window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(fit, 100); });
    document.addEventListener("click", function (event) {
      if (more.open && !more.contains(event.target)) more.open = false;
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && more.open) { more.open = false; more.querySelector("summary").focus(); }
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
