// A form sends once: after the first submit its buttons are disabled, and a second click or Enter
// does nothing until the page is left. The server refuses a repeated form anyway
// (core.concurrency.submit_once); this spares the person the wait and the message.
// GET forms (filters, searches) and forms marked data-resubmit are left alone.
(function () {
  "use strict";
  var RELEASE_AFTER_MS = 10000; // a POST answered with a download leaves the page in place

  function buttons(form) {
    var own = Array.prototype.slice.call(form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]"));
    if (form.id) {
      own = own.concat(Array.prototype.slice.call(document.querySelectorAll("[form='" + form.id + "'][type=submit]")));
    }
    return own;
  }

  function release(form) {
    delete form.dataset.submitting;
    buttons(form).forEach(function (button) {
      if (button.dataset.submitOnceDisabled) {
        button.disabled = false;
        delete button.dataset.submitOnceDisabled;
      }
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post" || "resubmit" in form.dataset) {
      return;
    }
    if (form.dataset.submitting) {
      event.preventDefault();
      return;
    }
    form.dataset.submitting = "1";
    // Disabled after this event, not during it: a disabled button would drop its name=value from the form.
    window.setTimeout(function () {
      buttons(form).forEach(function (button) {
        if (!button.disabled) {
          button.disabled = true;
          button.dataset.submitOnceDisabled = "1";
        }
      });
    }, 0);
    window.setTimeout(function () { release(form); }, RELEASE_AFTER_MS);
  });

  // Back to a page the browser kept in memory: its forms may be sent again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      Array.prototype.forEach.call(document.forms, release);
    }
  });
})();
