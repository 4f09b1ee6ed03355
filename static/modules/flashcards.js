// Flashcard keys: Space or Enter shows the answer, 1-4 rate it.
(function () {
  var answer = document.getElementById("card-answer");
  var summary = answer.querySelector("summary");
  summary.focus();
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) return;
    if (!answer.open && (event.key === " " || event.key === "Enter") && target !== summary) {
      event.preventDefault(); answer.open = true; return;
    }
    if (answer.open && /^[1-4]$/.test(event.key)) {
      var button = answer.querySelector('button[data-key="' + event.key + '"]');
      if (button) { event.preventDefault(); button.click(); }
    }
  });
})();

