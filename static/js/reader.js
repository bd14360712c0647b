/* Conveniences over a post that reads fully without them: a copy button on each code block, the
   back-to-top link kept at hand once the reader has scrolled, and the table of contents marking
   the section in view. Settings come from the script tag's data- attributes (partials/reader_end.html). */
(function () {
  "use strict";
  var script = document.currentScript;
  var label = script.dataset;

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // file:// and plain http: the older way, through a selection
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.cssText = "position:fixed;opacity:0";
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand("copy");
    area.remove();
    return done ? Promise.resolve() : Promise.reject();
  }

  function addCopyButtons() {
    document.querySelectorAll(".post-content pre.highlight").forEach(function (pre) {
      var box = document.createElement("div");
      var button = document.createElement("button");
      box.className = "code-box";
      button.type = "button";
      button.className = "copy-code";
      button.textContent = label.copy;
      pre.replaceWith(box);
      box.append(pre, button);
      button.addEventListener("click", function () {
        copyText(pre.querySelector("code").textContent).then(function () {
          button.textContent = label.copied;
          button.classList.add("done");
          setTimeout(function () { button.textContent = label.copy; button.classList.remove("done"); }, 2000);
        });
      });
    });
  }

  function keepBackToTopAtHand() {
    var link = document.querySelector(".back-to-top");
    var header = document.querySelector(".post-header");
    if (!link || !header || !window.IntersectionObserver) return;
    link.classList.add("floating");
    new IntersectionObserver(function (entries) {
      var above = entries[0].boundingClientRect.bottom < 0;
      link.classList.toggle("shown", above && !entries[0].isIntersecting);
    }).observe(header);
  }

  // Wide screens show the TOC beside the post whether or not its <details> is open (reader.css);
  // keep `open` true there so assistive technology hears it as expanded. On phones, a chosen
  // section folds the TOC away again.
  function fitToc() {
    var toc = document.querySelector("details.toc");
    if (!toc) return;
    var wide = window.matchMedia("(min-width: 1200px)");
    function fit() { if (wide.matches) toc.open = true; }
    wide.addEventListener("change", fit);
    fit();
    toc.addEventListener("click", function (event) {
      if (event.target.closest("a") && !wide.matches) toc.open = false;
    });
  }

  function followToc() {
    var links = {};
    document.querySelectorAll(".toc[data-follow] a[href^='#']").forEach(function (a) {
      links[decodeURIComponent(a.hash.slice(1))] = a;
    });
    var headings = Array.prototype.filter.call(
      document.querySelectorAll(".post-content :is(h1,h2,h3,h4,h5,h6)[id]"), function (h) { return links[h.id]; });
    if (!headings.length) return;
    var current = null, pending = false;
    function mark() {
      pending = false;
      var line = window.innerHeight * 0.3, found = null;
      headings.forEach(function (h) { if (h.getBoundingClientRect().top <= line) found = links[h.id]; });
      if (found === current) return;
      if (current) current.removeAttribute("aria-current");
      if (found) found.setAttribute("aria-current", "location");
      current = found;
    }
    window.addEventListener("scroll", function () {
      if (!pending) { pending = true; requestAnimationFrame(mark); }
    }, { passive: true });
    mark();
  }

  // giscus draws the comments in its own frame; keep them in the page's colours, which the reader
  // may have switched with the theme toggle (html[data-theme]). The frame says when it is ready.
  function matchComments() {
    var root = document.documentElement, origin = "https://giscus.app", ready = false;
    function send() {
      var frame = document.querySelector("iframe.giscus-frame");
      var dark = root.dataset.theme ? root.dataset.theme === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
      if (frame) frame.contentWindow.postMessage({ giscus: { setConfig: { theme: dark ? "dark" : "light" } } }, origin);
    }
    window.addEventListener("message", function (event) {
      if (event.origin === origin && !ready) { ready = true; send(); }
    });
    new MutationObserver(send).observe(root, { attributes: true, attributeFilter: ["data-theme"] });
  }

  if (!("noCopy" in label)) addCopyButtons();
  if (document.querySelector(".comments")) matchComments();
  keepBackToTopAtHand();
  fitToc();
  followToc();
})();
