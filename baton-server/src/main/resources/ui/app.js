// Baton dashboard: reads the API with the key the operator signs in with (session storage of this tab), follows
// /v1/events for live changes and refreshes the counts (at most twice a second) when they arrive; cluster and
// agents refresh every 5 s. No data is written. All text reaches the page through textContent, never as HTML.
"use strict";

const TOKEN_KEY = "baton.token";
const MAX_EVENT_ROWS = 200;
const RATE_SECONDS = 300;
const $ = (id) => document.getElementById(id);

let token = null;
let lastEventId = null;
let streamAbort = null;
let refreshTimer = null;
let taskCursor = null;
const finishedPerSecond = new Map(); // epoch second -> finished tasks

function takeTokenFromUrl() {
  const match = location.hash.match(/token=([^&]+)/);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, "", location.pathname + location.search);
  }
}

async function api(path) {
  const reply = await fetch(path, { headers: { Authorization: "Bearer " + token, Accept: "application/json" } });
  if (reply.status === 401 || reply.status === 403) {
    const problem = await reply.json().catch(() => ({}));
    signOut(problem.detail || "the key was refused (" + reply.status + ")");
    throw new Error("unauthorized");
  }
  if (!reply.ok) {
    const problem = await reply.json().catch(() => ({}));
    throw new Error(problem.detail || reply.status + " " + reply.statusText);
  }
  return reply.json();
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function row(cells) {
  const tr = document.createElement("tr");
  for (const cell of cells) {
    tr.appendChild(cell instanceof Node ? wrapCell(cell) : el("td", cell ?? ""));
  }
  return tr;
}

function wrapCell(node) {
  const td = document.createElement("td");
  td.appendChild(node);
  return td;
}

function link(text, onClick) {
  const a = el("span", text, "link mono");
  a.addEventListener("click", onClick);
  return a;
}

function stateCell(state) {
  return el("span", state ?? "", "state-" + state);
}

function fill(tableId, rows) {
  const body = $(tableId).querySelector("tbody");
  body.replaceChildren(...rows);
}

function ago(iso) {
  if (!iso) return "";
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return s < 60 ? s + "s ago" : s < 3600 ? Math.round(s / 60) + "m ago" : Math.round(s / 3600) + "h ago";
}

// ---- overview ----

async function refreshStats() {
  try {
    renderStats(await api("/v1/stats?stale=true"));
  } catch (e) {
    if (e.message !== "unauthorized") console.warn("stats failed:", e.message);
  }
}

async function refresh() {
  try {
    const [stats, cluster, agents] = await Promise.all([
      api("/v1/stats?stale=true"), api("/v1/cluster"), api("/v1/agents?stale=true")]);
    renderStats(stats);
    renderCluster(cluster);
    renderAgents(agents.agents);
  } catch (e) {
    if (e.message !== "unauthorized") console.warn("refresh failed:", e.message);
  }
}

function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => { refreshTimer = null; refreshStats(); }, 500);
}

function renderStats(stats) {
  const t = stats.tasks;
  const cards = [
    ["queued", t.queued], ["in flight", (t.leased || 0) + (t.running || 0)], ["succeeded", t.succeeded],
    ["failed", t.failed], ["timed out", t.timed_out], ["cancelled", t.cancelled]];
  $("task-cards").replaceChildren(...cards.map(([k, n]) => {
    const card = el("div", null, "card");
    card.append(el("div", n ?? 0, "n"), el("div", k, "k"));
    return card;
  }));
  fill("queues", Object.entries(stats.queues).map(([capability, depth]) => row([capability, depth])));
  const a = stats.agents;
  $("agent-counts").textContent = `${a.ready} ready · ${a.draining} draining · ${a.down} down`;
}

function renderCluster(cluster) {
  $("node").textContent = `node ${cluster.node ?? "?"} · leader ${cluster.leader ?? "none"} · term ${cluster.term}`;
  fill("cluster", (cluster.nodes || []).map((n) => row([
    el("span", n.id, "mono"), el("span", n.reachable ? n.role : "unreachable", n.reachable ? "role-" + n.role
      : "unreachable"), n.term ?? "", n.commitIndex ?? "", n.appliedIndex ?? "", n.lagEntries ?? "",
    n.lastContactMs == null ? "" : n.lastContactMs + " ms"])));
}

function renderAgents(agents) {
  fill("agents", agents.map((a) => row([
    a.name, link(a.id, () => showDetail("agent " + a.name, "/v1/agents/" + encodeURIComponent(a.id) + "?stale=true")),
    stateCell(a.state), a.capabilities.join(", "), `${a.activeTasks}/${a.maxConcurrency}`,
    Object.entries(a.labels || {}).map(([k, v]) => k + "=" + v).join(", ")])));
}

// ---- task browser ----

async function loadTasks(more) {
  const params = new URLSearchParams({ limit: "50", stale: "true" });
  if ($("task-state").value) params.set("state", $("task-state").value);
  if ($("task-capability").value.trim()) params.set("capability", $("task-capability").value.trim());
  if (more && taskCursor) params.set("cursor", taskCursor);
  try {
    const page = await api("/v1/tasks?" + params);
    const rows = page.tasks.map(taskRow);
    const body = $("tasks").querySelector("tbody");
    if (more) body.append(...rows); else body.replaceChildren(...rows);
    taskCursor = page.nextCursor;
    $("task-more").hidden = !taskCursor;
  } catch (e) {
    if (e.message !== "unauthorized") fill("tasks", [row(["could not list tasks: " + e.message])]);
  }
}

