/* The suggestion form: the session is asked only for an item raised during a session. */
(function () {
  "use strict";
  var box = document.querySelector("[data-session-field]");
  if (!box) { return; }
  var radios = document.querySelectorAll("[data-period]");
  function update() {
    var during = document.querySelector("[data-period][value=during_session]");
    box.hidden = !(during && during.checked);
  }
  radios.forEach(function (radio) { radio.addEventListener("change", update); });
  if (!box.querySelector(".is-invalid")) { update(); }
})();
