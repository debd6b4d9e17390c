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

// Settings: "add a row" copies the table's last row with empty values and the next row number
// (fields are named group.field.N). Without JavaScript the page still offers blank rows.
(function () {
  var buttons = document.querySelectorAll("button.add-row");
  Array.prototype.forEach.call(buttons, function (button) {
    button.addEventListener("click", function () {
      var body = document.getElementById(button.getAttribute("data-table")).tBodies[0];
      var last = body.rows[body.rows.length - 1];
      if (!last) return;
      var n = 0;
      Array.prototype.forEach.call(body.rows, function (r) { n = Math.max(n, Number(r.getAttribute("data-row")) + 1); });
      var row = last.cloneNode(true);
      row.setAttribute("data-row", String(n));
      Array.prototype.forEach.call(row.querySelectorAll("input, select"), function (e) {
        e.name = e.name.replace(/\.\d+$/, "." + n);
        if (e.type === "checkbox") e.checked = false; else if (e.tagName === "INPUT") e.value = "";
        else e.selectedIndex = 0;
      });
      Array.prototype.forEach.call(row.querySelectorAll(".field-error"), function (e) { e.parentNode.removeChild(e); });
      body.appendChild(row);
    });
  });
})();
