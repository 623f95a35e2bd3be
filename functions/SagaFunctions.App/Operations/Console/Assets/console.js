// The operator console: plain JS over the app's own HTTP API. In Azure the page is opened with
// ?code=<master key>; every call forwards it as x-functions-key so the admin routes answer.
(() => {
  "use strict";
  const STATUSES = ["PENDING", "APPROVED", "REJECTED", "CANCELLED", "COMPENSATION_FAILED"];
  const key = new URLSearchParams(location.search).get("code");
  const base = location.pathname.replace(/\/console\/?$/, "");
  const $ = (sel, root = document) => root.querySelector(sel);
  const esc = (s) => String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const time = (t) => t ? new Date(t).toLocaleString(undefined, { dateStyle: "short", timeStyle: "medium" }) : "—";
  const money = (n) => typeof n === "number" ? n.toFixed(2) : "—";
  const ms = (a, b) => (new Date(b) - new Date(a));
  const dur = (m) => m < 1000 ? `${Math.round(m)} ms` : m < 60000 ? `${(m / 1000).toFixed(1)} s` : `${(m / 60000).toFixed(1)} min`;

  /** Calls the API; answers { ok, status, body } with problem+json bodies as they are. */
  async function api(method, path) {
    const headers = { "Accept": "application/json" };
    if (key) headers["x-functions-key"] = key;
    const response = await fetch(base + path, { method, headers });
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch { body = { detail: text }; }
    return { ok: response.ok, status: response.status, body };
  }

  function toast(message) {
    const t = $("#toast");
    t.textContent = message; t.hidden = false;
    clearTimeout(toast.timer); toast.timer = setTimeout(() => { t.hidden = true; }, 4000);
  }

  // ---- views (tabs)
  function show(view) {
    for (const tab of document.querySelectorAll(".tab")) {
      if (tab.dataset.view === view) tab.setAttribute("aria-current", "page"); else tab.removeAttribute("aria-current");
    }
    for (const v of ["sagas", "readside", "poison"]) $("#view-" + v).hidden = v !== view;
    if (view === "readside") loadReadSide();
    if (view === "poison") loadPoison();
    history.replaceState(null, "", location.pathname + location.search + "#" + view);
  }
  for (const tab of document.querySelectorAll(".tab")) tab.addEventListener("click", () => show(tab.dataset.view));

  // ---- saga list
  const boxes = $("#status-boxes");
  boxes.innerHTML = STATUSES.map(s =>
    `<label class="chip"><input type="checkbox" name="status" value="${s}"> <span>${s}</span> <span class="count" data-count="${s}">0</span></label>`).join("");
  const pages = [null];
  let page = 0;
  let selected = null;

  function query() {
    const f = $("#filters");
    const p = new URLSearchParams();
    const statuses = [...f.querySelectorAll("input[name=status]:checked")].map(i => i.value);
    if (statuses.length) p.set("status", statuses.join(","));
    for (const name of ["style", "customerId"]) { const v = f.elements[name].value.trim(); if (v) p.set(name, v); }
    for (const name of ["from", "to"]) { const v = f.elements[name].value; if (v) p.set(name, new Date(v).toISOString()); }
    p.set("pageSize", f.elements.pageSize.value);
    if (pages[page]) p.set("continuation", pages[page]);
    return p;
  }

  async function loadList() {
    const r = await api("GET", "/operations/sagas?" + query());
    const tbody = $("#saga-table tbody");
    if (!r.ok) { $("#list-summary").textContent = `The list did not load: ${r.body?.detail ?? r.status}`; return; }
    const { items, counts, countsTruncated, continuation } = r.body;
    for (const s of STATUSES) $(`[data-count="${s}"]`).textContent = counts[s] ?? 0;
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    $("#list-summary").textContent = `${items.length} shown · page ${page + 1} · ${total}${countsTruncated ? "+" : ""} sagas in the range`;
    pages[page + 1] = continuation;
    $("#next-page").disabled = !continuation;
    $("#first-page").disabled = page === 0;
    tbody.innerHTML = items.length ? items.map(s => `
      <tr data-order="${esc(s.orderId)}" class="${s.orderId === selected ? "selected" : ""}">
        <td><button type="button" class="link" data-open="${esc(s.orderId)}" aria-label="Open saga ${esc(s.orderId)}" title="${esc(s.orderId)}"><span class="clip">${esc(s.orderId)}</span></button></td>
        <td><span class="pill s-${esc(s.status)}">${esc(s.status)}</span>${s.rejectionReason ? ` <span class="muted">${esc(s.rejectionReason)}</span>` : ""}</td>
        <td>${esc(s.style)}</td><td><code class="clip" title="${esc(s.customerId)}">${esc(s.customerId)}</code></td><td class="num">${money(s.total)}</td>
        <td>${time(s.createdAt)}</td><td>${time(s.endedAt)}</td>
        <td><span class="muted clip" title="${esc(s.lastEvent)}">${esc((s.lastEvent || "").replace(/^ordering\./, "").replace(/\.v\d+$/, ""))}</span>${s.failedStep ? `<div class="muted">failed <strong>${esc(s.failedStep)}</strong></div>` : ""}</td>
      </tr>`).join("") : `<tr><td colspan="8" class="empty">No saga matches the filter.</td></tr>`;
  }

  $("#filters").addEventListener("submit", (e) => { e.preventDefault(); pages.length = 1; page = 0; loadList(); });
  $("#filters").addEventListener("change", (e) => { if (e.target.name === "status") { pages.length = 1; page = 0; loadList(); } });
  $("#next-page").addEventListener("click", () => { page++; loadList(); });
  $("#first-page").addEventListener("click", () => { page = 0; loadList(); });
  $("#saga-table").addEventListener("click", (e) => { const b = e.target.closest("[data-open]"); if (b) openSaga(b.dataset.open); });

  // ---- one saga
  async function openSaga(orderId) {
    selected = orderId;
    for (const tr of document.querySelectorAll("#saga-table tr")) tr.classList.toggle("selected", tr.dataset.order === orderId);
    $("#detail").hidden = false;
    $("#d-order").textContent = orderId;
    $("#d-result").hidden = true;
    await refreshSaga();
    $("#h-detail").scrollIntoView({ behavior: "smooth", block: "start" });
    $("#detail").querySelector("button[data-action]").focus({ preventScroll: true });
  }

  async function refreshSaga() {
    const orderId = selected;
    if (!orderId) return;
    const [saga, events, order] = await Promise.all([
      api("GET", `/orders/${encodeURIComponent(orderId)}/saga`),
      api("GET", `/orders/${encodeURIComponent(orderId)}/events`),
      api("GET", `/orders/${encodeURIComponent(orderId)}`),
    ]);
    const status = order.ok ? order.body.status : "?";
    const meta = [];
    meta.push(`<span class="pill s-${esc(status)}">${esc(status)}</span>`);
    if (order.ok && order.body.rejectionReason) meta.push(esc(order.body.rejectionReason));
    if (saga.ok) meta.push(esc(saga.body.style));
    if (saga.ok && saga.body.runtimeStatus) meta.push(`runtime <span class="pill r-${esc(saga.body.runtimeStatus)}">${esc(saga.body.runtimeStatus)}</span>`);
    if (order.ok) meta.push(`total ${money(order.body.total)}`);
    $("#d-meta").innerHTML = meta.join(" · ");
    const final = status !== "PENDING" && status !== "?";
    const buttons = Object.fromEntries([...document.querySelectorAll("#detail [data-action]")].map(b => [b.dataset.action, b]));
    buttons.cancel.disabled = final; buttons.end.disabled = final;
    buttons.retry.disabled = status !== "COMPENSATION_FAILED";
    buttons.purge.disabled = !(saga.ok && saga.body.style === "orchestration" && ["Completed", "Failed", "Terminated"].includes(saga.body.runtimeStatus));
    const box = $("#d-timeline");
    if (!saga.ok) box.innerHTML = `<p class="empty">${esc(saga.body?.detail ?? "No saga.")}</p>`;
    else if (saga.body.style === "orchestration") box.innerHTML = gantt(saga.body);
    else box.innerHTML = chain(saga.body, status);
    $("#d-events tbody").innerHTML = events.ok ? events.body.map(e => `
      <tr><td class="num">${e.version}</td><td>${esc(e.type)}</td><td>${time(e.timestamp)}</td><td><pre class="data">${esc(JSON.stringify(e.data))}</pre></td></tr>`).join("")
      : `<tr><td colspan="4" class="empty">No events.</td></tr>`;
  }

  /** The orchestration's timeline as a Gantt chart: one row per step, bars placed on the saga's time axis. */
  function gantt(saga) {
    const steps = saga.progress?.steps ?? [];
    if (!steps.length) return `<p class="empty">The saga has not recorded a step yet.</p>`;
    const now = new Date().toISOString();
    const start = Math.min(...steps.map(s => +new Date(s.startedAt)));
    const end = Math.max(...steps.map(s => +new Date(s.endedAt ?? now)));
    const span = Math.max(end - start, 1);
    const seen = {};
    let pivotShown = false;
    const rows = steps.map(s => {
      seen[s.name] = (seen[s.name] ?? 0) + 1;
      const attempt = seen[s.name] > 1 ? ` <span class="pill o-RUNNING">attempt ${seen[s.name]}</span>` : "";
      const left = ((+new Date(s.startedAt) - start) / span) * 100;
      const width = Math.max(((+new Date(s.endedAt ?? now) - +new Date(s.startedAt)) / span) * 100, 0.6);
      const d = s.endedAt ? dur(ms(s.startedAt, s.endedAt)) : "running";
      // A retry policy's failed attempts: a tick on the bar where each failed, the count beside the name.
      const failures = s.failedAttempts ?? [];
      const tries = (s.attempts ?? 1) > 1 || failures.length
        ? ` <span class="pill o-RETRIED" title="${esc(failures.map(f => `attempt ${f.attempt}: ${f.error}`).join("\n"))}">${s.attempts} attempts</span>` : "";
      const ticks = failures.map(f => `<i class="tick" style="left:${((+new Date(f.failedAt) - start) / span) * 100}%" title="attempt ${f.attempt} failed: ${esc(f.error)}"></i>`).join("");
      let line = "";
      if (!pivotShown && s.kind !== "pivot" && steps.indexOf(s) > 0 && steps.slice(0, steps.indexOf(s)).some(p => p.kind === "pivot")) {
        pivotShown = true;
        line = `<div class="pivot-line" role="separator"><span>◆ pivot passed: the payment is decided</span></div>`;
      }
      return line + `
        <div class="label">${s.kind === "pivot" ? "◆ " : s.kind === "compensation" ? "↩ " : ""}<strong>${esc(s.name)}</strong>${attempt} <span class="kind">${esc(s.kind)}</span></div>
        <div class="track" role="img" aria-label="${esc(s.name)} ${esc(s.outcome)} ${d}${failures.length ? `, ${failures.length} failed attempt(s)` : ""}"><div class="bar k-${esc(s.kind)} o-${esc(s.outcome)}" style="left:${left}%;width:${width}%"></div>${ticks}</div>
        <div class="dur"><span class="pill o-${esc(s.outcome)}">${esc(s.outcome)}</span> ${d}${tries}</div>
        ${s.detail ? `<div class="detail-text">${esc(s.detail)}</div>` : ""}
        ${failures.length ? `<div class="detail-text retries">${failures.map(f => `attempt ${f.attempt} failed ${time(f.failedAt)}: ${esc(f.error)}`).join("<br>")}</div>` : ""}`;
    }).join("");
    return `<div class="gantt">${rows}</div>
      <p class="legend"><span><i style="background:#4c8dff"></i>step</span><span><i style="background:#d97706"></i>pivot (payment)</span><span><i style="background:#8250df"></i>compensation</span><span><i style="background:#b3261e"></i>failed</span><span><i class="tick-key"></i>failed attempt</span><span>total ${dur(span)}</span>${saga.outcome ? `<span>outcome <strong>${esc(saga.outcome.status)}</strong>${saga.outcome.reason ? " · " + esc(saga.outcome.reason) : ""}${saga.outcome.failedStep ? " · failed " + esc(saga.outcome.failedStep) : ""}</span>` : ""}</p>`;
  }

  /** A choreography's chain of events by time; a pending order's last event is the one nobody reacted to yet. */
  function chain(saga, status) {
    const events = saga.events ?? [];
    if (!events.length) return `<p class="empty">No events yet.</p>`;
    const last = events[events.length - 1];
    const stalled = status === "PENDING";
    const note = stalled ? `<p class="stall-note"><strong>Waiting:</strong> nobody has reacted yet to <code>${esc(last.type)}</code> from ${esc(last.publisher)}, ${dur(ms(last.occurredAt, new Date().toISOString()))} ago.</p>` : "";
    return note + `<ol class="chain">${events.map((e, i) => `
      <li class="${stalled && i === events.length - 1 ? "stalled" : ""}"><span class="when">${time(e.occurredAt)}</span><strong>${esc(e.type)}</strong> <span class="muted">by ${esc(e.publisher)} · ${esc(e.streamId)} v${e.version}</span></li>`).join("")}</ol>`;
  }

  const ACTIONS = {
    cancel: { method: "POST", path: id => `/orders/${id}/cancel`, label: "Cancel" },
    end: { method: "POST", path: id => `/operations/sagas/${id}/end`, label: "End saga", confirm: "End this saga? The payment is given up and what the order holds is released." },
    retry: { method: "POST", path: id => `/operations/sagas/${id}/retry-compensation`, label: "Retry compensation" },
    purge: { method: "DELETE", path: id => `/operations/sagas/${id}/history`, label: "Purge history", confirm: "Purge this saga's orchestration history? Its event streams and views stay." },
  };
  $("#detail").addEventListener("click", async (e) => {
    const button = e.target.closest("[data-action]");
    if (!button || !selected) return;
    const action = ACTIONS[button.dataset.action];
    if (action.confirm && !confirm(action.confirm)) return;
    button.disabled = true;
    const r = await api(action.method, action.path(encodeURIComponent(selected)));
    const box = $("#d-result");
    box.hidden = false;
    box.className = "result " + (r.ok ? "ok" : "refused");
    box.innerHTML = r.ok
      ? `<strong>${esc(action.label)}: done</strong>${esc(r.body?.detail ?? "Accepted.")}${r.body?.status ? " Status: " + esc(r.body.status) + "." : ""}`
      : `<strong>${esc(action.label)} refused (${r.status}${r.body?.title ? " · " + esc(r.body.title) : ""})</strong>${esc(r.body?.detail ?? "")}`;
    await refreshSaga();
    loadList();
  });
  $("#d-close").addEventListener("click", () => { $("#detail").hidden = true; selected = null; loadList(); });

  // ---- read side
  async function loadReadSide() {
    const r = await api("GET", "/projections");
    if (!r.ok) { $("#gen").textContent = `Not available: ${r.body?.detail ?? r.status}`; return; }
    const { generation, projections } = r.body;
    $("#gen").textContent = `Queries read generation ${generation.current}` + (generation.building ? ` · rebuilding generation ${generation.building}` : "");
    $("#projections tbody").innerHTML = projections.map(p => `
      <tr><td><strong>${esc(p.name)}</strong></td><td class="muted">${esc(p.eventTable)} → ${esc(p.viewTable)}</td><td>${time(p.lastAppliedEventAt)}</td>
      <td class="num">${p.lastLagMs == null ? "—" : dur(p.lastLagMs)}</td><td class="num">${p.eventsApplied}</td>
      <td class="num">${p.pendingMarkers ? `<span class="pill s-PENDING">${p.pendingMarkers}</span>` : 0}</td><td class="num">${p.lagSeconds ? dur(p.lagSeconds * 1000) : "0"}</td></tr>`).join("");
    $("#rebuild").disabled = generation.building > 0;
    await loadRebuildProgress(generation);
  }

  async function loadRebuildProgress(generation) {
    const box = $("#rebuild-progress");
    if (!generation.building) { box.hidden = true; return; }
    const r = await api("GET", "/operations/rebuild");
    box.hidden = false;
    const p = r.ok ? r.body.progress : null;
    const total = r.ok ? r.body.projections : 1;
    const done = p ? Math.min(p.projection / total, 1) : 0;
    box.querySelector(".bar span").style.width = `${Math.round(done * 100)}%`;
    box.querySelector("p").textContent = p
      ? `Generation ${p.generation}: ${p.projection} of ${total} projections folded · ${p.streams} streams, ${p.events} events so far${p.projection >= total ? " · catching up, then switching" : ""}`
      : "Starting…";
  }

  $("#rebuild").addEventListener("click", async () => {
    const r = await api("POST", "/projections/rebuild");
    toast(r.ok ? `Rebuild of generation ${r.body.generation} started.` : `Rebuild refused: ${r.body?.detail ?? r.status}`);
    loadReadSide();
  });

  // ---- poison messages
  async function loadPoison() {
    const r = await api("GET", "/operations/poison");
    const box = $("#poison-queues");
    if (!r.ok) { box.innerHTML = `<p class="empty">${esc(r.body?.detail ?? r.status)}</p>`; return; }
    const queues = r.body.queues;
    box.innerHTML = queues.length ? queues.map(q => `
      <section class="card" aria-label="Poison queue ${esc(q.queue)}">
        <div class="queue-head"><h2><code>${esc(q.queue)}</code> <span class="muted">→ ${esc(q.sourceQueue)} · ${q.approximateCount} message(s)</span></h2>
          <button type="button" data-replay-all="${esc(q.queue)}" ${q.messages.length ? "" : "disabled"}>Replay all</button></div>
        ${q.messages.length ? `<div class="scroll"><table><caption class="sr-only">Messages of ${esc(q.queue)}</caption>
          <thead><tr><th scope="col">Message id</th><th scope="col">Inserted</th><th scope="col" class="num">Failed attempts</th><th scope="col">Content</th><th scope="col">Last error</th><th scope="col">Actions</th></tr></thead>
          <tbody>${q.messages.map(m => `<tr><td><code>${esc(m.id)}</code></td><td>${time(m.insertedOn)}</td><td class="num">${m.failedAttempts ?? "—"}</td>
            <td><pre class="data">${esc(m.content.length > 400 ? m.content.slice(0, 400) + "…" : m.content)}</pre></td>
            <td>${m.error ? `<span class="error-text">${esc(m.error)}</span><div class="muted">${time(m.lastFailedAt)}</div>` : `<span class="muted">none recorded: no function of this app failed on it</span>`}</td>
            <td><button type="button" data-replay="${esc(q.queue)}|${esc(m.id)}">Replay</button> <button type="button" class="danger" data-discard="${esc(q.queue)}|${esc(m.id)}">Discard</button></td></tr>`).join("")}</tbody></table></div>`
        : `<p class="empty">Empty.</p>`}
      </section>`).join("") : `<p class="card empty">No poison queue: nothing has failed for good.</p>`;
  }

  $("#poison-queues").addEventListener("click", async (e) => {
    const b = e.target.closest("button");
    if (!b) return;
    let r;
    if (b.dataset.replayAll) r = await api("POST", `/operations/poison/${encodeURIComponent(b.dataset.replayAll)}/replay`);
    else if (b.dataset.replay) { const [q, id] = b.dataset.replay.split("|"); r = await api("POST", `/operations/poison/${encodeURIComponent(q)}/${encodeURIComponent(id)}/replay`); }
    else if (b.dataset.discard) {
      if (!confirm("Discard this message? It is deleted for good.")) return;
      const [q, id] = b.dataset.discard.split("|"); r = await api("DELETE", `/operations/poison/${encodeURIComponent(q)}/${encodeURIComponent(id)}`);
    } else return;
    toast(r.ok ? (r.body.replayed !== undefined ? `Replayed ${r.body.replayed} message(s).` : r.body.discarded ? "Discarded." : "Replayed to " + r.body.replayedTo + ".")
      : `Refused (${r.status}): ${r.body?.detail ?? ""}`);
    loadPoison();
  });

  // ---- refresh
  setInterval(() => {
    if (!$("#f-auto").checked || document.hidden) return;
    if (!$("#view-sagas").hidden) { loadList(); refreshSaga(); }
    if (!$("#view-readside").hidden) loadReadSide();
  }, 5000);

  show(["sagas", "readside", "poison"].includes(location.hash.slice(1)) ? location.hash.slice(1) : "sagas");
  loadList();
  window.sagaConsole = { openSaga, loadList };
})();