function taskRow(t) {
  const last = t.attempts && t.attempts.length ? t.attempts[t.attempts.length - 1].agentId : "";
  return row([taskLink(t.id), t.capability, stateCell(t.state), `${t.attempt}/${t.maxAttempts}`, t.agentId ?? last,
    ago(t.createdAt), ago(t.updatedAt)]);
}

function taskLink(id) {
  return link(id, () => showDetail("task " + id, "/v1/tasks/" + encodeURIComponent(id) + "?stale=true"));
}

async function showDetail(title, path) {
  $("detail-title").textContent = title;
  $("detail-body").textContent = "loading…";
  $("detail").hidden = false;
  try {
    $("detail-body").textContent = JSON.stringify(await api(path), null, 2);
  } catch (e) {
    $("detail-body").textContent = "could not load: " + e.message;
  }
}

// ---- live events ----

async function follow() {
  if (streamAbort) streamAbort.abort();
  const abort = new AbortController();
  streamAbort = abort;
  const headers = { Authorization: "Bearer " + token, Accept: "text/event-stream" };
  if (lastEventId) headers["Last-Event-ID"] = lastEventId;
  try {
    const reply = await fetch("/v1/events", { headers, signal: abort.signal });
    if (!reply.ok) throw new Error("events: " + reply.status);
    setLive(true);
    const reader = reply.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        onFrame(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  } catch (e) {
    if (abort.signal.aborted) return;
  }
  setLive(false);
  if (token && streamAbort === abort) setTimeout(follow, 2000);
}

function setLive(on) {
  $("live").textContent = on ? "live" : "offline";
  $("live").className = "pill " + (on ? "on" : "off");
}

function onFrame(frame) {
  let id = null;
  let data = "";
  for (const line of frame.split("\n")) {
    if (line.startsWith("id: ")) id = line.slice(4);
    else if (line.startsWith("data: ")) data += line.slice(6);
  }
  if (id) lastEventId = id;
  if (!data) return;
  const event = JSON.parse(data);
  if (event.type.startsWith("stream.")) {
    if (event.type === "stream.gap" || event.type === "stream.overflow") scheduleRefresh();
    return;
  }
  if (event.type === "task.changed" && ["succeeded", "failed", "cancelled", "timed_out"].includes(event.to)) {
    const second = Math.floor(Date.now() / 1000);
    finishedPerSecond.set(second, (finishedPerSecond.get(second) || 0) + 1);
  }
  addEventRow(event);
  scheduleRefresh();
}

function addEventRow(e) {
  const subject = e.taskId ? taskLink(e.taskId) : el("span", e.agentId ?? "", "mono");
  const change = e.from || e.to ? el("span", (e.from ? e.from + " → " : "") + (e.to ?? "")) : el("span", "");
  const tr = row([el("span", e.id ?? "", "mono muted"), e.at ? new Date(e.at).toLocaleTimeString() : "", e.type,
    subject, change, [e.capability, e.attempt ? "attempt " + e.attempt : null, e.reason].filter(Boolean)
      .join(" · ")]);
  const body = $("events").querySelector("tbody");
  body.prepend(tr);
  while (body.children.length > MAX_EVENT_ROWS) body.lastChild.remove();
}

function drawRate() {
  const canvas = $("rate");
  const ctx = canvas.getContext("2d");
  const now = Math.floor(Date.now() / 1000);
  for (const second of finishedPerSecond.keys()) if (second < now - RATE_SECONDS) finishedPerSecond.delete(second);
  let max = 1;
  for (let s = now - RATE_SECONDS; s <= now; s++) max = Math.max(max, finishedPerSecond.get(s) || 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const w = canvas.width / RATE_SECONDS;
  ctx.fillStyle = "#3fb37f";
  for (let k = 0; k < RATE_SECONDS; k++) {
    const n = finishedPerSecond.get(now - RATE_SECONDS + 1 + k) || 0;
    const h = (n / max) * (canvas.height - 14);
    ctx.fillRect(k * w, canvas.height - h, Math.max(1, w - 1), h);
  }
  ctx.fillStyle = "#8a96a3";
  ctx.font = "11px system-ui";
  ctx.fillText("max " + max + "/s", 4, 11);
}

// ---- sign in / out ----

function signOut(message) {
  token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  if (streamAbort) streamAbort.abort();
  $("app").hidden = true;
  $("signout").hidden = true;
  $("signin").hidden = false;
  $("signin-error").textContent = message || "";
  setLive(false);
}

function signIn(value) {
  token = value;
  sessionStorage.setItem(TOKEN_KEY, value);
  $("signin").hidden = true;
  $("app").hidden = false;
  $("signout").hidden = false;
  refresh();
  loadTasks(false);
  follow();
}

document.addEventListener("DOMContentLoaded", () => {
  takeTokenFromUrl();
  $("signin-form").addEventListener("submit", (e) => { e.preventDefault(); signIn($("token").value.trim()); });
  $("signout").addEventListener("click", () => signOut(""));
  $("task-filter").addEventListener("submit", (e) => { e.preventDefault(); loadTasks(false); });
  $("task-more").addEventListener("click", () => loadTasks(true));
  $("detail-close").addEventListener("click", () => { $("detail").hidden = true; });
  setInterval(refresh, 5000);
  setInterval(drawRate, 1000);
  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) signIn(saved); else signOut("");
});
