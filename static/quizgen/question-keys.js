// Keys on the question page (not while typing): a approve, r reject, n next, p previous.
(function () {
  var targets = { a: "qg-approve", r: "qg-reject", n: "qg-next", p: "qg-previous" };
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    if (event.target.closest("input, textarea, select, [contenteditable]")) { return; }
    var element = document.getElementById(targets[event.key] || "");
    if (!element) { return; }
    event.preventDefault();
    element.click();
  });
})();
