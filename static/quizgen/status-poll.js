// Polls the status of the documents shown and reloads the page when one of them changes.
(function () {
  var script = document.currentScript;
  var pending = {};
  document.querySelectorAll(".qg-status[data-document-id]").forEach(function (badge) {
    var status = badge.getAttribute("data-status");
    if (status === "reading" || status === "queued" || status === "processing") {
      pending[badge.getAttribute("data-document-id")] = status;
    }
  });
  var ids = Object.keys(pending);
  if (!ids.length) { return; }
  var url = script.getAttribute("data-status-url") + "?" + ids.map(function (id) { return "id=" + id; }).join("&");
  function poll() {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.json(); })
      .then(function (statuses) {
        var changed = ids.some(function (id) { return statuses[id] && statuses[id].status !== pending[id]; });
        if (changed) { window.location.reload(); } else { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
