// Progressive enhancement of the quiz page: answers are saved as they are given, and a
// countdown shows the time left. Without this script the page saves on every navigation.
(function () {
  "use strict";
  var form = document.getElementById("quiz-form");
  if (!form) return;
  var status = document.getElementById("save-status");
  var resultUrl = form.dataset.resultUrl;
  var pending = false;  // an answer changed that the server has not confirmed yet
  var inFlight = false; // one save at a time, so answers arrive in the order they were given
  var again = false;
  var timer = null;

  function say(text) { if (status) status.textContent = text; }

  function answerFields() {
    var data = new FormData();
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.type === "submit" || field.disabled) return;
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) return;
      data.append(field.name, field.value);
    });
    return data;
  }

  function save() {
    pending = true;
    if (inFlight) { again = true; return; }
    inFlight = true;
    again = false;
    say("Saving…");
    fetch(form.dataset.autosaveUrl, {
      method: "POST", body: answerFields(), credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.json().then(function (body) {
        inFlight = false;
        if (again) { save(); return; }
        pending = false;
        if (response.ok) { say("All answers saved."); return; }
        say(body.message || "Your answer could not be saved.");
        if (body.result_url) setTimeout(function () { window.location.assign(body.result_url); }, 2500);
      });
    }).catch(function () {
      inFlight = false;
      say("Not saved: the connection is lost. Your answers will be saved when it is back.");
    });
  }

  form.addEventListener("change", function (event) {
    if (event.target.name) save();
  });
  // Typed answers are saved a moment after the student stops typing, not only on leaving.
  var typing = null;
  form.addEventListener("input", function (event) {
    if (event.target.type !== "text") return;
    clearTimeout(typing);
    typing = setTimeout(save, 800);
  });
  window.addEventListener("online", function () { if (pending) save(); });

  var clock = document.getElementById("timer");
  if (clock) {
    var alert = document.getElementById("timer-alert");
    var end = Date.now() + 1000 * parseInt(clock.dataset.secondsLeft, 10);
    var warned = {};
    var tick = function () {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      var minutes = Math.floor(left / 60), seconds = left % 60;
      clock.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      [300, 60].forEach(function (mark) {
        if (left <= mark && !warned[mark] && left > 0) {
          warned[mark] = true;
          if (alert) alert.textContent = (mark / 60) + " minute" + (mark > 60 ? "s" : "") + " left.";
        }
      });
      if (left === 0) {
        clearInterval(timer);
        say("Time is up: submitting your saved answers.");
        // The server submits the attempt with what was saved when the result is opened.
        window.location.assign(resultUrl);
      }
    };
    tick();
    timer = setInterval(tick, 1000);
  }
})();
