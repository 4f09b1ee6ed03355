// Progressive enhancement of the quiz page: answers are saved as they are given, the counter
// and the navigator follow, a countdown shows the time left, ordering and matching questions
// are reordered with Up and Down buttons, and leaving the page while offline is held back with
// a notice. Without this script the page saves on every navigation.
(function () {
  "use strict";
  var notice = document.getElementById("offline-notice");
  var status = document.getElementById("save-status");
  var held = null;  // what a press held back while offline said; kept until back online
  var timer = null;

  function say(text) { if (status) status.textContent = text; }

  // The notice is fixed to the bottom of the screen, wherever the student has scrolled; the
  // page gains as much room below, so nothing stays hidden under it.
  function showNotice(text) {
    if (!notice) return;
    notice.textContent = text;
    notice.hidden = false;
    document.body.style.paddingBottom = notice.offsetHeight + "px";
  }

  function hideNotice() {
    held = null;
    if (!notice) return;
    notice.hidden = true;
    document.body.style.paddingBottom = "";
  }

  // The countdown, on the quiz page and on the confirmation page alike. The server's seconds
  // are rounded up, so it ends after the server's deadline and the result it opens is the
  // submitted attempt.
  var clock = document.getElementById("timer");
  if (clock) {
    var alert = document.getElementById("timer-alert");
    var end = Date.now() + 1000 * parseInt(clock.dataset.secondsLeft, 10);
    var tick = function () {
      var left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      var minutes = Math.floor(left / 60), seconds = left % 60;
      clock.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      // Said as the countdown passes the mark, not on a page opened with less time left.
      [300, 60].forEach(function (mark) {
        if (alert && left <= mark && left > mark - 2) {
          alert.textContent = (mark / 60) + " minute" + (mark > 60 ? "s" : "") + " left.";
        }
      });
      if (left === 0) {
        clearInterval(timer);
        var up = "Time is up: submitting your saved answers.";
        if (status) say(up); else if (alert) alert.textContent = up;
        var open = function () { window.location.assign(clock.dataset.resultUrl); };
        if (navigator.onLine === false) {
          // The server submits the saved answers at the deadline: the result opens once the
          // connection is back, not the browser's error page now.
          held = "Time is up. Your saved answers are submitted; the result opens as soon as " +
            "the connection is back.";
          showNotice(held);
          window.addEventListener("online", open);
        } else {
          open();
        }
      }
    };
    tick();
    timer = setInterval(tick, 1000);
  }

  // The confirmation page: submitting, or going back to the questions, while offline would
  // show the browser's error page. Stay, and say what to do.
  var confirmForm = document.getElementById("confirm-form");
  if (confirmForm) {
    var hold = function (event, text) {
      if (navigator.onLine !== false) return;
      event.preventDefault();
      held = text;
      showNotice(text);
    };
    confirmForm.addEventListener("submit", function (event) {
      hold(event, "You are offline, so the quiz cannot be submitted yet. Your answers are " +
        "saved. Stay on this page, reconnect, then press “Submit answers” again. If time " +
        "runs out first, the attempt is submitted with the saved answers.");
    });
    Array.prototype.forEach.call(document.querySelectorAll("#confirm-form a[href], #unanswered a[href]"), function (link) {
      link.addEventListener("click", function (event) {
        hold(event, "You are offline, so the questions cannot be opened yet. Your answers " +
          "are saved. Reconnect, then try again.");
      });
    });
    window.addEventListener("offline", function () {
      showNotice(held || "You are offline. Your answers are saved; reconnect to submit them.");
    });
    window.addEventListener("online", hideNotice);
    return;
  }

  var form = document.getElementById("quiz-form");
  if (!form) return;
  var counter = document.getElementById("answered-count");
  var questionCount = parseInt(form.dataset.questionCount, 10);
  var pending = false;  // an answer changed that the server has not confirmed yet
  var inFlight = false; // one save at a time, so answers arrive in the order they were given
  var again = false;
  var connectionLost = false;

  function offline() { return connectionLost || navigator.onLine === false; }

  var OFFLINE = "You are offline. Your answers so far are saved; changes you make now are " +
    "kept on this page and saved as soon as the connection is back.";

  function answerFields() {
    var data = new FormData();
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.type === "submit" || field.type === "button" || field.disabled) return;
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) return;
      data.append(field.name, field.value);
    });
    return data;
  }

  // Whether a question on this page has an answer in its fields now.
  function hasAnswer(card) {
    return Array.prototype.some.call(card.querySelectorAll("input, select"), function (field) {
      if (field.type === "hidden" || field.type === "submit" || field.type === "button") return false;
      if (field.type === "radio" || field.type === "checkbox") return field.checked;
      return field.value.trim() !== "";
    });
  }

  // After a save: the questions on this page as their fields stand, the others as the
  // navigator already shows them; the counter adds both up.
  function showAnswered() {
    var onPage = {};
    Array.prototype.forEach.call(form.querySelectorAll(".question[data-number]"), function (card) {
      onPage[card.dataset.number] = hasAnswer(card);
    });
    var buttons = document.querySelectorAll(".navigator button[data-number]");
    var count = 0;
    Array.prototype.forEach.call(buttons, function (button) {
      var number = button.dataset.number;
      var done = number in onPage ? onPage[number] : button.classList.contains("answered");
      if (done) count += 1;
      button.className = done ? "answered" : "unanswered";
      var label = button.querySelector(".sr-only");
      if (label) {
        label.textContent = (done ? ", answered" : ", not answered") +
          (button.hasAttribute("aria-current") ? ", current" : "");
      }
    });
    if (!buttons.length) {
      Object.keys(onPage).forEach(function (number) { if (onPage[number]) count += 1; });
    }
    if (counter) counter.textContent = count + " of " + questionCount + " answered.";
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
        connectionLost = false;
        hideNotice();
        if (again) { save(); return; }
        pending = false;
        if (response.ok) {
          say("All answers saved.");
          showAnswered();
          flushDeferred();
          return;
        }
        deferred = null;
        say(body.message || "Your answer could not be saved.");
        if (body.result_url) setTimeout(function () { window.location.assign(body.result_url); }, 2500);
      });
    }).catch(function () {
      inFlight = false;
      connectionLost = true;
      say("Not saved: the connection is lost. Your answers will be saved when it is back.");
      showNotice(held || OFFLINE);
      flushDeferred();
    });
  }

  // A button pressed while an answer is being saved waits for that save (a few seconds at
  // most), so the two requests never race and the answers arrive in order.
  var deferred = null;
  function flushDeferred() {
    if (!deferred) return;
    var button = deferred;
    deferred = null;
    if (button === true) form.requestSubmit(); else form.requestSubmit(button);
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
  window.addEventListener("offline", function () { showNotice(held || OFFLINE); });
  window.addEventListener("online", function () {
    connectionLost = false;
    hideNotice();
    if (pending) save();
  });

  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (offline()) {
      // Leaving now would show the browser's error page: stay, and say what to do.
      event.preventDefault();
      var finishing = button && button.name === "finish";
      // Kept until the connection is back: the failed save below does not replace it.
      held = finishing
        ? "You are offline, so the quiz cannot be submitted yet. Your answers are saved " +
          "(the latest as soon as the connection is back). Stay on this page, reconnect, " +
          "then press “Finish and submit…” again. If time runs out first, the attempt is " +
          "submitted with the saved answers."
        : "You are offline, so you cannot move to another question yet. Your answers are " +
          "saved (the latest as soon as the connection is back). Reconnect, then try again.";
      showNotice(held);
      if (pending) save();
      return;
    }
    clearTimeout(typing);
    if (inFlight) {
      event.preventDefault();
      deferred = button || true;
      setTimeout(flushDeferred, 5000);
      return;
    }
    if (button && button.name === "skip") {
      // Skip leaves the question as it was when the page opened, although a typed answer
      // may already have been saved: send the page's first answer back with the move.
      event.preventDefault();
      form.reset();
      var move = document.createElement("input");
      move.type = "hidden";
      move.name = "goto";
      move.value = button.value;
      form.appendChild(move);
      form.submit();
    }
  });

  // Ordering and matching: the items as a list, each moved with Up and Down buttons (touch
  // and keyboard alike), so an item takes exactly one place and long items wrap. The
  // selects stay in the form, hidden, holding the answer sent.
  function enhanceReorder(fieldset) {
    var rows = Array.prototype.slice.call(fieldset.querySelectorAll(".row"));
    var selects = rows.map(function (row) { return row.querySelector("select"); });
    if (!selects.length) return;
    var matching = fieldset.dataset.reorder === "matching";
    var slots = rows.map(function (row) { return row.querySelector("label").textContent; });
    var choices = Array.prototype.slice.call(selects[0].options)
      .map(function (option) { return option.value; })
      .filter(function (value) { return value !== ""; });
    var locked = selects[0].disabled;
    var order = [];
    selects.forEach(function (select) {
      if (select.value && order.indexOf(select.value) < 0) order.push(select.value);
    });
    var answered = order.length > 0;
    choices.forEach(function (choice) { if (order.indexOf(choice) < 0) order.push(choice); });

    var hint = fieldset.querySelector(".hint");
    if (hint && !locked) {
      hint.textContent = matching
        ? "Move the answers up or down until each stands beside its match."
        : "Move the items up or down until they are in order, first at the top.";
    }
    var list = document.createElement("ol");
    list.className = "reorder";
    var live = document.createElement("p");
    live.className = "sr-only";
    live.setAttribute("aria-live", "polite");
    var keep = null;
    if (!answered && !locked) {
      keep = document.createElement("button");
      keep.type = "button";
      keep.className = "secondary";
      keep.textContent = matching ? "Keep these matches" : "Keep this order";
      keep.addEventListener("click", function () { commit(); keep.remove(); });
    }
    rows.forEach(function (row) { row.hidden = true; });
    fieldset.appendChild(list);
    if (keep) fieldset.appendChild(keep);
    fieldset.appendChild(live);

    function commit() {
      selects.forEach(function (select, index) { select.value = order[index] || ""; });
      answered = true;
      save();
    }

    function slotName(index) {
      return index < slots.length ? (matching ? slots[index] : "position " + (index + 1)) : "not used";
    }

    function move(index, step, direction) {
      var target = index + step;
      var item = order[index];
      order[index] = order[target];
      order[target] = item;
      render();
      commit();
      if (keep) { keep.remove(); keep = null; }
      live.textContent = matching
        ? "“" + item + "” now matches " + slotName(target) + "."
        : "“" + item + "” moved to " + slotName(target) + " of " + order.length + ".";
      var buttons = list.querySelectorAll("li")[target].querySelectorAll("button");
      var same = direction === "up" ? buttons[0] : buttons[1];
      (same && !same.disabled ? same : (buttons[0].disabled ? buttons[1] : buttons[0])).focus();
    }

    function render() {
      list.textContent = "";
      order.forEach(function (item, index) {
        var li = document.createElement("li");
        var slot = document.createElement("span");
        slot.className = "slot";
        slot.textContent = index < slots.length ? (matching ? slots[index] + " →" : (index + 1) + ".") : "Not used:";
        var text = document.createElement("span");
        text.className = "item";
        text.textContent = item;
        li.appendChild(slot);
        li.appendChild(text);
        if (!locked) {
          [["up", -1, "↑ Up"], ["down", 1, "↓ Down"]].forEach(function (spec) {
            var button = document.createElement("button");
            button.type = "button";
            button.className = "secondary";
            button.textContent = spec[2];
            button.setAttribute("aria-label", "Move “" + item + "” " + spec[0]);
            var edge = spec[1] < 0 ? index === 0 : index === order.length - 1;
            button.disabled = edge;
            button.addEventListener("click", function () { move(index, spec[1], spec[0]); });
            li.appendChild(button);
          });
        }
        list.appendChild(li);
      });
    }
    render();
  }
  Array.prototype.forEach.call(form.querySelectorAll("fieldset[data-reorder]"), enhanceReorder);
})();
