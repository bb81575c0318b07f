// survey-tui web form: optional help. Without it the form works the same (every page is a
// plain HTML form). With it: answers are saved as they are given, questions whose show_if
// turns true on this page appear at once (the server decides which), the character counters
// count, the open response stays "in progress" while its page is visible, and the kiosk's
// thank-you page goes back to the start by itself.
"use strict";
(function () {
  var HEARTBEAT_MS = 60000;
  var SAVE_DELAY_MS = 700;

  function counters() {
    document.querySelectorAll("[data-counter]").forEach(function (field) {
      var out = document.getElementById(field.getAttribute("data-counter"));
      var limit = field.getAttribute("maxlength");
      var text = field.getAttribute("data-counter-text");
      if (!out || !limit || !text) return;
      var show = function () {
        out.textContent = text.replace("{count}", field.value.length).replace("{limit}", limit);
      };
      field.addEventListener("input", show);
      show();
    });
  }

  // A number's "don't know" tick box empties and disables its field (without the script,
  // the server takes the ticked box over a typed number).
  function dontKnow() {
    document.querySelectorAll("input[data-clears]").forEach(function (box) {
      var field = document.getElementById(box.getAttribute("data-clears"));
      if (!field) return;
      var sync = function () {
        if (box.checked) field.value = "";
        field.disabled = box.checked;
      };
      box.addEventListener("change", sync);
      sync();
    });
  }

  function apply(form, answer) {
    if (!answer || !answer.visible) return;
    var visible = {};
    answer.visible.forEach(function (id) { visible[id] = true; });
    form.querySelectorAll("[data-qid]").forEach(function (block) {
      block.hidden = !visible[block.getAttribute("data-qid")];
    });
    var shown = form.querySelector("input[name=shown]");
    if (shown) shown.value = answer.visible.slice().sort().join(",");
    var progress = document.getElementById("progress-text");
    if (progress && answer.progress) progress.textContent = answer.progress;
  }

  function autosave(form) {
    var url = form.getAttribute("data-save");
    var timer = null;
    var last = 0;
    var send = function () {
      timer = null;
      last = Date.now();
      var body = new URLSearchParams(new FormData(form));
      body.delete("action");
      fetch(url, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (answer) { apply(form, answer); })
        .catch(function () { /* offline for a moment: the Next button still saves */ });
    };
    var later = function () {
      if (timer) clearTimeout(timer);
      timer = setTimeout(send, SAVE_DELAY_MS);
    };
    form.addEventListener("change", later);
    form.addEventListener("input", later);
    setInterval(function () {
      if (document.visibilityState === "visible" && Date.now() - last >= HEARTBEAT_MS) send();
    }, HEARTBEAT_MS);
  }

  function restart() {
    var seconds = Number(document.body.getAttribute("data-restart-after"));
    if (seconds > 0) setTimeout(function () { window.location.assign("/"); }, seconds * 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    counters();
    dontKnow();
    document.querySelectorAll("form[data-save]").forEach(autosave);
    restart();
  });
})();
