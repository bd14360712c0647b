// Injected by `blog serve` into every HTML response (never into built files).
// Reloads this tab when the server says its page (or a stylesheet, script or image) changed,
// keeps the scroll position across the reload, and shows build problems as an overlay.
(function () {
  "use strict";
  var scrollKey = "blog-serve-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    window.scrollTo(0, parseInt(saved, 10));
  }

  function pagePath(dest) {
    if (dest === "index.html") return "/";
    if (dest.slice(-11) === "/index.html") return "/" + dest.slice(0, -10);
    return "/" + dest;
  }

  function concernsThisTab(changed) {
    var here = decodeURIComponent(location.pathname);
    for (var i = 0; i < changed.length; i++) {
      var dest = changed[i];
      if (/\.(css|js|woff2?|ttf|otf|png|jpe?g|gif|svg|webp|avif)$/.test(dest) && !/^pagefind\//.test(dest)) {
        return true;  // a stylesheet, script, font or image any page may use: reload every tab
      }
      if (pagePath(dest) === here) return true;
    }
    return false;
  }

  function showProblems(lines) {
    var overlay = document.getElementById("blog-serve-problems");
    if (!lines.length) {
      if (overlay) overlay.remove();
      return;
    }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "blog-serve-problems";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "margin:0;padding:1em 1.25em;background:#2b0b0e;color:#ffd7d7;border-top:3px solid #ff5c5c;" +
        "font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "blog serve: the last save did not build; showing the last good version.\n\n" + lines.join("\n");
  }

  var source = new EventSource("/__blog__/events");
  source.addEventListener("reload", function (event) {
    var data = JSON.parse(event.data);
    showProblems([]);
    if (concernsThisTab(data.changed)) {
      sessionStorage.setItem(scrollKey, String(window.scrollY));
      location.reload();
    }
  });
  source.addEventListener("problems", function (event) {
    showProblems(JSON.parse(event.data).lines);
  });
})();
