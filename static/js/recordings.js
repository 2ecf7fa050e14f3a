// Click-to-load recordings (conference/recordings.py): the poster is a link to the video on its own
// site; on click it becomes the player's iframe, so nothing loads from the video host until then.
// Without this script the link simply opens the video there.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-player-src]") : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = link.getAttribute("data-player-src");
    frame.title = link.getAttribute("data-player-title");
    frame.className = "recording__frame";
    frame.setAttribute("allow", "autoplay; fullscreen; picture-in-picture");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    link.replaceWith(frame);
    frame.focus();
  });
})();
