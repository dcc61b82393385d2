// The reply form shows the promised date only for a result class that needs one (class B by
// default); without JavaScript the field stays visible, with its help text.
(function () {
  const form = document.querySelector("[data-reply-form]");
  if (!form) return;
  const field = form.querySelector("[data-promise-field]");
  const radios = form.querySelectorAll("input[name=result_class]");
  if (!field || !radios.length) return;
  const hasError = field.querySelector(".is-invalid") !== null;
  function update() {
    const chosen = form.querySelector("input[name=result_class]:checked");
    field.hidden = !hasError && !(chosen && chosen.dataset.needsPromise === "true");
  }
  radios.forEach((radio) => radio.addEventListener("change", update));
  update();
})();
