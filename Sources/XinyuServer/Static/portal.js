// Live progress of a run over server-sent events; the page reloads once the run has ended.
(function () {
  var live = document.getElementById("live");
  if (!live || !window.EventSource) return;
  var bar = document.getElementById("bar"), text = document.getElementById("progress"), status = document.getElementById("status");
  var source = new EventSource(live.getAttribute("data-events"));
  source.onmessage = function (e) {
    var d = JSON.parse(e.data);
    bar.value = d.fraction;
    text.textContent = d.progress + " (" + d.elapsed + " s)";
    status.textContent = d.status;
    if (d.finished) { source.close(); window.location.reload(); }
  };
  source.onerror = function () { source.close(); setTimeout(function () { window.location.reload(); }, 3000); };
})();
