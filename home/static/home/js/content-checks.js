/*
 * Conference Notes' own checks for Wagtail's content checker (the userbar's
 * "Checks" and the editor's Checks panel). Loaded after Wagtail's userbar.js,
 * before the page's load event, when the checker starts.
 *
 * The rules that use these checks, and their options (patterns, word lists),
 * are defined in Python: home/content_checker.py. The file-name patterns are the
 * same ones the editor's validation applies on publish (blocks/media.py).
 */
(() => {
  // Lower case, separators as spaces, no trailing punctuation: "Page_Tree-diagram." -> "page tree diagram".
  const comparable = (text) =>
    (text || "")
      .replace(/[\s_.-]+/g, " ")
      .replace(/[!?:;,…]+$/, "")
      .trim()
      .toLowerCase();

  // A rendition's file name starts with its original's: "/media/images/IMG_0042_VdOwvfa.width-1200.jpg".
  const fileStem = (src, suffixPattern) => {
    const name = decodeURIComponent((src || "").split(/[?#]/)[0].split("/").pop() || "");
    return name.split(".")[0].replace(new RegExp(suffixPattern), "");
  };

  const checks = {
    "cn-alt-text-file-name": (node, options) => {
      const alt = (node.getAttribute("alt") || "").trim();
      if (!alt) return true;
      if (options.patterns.some((pattern) => new RegExp(pattern, "i").test(alt))) return false;
      const stem = fileStem(node.getAttribute("src"), options.suffixPattern);
      return !stem || comparable(stem) !== comparable(alt);
    },

    "cn-alt-text-repeats-caption": (node, options) => {
      const alt = comparable(node.getAttribute("alt"));
      const caption = node.closest("figure")?.querySelector("figcaption");
      if (!alt || !caption) return true;
      const copy = caption.cloneNode(true);
      options.ignore.forEach((selector) => copy.querySelectorAll(selector).forEach((el) => el.remove()));
      const text = comparable(copy.textContent);
      if (!text) return true;
      // The same words, or the whole alt text inside a longer caption: either way read twice.
      return !(text === alt || (alt.length >= options.minLength && text.includes(alt)));
    },

    "cn-link-text-vague": (node, options) => {
      const name = node.getAttribute("aria-label") || node.textContent;
      const words = (name || "")
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s]+/gu, " ")
        .replace(/\s+/g, " ")
        .trim();
      return !options.phrases.includes(words);
    },
  };

  const userbar = window.wagtail && window.wagtail.userbar;
  if (!userbar || typeof userbar.registerCheck !== "function") return;
  Object.entries(checks).forEach(([id, evaluate]) => userbar.registerCheck(id, evaluate));
})();
