/* The attendance sheet without a round trip: the live count follows the ticks, and "everyone not
   marked: present" ticks the empty rows at once. Without JavaScript the page works the same way
   through the server. */
(function () {
  "use strict";
  var form = document.querySelector("[data-sheet]");
  if (!form) { return; }
  var required = parseInt(form.getAttribute("data-required"), 10);
  var inOffice = parseInt(form.getAttribute("data-in-office"), 10);
  var live = form.querySelector("[data-live]");
  var text = {met: form.getAttribute("data-text-met") || "", short: form.getAttribute("data-text-short") || ""};

  function rows() { return form.querySelectorAll("[data-row]"); }

  function update() {
    var counts = {present: 0, on_leave: 0, absent: 0, unmarked: 0};
    rows().forEach(function (row) {
      var checked = row.querySelector("input[type=radio]:checked");
      if (checked) { counts[checked.value] += 1; } else { counts.unmarked += 1; }
      row.classList.toggle("is-unmarked", !checked);
    });
    Object.keys(counts).forEach(function (key) {
      var cell = live.querySelector("[data-live-count=" + key + "]");
      if (cell) { cell.textContent = counts[key]; }
    });
    var met = inOffice > 0 && counts.present >= required;
    live.classList.toggle("is-met", met);
    live.classList.toggle("is-short", !met);
    live.querySelector("[data-live-state]").textContent = met ? text.met : text.short;
  }

  form.addEventListener("change", update);
  var fill = form.querySelector("[data-fill-present]");
  if (fill) {
    fill.addEventListener("click", function (event) {
      event.preventDefault();
      rows().forEach(function (row) {
        if (!row.querySelector("input[type=radio]:checked")) {
          row.querySelector("input[type=radio][value=present]").checked = true;
        }
      });
      update();
    });
  }
  update();
})();
