/* Deputy pickers: a search box filters the tick boxes and the chosen ones are counted.
   Formsets: "add another" clones the empty line here instead of reloading the page. */
(function () {
  document.querySelectorAll("[data-picker]").forEach(function (picker) {
    var search = picker.querySelector("[data-picker-search]");
    var items = picker.querySelectorAll("[data-picker-item]");
    var count = picker.querySelector("[data-picker-count]");
    function update() { if (count) { count.textContent = picker.querySelectorAll("input[type=checkbox]:checked").length; } }
    if (search && items.length > 8) {
      search.hidden = false;
      search.addEventListener("input", function () {
        var words = search.value.trim();
        items.forEach(function (item) { item.hidden = words !== "" && item.textContent.indexOf(words) === -1; });
      });
    }
    picker.addEventListener("change", update);
    update();
  });
  document.querySelectorAll("[data-formset]").forEach(function (box) {
    var prefix = box.getAttribute("data-formset");
    var total = box.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var template = box.querySelector("template");
    var list = box.querySelector("[data-formset-list]");
    var button = box.querySelector("[data-formset-add]");
    if (!total || !template || !list || !button) { return; }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var index = parseInt(total.value, 10) || 0;
      list.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, index).replace(/__number__/g, index + 1));
      total.value = index + 1;
      var first = list.lastElementChild.querySelector("textarea, input");
      if (first) { first.focus(); }
    });
  });
})();
