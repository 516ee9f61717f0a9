// The projection page: follow a running job (progress bar) and reload when it ends.
(function () {
  var job = document.getElementById("job");
  if (!job) return;
  var bar = document.getElementById("bar"), state = document.getElementById("state");
  function poll() {
    fetch(job.dataset.status, {credentials: "same-origin"}).then(function (r) { return r.json(); })
      .then(function (s) {
        bar.value = s.progress; bar.textContent = Math.round(s.progress * 100) + " %";
        if (s.state === "queued" || s.state === "running") { setTimeout(poll, 1500); }
        else { window.location.reload(); }
      }).catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
