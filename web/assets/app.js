// deploybot's pages work without this script; it adds two things:
// the running and waiting tables of the home page refresh every 5 s
// (short polling of /api/v1/now), and filter selects apply on change.
"use strict";
(function () {
  function cell(text, href, label) {
    var td = document.createElement("td");
    if (label) td.dataset.label = label; else td.className = "card-title";
    if (href) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      td.appendChild(a);
    } else {
      td.textContent = text == null ? "" : String(text);
    }
    return td;
  }
  function stateCell(state, label, heading) {
    var td = document.createElement("td");
    td.dataset.label = heading;
    var s = document.createElement("span");
    s.className = "state " + state;
    s.textContent = label || state;
    td.appendChild(s);
    return td;
  }
  function when(iso) {
    if (!iso) return "";
    var d = new Date(iso);
    return d.toLocaleString(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  }
  function fill(table, rows, empty, waiting) {
    var body = table.tBodies[0];
    var next = document.createElement("tbody");
    rows.forEach(function (d) {
      var tr = document.createElement("tr");
      tr.appendChild(cell("#" + d.id, "/deployments/" + d.id));
      tr.appendChild(cell(d.project));
      tr.appendChild(cell(d.env));
      tr.appendChild(cell(d.version, null, "Version"));
      tr.appendChild(cell(d.action, null, "Action"));
      tr.appendChild(waiting ? stateCell(d.state, d.state === "requested" ? "confirmation" : "approval", "Waiting for") : stateCell(d.state, null, "State"));
      tr.appendChild(cell(d.requester, null, "By"));
      tr.appendChild(cell(when(waiting ? d.created_at : d.started_at), null, waiting ? "Planned" : "Started"));
      next.appendChild(tr);
    });
    if (!rows.length) {
      var tr = document.createElement("tr");
      tr.className = "empty";
      var td = document.createElement("td");
      td.textContent = empty;
      td.colSpan = 8;
      td.className = "muted";
      tr.appendChild(td);
      next.appendChild(tr);
    }
    table.replaceChild(next, body);
  }
  function poll() {
    var running = document.getElementById("running");
    var pending = document.getElementById("pending");
    var live = document.getElementById("live");
    if (!running || !running.dataset.poll) return;
    var url = running.dataset.poll;
    function tick() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (now) {
          if (!now) { live.hidden = true; return; }
          fill(running, now.running || [], "Nothing is running.", false);
          fill(pending, now.pending || [], "No plan or approval is waiting.", true);
          live.hidden = false;
        })
        .catch(function () { live.hidden = true; });
    }
    setInterval(tick, 5000);
  }
  function autosubmit() {
    document.querySelectorAll("form.filters select").forEach(function (s) {
      s.addEventListener("change", function () { s.form.submit(); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { poll(); autosubmit(); });
})();
