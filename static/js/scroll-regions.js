// Wide code and tables scroll sideways inside a region (blocks/templates/blocks/code.html and
// table.html). The HTML makes every such region a tab stop (tabindex="0"), so that keyboard users
// can scroll it even without this script. Where the content fits, the region has nothing to
// scroll, and a tab stop that does nothing is noise (and, for IBM's Equal Access checker, a
// focusable element without a widget role: element_tabbable_role_valid). So this keeps the tab
// stop only while the region really scrolls, re-checked whenever its size or content changes
// (a phone turned sideways, a window resized, fonts loaded).
(function () {
  "use strict";
  var regions = document.querySelectorAll("[data-scroll-region]");
  if (!regions.length) return;

  function update(region) {
    var scrolls = region.scrollWidth > region.clientWidth + 1 || region.scrollHeight > region.clientHeight + 1;
    if (scrolls) {
      region.setAttribute("tabindex", "0");
    } else if (document.activeElement !== region) {
      // Never pull focus out from under a reader: the stop goes once they have moved on.
      region.removeAttribute("tabindex");
    }
  }

  var observer = "ResizeObserver" in window
    ? new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { update(entry.target.closest("[data-scroll-region]")); });
      })
    : null;
  regions.forEach(function (region) {
    update(region);
    if (observer) {
      observer.observe(region);
      if (region.firstElementChild) observer.observe(region.firstElementChild);
    }
    region.addEventListener("blur", function () { update(region); });
  });
  if (!observer) window.addEventListener("resize", function () { regions.forEach(update); });
})();
