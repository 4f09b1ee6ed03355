// Drag the question rows to reorder them; the position fields follow the new order.
(function () {
  var body = document.querySelector(".tabular.inline-related tbody");
  if (!body) { return; }
  var dragged = null;
  function renumber() {
    var position = 1;
    body.querySelectorAll("tr.form-row").forEach(function (row) {
      var input = row.querySelector("input[name$='-position']");
      var question = row.querySelector("select[name$='-question'], input[name$='-question']");
      if (input && question && question.value) { input.value = position++; }
    });
  }
  body.querySelectorAll("tr.form-row.has_original").forEach(function (row) {
    row.setAttribute("draggable", "true");
    row.classList.add("qg-drag");
    row.addEventListener("dragstart", function () { dragged = row; row.classList.add("qg-dragging"); });
    row.addEventListener("dragend", function () { row.classList.remove("qg-dragging"); dragged = null; renumber(); });
    row.addEventListener("dragover", function (event) {
      event.preventDefault();
      if (!dragged || dragged === row) { return; }
      var box = row.getBoundingClientRect();
      body.insertBefore(dragged, event.clientY < box.top + box.height / 2 ? row : row.nextSibling);
    });
  });
})();
