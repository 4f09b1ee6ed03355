// Review by fact: a group's kinds of question switch in place, without loading the page.
// Every variant is on the page as a form (data-panel), the others hidden; the kind links
// (data-variant) load ?show=<id> without JavaScript, and here show that variant's form.
(function () {
  function swap(element, tag, attributes) {
    var replacement = document.createElement(tag);
    replacement.textContent = element.textContent;
    replacement.setAttribute("data-variant", element.getAttribute("data-variant"));
    Object.keys(attributes).forEach(function (name) {
      replacement.setAttribute(name, attributes[name]);
    });
    element.replaceWith(replacement);
    return replacement;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest(".qg-variants a[data-variant]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    var group = link.closest(".qg-group");
    var panel = group && group.querySelector(
      '[data-panel="' + link.getAttribute("data-variant") + '"]'
    );
    if (!panel) { return; }
    event.preventDefault();
    var href = link.getAttribute("href");
    group.querySelectorAll("[data-panel]").forEach(function (form) {
      form.hidden = form !== panel;
    });
    var shown = group.querySelector(".qg-variants strong[data-variant]");
    if (shown) {
      var back = href.replace(/show=\d+/, "show=" + shown.getAttribute("data-variant"));
      swap(shown, "a", { href: back });
    }
    swap(link, "strong", { "aria-current": "true", tabindex: "-1" }).focus();
    window.history.replaceState(null, "", href);
  });
})();
