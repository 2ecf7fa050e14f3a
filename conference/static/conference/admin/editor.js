// Small helps in the page editor, added without changing Wagtail's own code or our blocks' definitions.
(() => {
  "use strict";

  // The lightning talks panel is shown only while the talk's kind is "Lightning talks". It stays in the form
  // (hidden, not removed), so switching the kind back and forth loses nothing the editor typed.
  function syncKindPanels() {
    const kind = document.querySelector("select[name='kind']");
    document.querySelectorAll("[data-shown-for-kind]").forEach((panel) => {
      panel.hidden = Boolean(kind) && kind.value !== panel.dataset.shownForKind;
    });
  }

  // Tables have one column type (text), so "Add column" adds it at once instead of opening a one-item menu.
  function addTheOnlyColumnType(event) {
    const table = event.target.closest(".typed-table-block");
    if (!table || event.target.closest(".add-column-menu")) return;
    const menu = table.querySelector(".add-column-menu");
    if (!menu || menu.offsetParent === null) return;
    const choices = menu.querySelectorAll("button");
    if (choices.length === 1) choices[0].click();
  }

  // A table's caption is required to publish: mark it like Wagtail marks its required fields.
  // A list item's "+" adds what goes under it (a sub-list, a paragraph, code...): say so in words,
  // not only with an icon. The item's blocks are a StreamBlock with the class "nested-list".
  function markFields(root) {
    root.querySelectorAll(".typed-table-block label[for$='-caption']:not([data-marked])").forEach((label) => {
      label.dataset.marked = "";
      const mark = document.createElement("span");
      mark.className = "w-required-mark";
      mark.textContent = "*";
      label.append(" ", mark);
    });
    const addButtons = ".nested-list .c-sf-add-button:not([data-marked]), .nested-list [data-streamfield-list-add]:not([data-marked])";
    root.querySelectorAll(addButtons).forEach((button) => {
      button.dataset.marked = "";
      button.classList.add("conference-add-sub-item");
      const words = document.createElement("span");
      words.textContent = "Add under this item";
      button.append(words);
    });
  }

  function start() {
    syncKindPanels();
    markFields(document);
    document.addEventListener("change", (event) => {
      if (event.target.matches("select[name='kind']")) syncKindPanels();
    });
    document.addEventListener("click", addTheOnlyColumnType);
    new MutationObserver(() => markFields(document)).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
