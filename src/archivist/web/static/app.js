// archivist workbench: a popover for corrections (original, stage, confidence,
// alternatives). Everything works without it: each correction also has a title.
(function () {
  "use strict";
  var pop = null;
  function row(dl, label, value) {
    if (!value) { return; }
    var dt = document.createElement("dt");
    dt.textContent = label;
    var dd = document.createElement("dd");
    dd.textContent = value;  // textContent: stored text is never parsed as HTML
    dl.appendChild(dt);
    dl.appendChild(dd);
  }
  function show(el) {
    if (!pop) { return; }
    var d = el.dataset;
    pop.textContent = "";
    var dl = document.createElement("dl");
    row(dl, "original", d.orig === "" ? "(nothing)" : d.orig);
    if (d.repl !== undefined) { row(dl, "suggested", d.repl === "" ? "(delete)" : d.repl); }
    row(dl, "stage", d.stage);
    row(dl, "confidence", d.conf);
    row(dl, "alternatives", d.alts);
    row(dl, "status", d.status);
    row(dl, "reason", d.reason);
    pop.appendChild(dl);
    if (d.edit) {
      var a = document.createElement("a");
      a.href = "#edit-" + d.edit;
      a.textContent = "edit " + d.edit + " in the corrections table";
      pop.appendChild(a);
    }
    var r = el.getBoundingClientRect();
    pop.style.left = Math.max(4, window.scrollX + r.left) + "px";
    pop.style.top = (window.scrollY + r.bottom + 4) + "px";
    pop.hidden = false;
  }
  function hide() { if (pop) { pop.hidden = true; } }
  document.addEventListener("DOMContentLoaded", function () {
    pop = document.getElementById("popover");
    if (!pop) { return; }
    document.querySelectorAll("[data-edit]").forEach(function (el) {
      el.addEventListener("mouseenter", function () { show(el); });
      el.addEventListener("focus", function () { show(el); });
      el.addEventListener("mouseleave", hide);
      el.addEventListener("blur", hide);
      el.removeAttribute("title");  // the popover replaces the native tooltip
      el.setAttribute("aria-describedby", "popover");
    });
    document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { hide(); } });
  });
}());
