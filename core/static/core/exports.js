/* The export job page: ask the server every two seconds how far the file got, move the bar,
   and show the download once it is ready. Without JavaScript the page's refresh link does it. */
(function () {
  var box = document.querySelector("[data-export-job]");
  if (!box || box.dataset.finished === "true") return;
  var bar = box.querySelector("[data-export-bar]");
  var percent = box.querySelector("[data-export-percent]");
  var status = box.querySelector("[data-export-status]");
  var message = box.querySelector("[data-export-message]");
  function poll() {
    fetch(box.dataset.statusUrl, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (job) {
        bar.style.width = job.progress + "%";
        bar.parentElement.setAttribute("aria-valuenow", job.progress);
        percent.textContent = job.progress + "%";
        status.textContent = job.status_label;
        message.textContent = job.message;
        if (job.finished) { window.location.reload(); } else { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
