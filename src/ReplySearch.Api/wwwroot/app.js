// ReplySearch search page: plain JS, no inline script. All state lives in the URL so that links can be
// shared and the back button works. Text from the API goes in with textContent; only snippet and section
// HTML, which the server escapes and marks, goes in as HTML.
"use strict";

// The filters come from the service's field table (GET /api/schema), read once at start: a field added
// there is a filter, a facet and a URL key here without a change to this page.
let FILTERS = [];     // [name, label] of every field a request can filter on
let FACETS = [];      // [name, label] of every field a result counts
let STATE_KEYS = [];  // the URL's keys: the query, the filters, sort, page and the open reply
let EXPORT_KEYS = []; // what an export takes: the query, the filters and sort
const PAGE_SIZE = 10;

// Navigation waits for it, so that a search typed before it arrived keeps its filters in the URL.
let schemaReady = null;

async function loadSchema() {
  const schema = await api("api/schema");
  FILTERS = schema.fields.filter((f) => f.filter).map((f) => [f.name, f.label]);
  FACETS = schema.fields.filter((f) => f.facet).map((f) => [f.name, f.label]);
  EXPORT_KEYS = ["q", ...FILTERS.map(([name]) => name), "sort"];
  STATE_KEYS = [...EXPORT_KEYS, "page", "id"];
}

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k === "html") e.innerHTML = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
};

// Every key of the URL; toQuery keeps the known ones.
function readState() {
  const s = {};
  for (const [k, v] of new URLSearchParams(location.search)) if (v) s[k] = v;
  return s;
}

function toQuery(s, keys = STATE_KEYS) {
  const p = new URLSearchParams();
  for (const k of keys) if (s[k] !== undefined && s[k] !== "") p.set(k, s[k]);
  return p.toString();
}

function navigate(next, replace = false) {
  // A search replaces whatever completions were pending for the box.
  clearTimeout(suggestTimer);
  suggestSeq++;
  hideSuggestions();
  schemaReady.then(() => {
    const url = "?" + toQuery(next);
    if (replace) history.replaceState(null, "", url);
    else history.pushState(null, "", url);
    render();
  });
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => null);
  if (!r.ok) throw new Error((body && (body.detail || body.title)) || r.statusText);
  return body;
}

// ---- search ------------------------------------------------------------------------------------

let lastResult = null;
let renderSeq = 0;

async function render() {
  showView();
  const seq = ++renderSeq;
  const s = readState();
  document.body.dataset.rendered = "";
  $("q").value = s.q || "";
  $("sort").value = s.sort || "relevance";
  document.title = s.q ? `${s.q} · 建议答复检索` : "建议答复检索 · ReplySearch";
  const params = toQuery({ ...s, size: PAGE_SIZE }, [...STATE_KEYS.filter((k) => k !== "id"), "size"]);
  try {
    const result = await api("api/search?" + params);
    if (seq !== renderSeq) return; // a newer navigation owns the page now
    lastResult = result;
    showResult(s, result);
  } catch (e) {
    if (seq !== renderSeq) return;
    $("summary").textContent = "检索出错：" + e.message;
    $("hits").replaceChildren();
  }
  if (s.id) await openReader(s.id, s.q);
  else { closeReader(false); restoreFocus(); }
  // Marks the page as showing this URL's state (for people's tools and the browser tests alike).
  if (seq === renderSeq) document.body.dataset.rendered = location.search;
}

function showResult(s, r) {
  const page = Number(s.page || 1);
  const exportHref = "api/export.csv?" + toQuery(s, EXPORT_KEYS);
  // Two tiers: replies holding every term (counted), then related replies found by their words.
  const related = r.relatedTotal || 0; // null: not counted, the page was full of exact hits
  const exact = r.scope === "all" ? r.total - related : r.total;
  const countText = related > 0
    ? `共 ${exact} 条答复包含全部检索词，另有 ${related} 条相关答复，用时 ${r.tookMs} 毫秒`
    : `共 ${exact} 条答复，用时 ${r.tookMs} 毫秒`;
  $("summary").replaceChildren(
    el("span", { id: "count", text: countText }),
    el("a", { href: exportHref, id: "export", download: "replysearch-export.csv", text: "导出 CSV" }));
  $("empty").hidden = exact + related > 0;
  showChart(s, r.facets.year);
  showFacets(s, r.facets);
  const items = [];
  r.hits.forEach((h, i) => {
    if (h.match === "related" && (i === 0 || r.hits[i - 1].match !== "related")) items.push(tierNote(s.q, exact));
    items.push(hitItem(h, (page - 1) * PAGE_SIZE + i + 1));
  });
  $("hits").replaceChildren(...items);
  showPager(s, exact + related, page);
}

// Says in plain words where the exact hits end and the related ones begin.
function tierNote(q, exact) {
  const text = exact === 0
    ? `没有与「${q}」完全一致的结果，以下是相关答复（含有其中部分词语，按相关度排序）。`
    : "以下是相关答复：含有检索词中的部分词语，不计入上面的条数。";
  return el("li", { class: "tier-note", id: "tier-note", role: "note", text });
}

function hitItem(h, rank) {
  const who = h.delegates.length ? h.delegates.join("、") : "—";
  const meta = [h.agency || "—", h.year || "—", who, h.kind, h.proposalNumber ? `第${h.proposalNumber}号` : null, h.docNumber]
    .filter(Boolean).join(" · ");
  const li = el("li", { class: h.match === "related" ? "hit related" : "hit", tabindex: "0", "data-id": h.id, "data-match": h.match, "aria-label": `第${rank}条：${h.title || h.source}` },
    el("h2", { text: h.title || h.source }),
    el("div", { class: "meta", text: meta }),
    ...h.snippets.map((sn) => el("p", { class: "snippet" }, el("span", { class: "section", text: sn.section }), el("span", { html: sn.html }))));
  li.addEventListener("click", () => navigate({ ...readState(), id: h.id }));
  li.addEventListener("keydown", (e) => { if (e.key === "Enter") navigate({ ...readState(), id: h.id }); });
  return li;
}

function showChart(s, years) {
  const chart = $("chart");
  const sorted = [...years].sort((a, b) => a.value.localeCompare(b.value));
  const max = Math.max(1, ...sorted.map((y) => y.count));
  chart.replaceChildren(...sorted.map((y) => {
    const pressed = s.year === y.value;
    return el("button", {
      class: "bar", type: "button", "aria-pressed": String(pressed), title: `${y.value} 年：${y.count} 条`, "data-year": y.value,
      onclick: () => navigate({ ...readState(), year: pressed ? "" : y.value, page: "" }),
    },
    el("span", { class: "n", text: String(y.count) }),
    fill(Math.round((y.count / max) * 70)),
    el("span", { class: "label", text: y.value }));
  }));
}

// Heights go through the CSSOM: the page's CSP forbids style attributes.
function fill(height) {
  const f = el("span", { class: "fill" });
  f.style.height = height + "px";
  return f;
}

function showFacets(s, facets) {
  const active = FILTERS.filter(([key]) => s[key]).map(([key, label]) =>
    el("button", { class: "chip", type: "button", title: "取消此筛选", onclick: () => navigate({ ...readState(), [key]: "", page: "" }), text: `${label}：${s[key]} ×` }));
  $("active-filters").replaceChildren(...active);
  $("facet-groups").replaceChildren(...FACETS.map(([key, label]) => {
    const values = facets[key] || [];
    if (!values.length) return null;
    return el("div", { class: "facet", "data-facet": key },
      el("h3", { text: label }),
      el("ul", {}, ...values.slice(0, 12).map((v) => {
        const pressed = s[key] === v.value;
        return el("li", {}, el("button", {
          type: "button", "aria-pressed": String(pressed),
          onclick: () => navigate({ ...readState(), [key]: pressed ? "" : v.value, page: "" }),
        }, el("span", { text: v.value }), el("span", { class: "count", text: String(v.count) })));
      })));
  }).filter(Boolean));
}

function showPager(s, total, page) {
  const pages = Math.min(Math.ceil(total / PAGE_SIZE), 1000);
  if (pages <= 1) { $("pager").replaceChildren(); return; }
  const go = (p) => () => { navigate({ ...readState(), page: p === 1 ? "" : String(p) }); window.scrollTo(0, 0); };
  const items = [];
  if (page > 1) items.push(el("button", { type: "button", onclick: go(page - 1), text: "上一页" }));
  const from = Math.max(1, page - 4), to = Math.min(pages, from + 8);
  for (let p = from; p <= to; p++) items.push(el("button", { type: "button", "aria-current": p === page ? "page" : null, onclick: go(p), text: String(p) }));
  if (page < pages) items.push(el("button", { type: "button", onclick: go(page + 1), text: "下一页" }));
  $("pager").replaceChildren(...items);
}

// ---- suggestions -------------------------------------------------------------------------------

const KIND_LABEL = { agency: "单位", delegate: "代表", term: "词语", title: "建议标题" };
let suggestTimer = 0;
let suggestSeq = 0;

function hideSuggestions() {
  $("suggestions").hidden = true;
  $("q").setAttribute("aria-expanded", "false");
}

async function suggest() {
  const prefix = $("q").value.trim();
  const seq = ++suggestSeq;
  if (!prefix) { hideSuggestions(); return; }
  let items;
  try { items = await api("api/suggest?prefix=" + encodeURIComponent(prefix)); } catch { return; }
  if (seq !== suggestSeq) return; // a newer keystroke has its own answer coming
  const list = $("suggestions");
  list.replaceChildren(...items.map((it, i) => el("li", {
    role: "option", id: "sugg-" + i, "aria-selected": "false", "data-text": it.text,
    onmousedown: (e) => { e.preventDefault(); choose(it.text); },
  }, el("span", { text: it.text }), el("span", { class: "kind", text: KIND_LABEL[it.kind] || it.kind }))));
  list.dataset.prefix = prefix; // which keystroke's list is showing
  list.hidden = items.length === 0;
  $("q").setAttribute("aria-expanded", String(items.length > 0));
}

function choose(text) {
  $("q").value = text;
  hideSuggestions();
  navigate({ ...readState(), q: text, page: "", id: "" });
}

function moveSuggestion(delta) {
  const items = [...$("suggestions").children];
  if ($("suggestions").hidden || !items.length) return false;
  const current = items.findIndex((li) => li.getAttribute("aria-selected") === "true");
  const next = (current + delta + items.length) % items.length;
  items.forEach((li, i) => li.setAttribute("aria-selected", String(i === next)));
  $("q").setAttribute("aria-activedescendant", items[next].id);
  return true;
}

// ---- reader ------------------------------------------------------------------------------------

let openId = null;

async function openReader(id, q) {
  if (openId === id + "|" + (q || "")) return;
  openId = id + "|" + (q || "");
  const reader = $("reader");
  let view;
  try {
    view = await api(`api/replies/${encodeURIComponent(id)}` + (q ? "?q=" + encodeURIComponent(q) : ""));
  } catch (e) {
    $("reader-title").textContent = "无法打开：" + e.message;
    reader.hidden = false;
    return;
  }
  const d = view.document;
  $("reader-title").textContent = d.title || d.source;
  const meta = [["承办单位", d.agency], ["日期", d.date || d.year], ["代表/委员", (d.delegates || []).join("、")], ["类型", d.kind],
    ["届次", d.session], ["编号", d.proposalNumber ? `第${d.proposalNumber}号` : null], ["文号", d.docNumber], ["办理类型", d.handlingType], ["主办/协办", d.handlingRole], ["内容分类", d.contentCategory], ["索引号", d.indexNumber], ["公开方式", d.disclosure], ["提交日期", d.submittedDate],
    ["匹配", q ? `${view.matches} 处` : null]].filter(([, v]) => v);
  $("reader-meta").replaceChildren(...meta.flatMap(([k, v]) => [el("dt", { text: k }),
    // Each delegate's name opens their page.
    k === "代表/委员" ? el("dd", {}, ...d.delegates.flatMap((n, i) => [i ? "、" : null, el("a", { href: delegateHref(n), text: n })]).filter(Boolean))
      : el("dd", { text: String(v) })]));
  $("commitments").replaceChildren(...listOrNone(d.commitments || [], (c) => el("li", {},
    el("span", { text: c.text }),
    c.due ? el("span", { class: "due", text: `期限 ${c.due}` + (c.dueText ? `（${c.dueText}）` : "") }) : null,
    el("div", { class: "sub", text: c.section }))));
  $("outline").replaceChildren(...view.sections.map((s, i) => el("a", {
    href: "#sec-" + i, onclick: (e) => { e.preventDefault(); $("sec-" + i).scrollIntoView({ behavior: "smooth" }); },
  }, el("span", { text: s.label }), s.matches ? el("span", { class: "n", text: ` （${s.matches}）` }) : null)));
  $("reader-text").replaceChildren(...view.sections.map((s, i) => {
    // A numbered section's HTML starts with its heading line: show that line as the heading.
    const cut = s.heading ? s.html.indexOf("\n") : -1;
    const head = s.heading ? (cut < 0 ? s.html : s.html.slice(0, cut)) : null;
    const body = s.heading ? (cut < 0 ? "" : s.html.slice(cut + 1)) : s.html;
    return el("section", { id: "sec-" + i, "data-label": s.label },
      head === null ? el("h3", { text: s.label }) : el("h3", { html: head }),
      el("p", { html: body }));
  }));
  reader.hidden = false;
  $("reader-close").focus();
  showHistory(id);
  $("similar").replaceChildren(el("li", { text: "正在查找……" }));
  try {
    const similar = await api(`api/replies/${encodeURIComponent(id)}/similar`);
    $("similar").replaceChildren(...similar.map((r) => el("li", {},
      el("a", { href: "?" + toQuery({ ...readState(), id: r.id }), onclick: (e) => { e.preventDefault(); navigate({ ...readState(), id: r.id }); }, text: r.title || r.id }),
      el("span", { text: ` ${r.agency || ""} ${r.year || ""}` }),
      el("div", { class: "reason", text: r.reason }))));
    if (!similar.length) $("similar").replaceChildren(el("li", { text: "暂无" }));
  } catch {
    $("similar").replaceChildren();
  }
}

// The result a closed reader gives the focus back to, once the list shows again (keyboard users keep their place).
let focusAfterRender = null;

function closeReader(push = true) {
  if ($("reader").hidden) return;
  $("reader").hidden = true;
  focusAfterRender = openId ? openId.split("|")[0] : null;
  openId = null;
  if (push) navigate({ ...readState(), id: "" });
  else restoreFocus();
}

function restoreFocus() {
  if (!focusAfterRender) return;
  const hit = document.querySelector(`.hit[data-id="${CSS.escape(focusAfterRender)}"]`);
  focusAfterRender = null;
  if (hit) hit.focus();
}

// ---- history: the proposal's other replies, the delegates' other proposals, the topic over the years, reused paragraphs

function refItem(r, extra) {
  return el("li", {},
    el("a", { href: "?" + toQuery({ ...readState(), id: r.id }), onclick: (e) => { e.preventDefault(); navigate({ ...readState(), id: r.id }); }, text: r.title || r.id }),
    el("span", { class: "sub", text: ` ${r.agency || ""} ${r.date || r.year || ""} ${r.handlingRole || ""}${extra || ""}` }));
}

function listOrNone(items, render) {
  return items.length ? items.map(render) : [el("li", { class: "sub", text: "暂无" })];
}

async function showHistory(id) {
  for (const k of ["history-proposal", "history-topic", "reuse"]) $(k).replaceChildren(el("li", { class: "sub", text: "正在查找……" }));
  $("history-delegates").replaceChildren();
  try {
    const h = await api(`api/replies/${encodeURIComponent(id)}/history`);
    if (!openId || !openId.startsWith(id + "|")) return; // another reply is open by now
    $("history-proposal").replaceChildren(...listOrNone(h.proposal, (r) => refItem(r)));
    $("history-delegates").replaceChildren(...(h.delegates.length ? h.delegates.map((d) => el("div", {},
      el("div", {}, el("a", { href: delegateHref(d.name), text: d.name }), el("span", { class: "sub", text: ` 其他建议 ${d.replies.length} 件` })),
      el("ol", {}, ...listOrNone(d.replies, (r) => refItem(r))))) : [el("p", { class: "sub", text: "暂无" })]));
    $("history-topic").replaceChildren(...listOrNone(h.topic, (r) => refItem(r, ` · 相似度 ${r.similarity.toFixed(2)}`)));
  } catch {
    for (const k of ["history-proposal", "history-topic"]) $(k).replaceChildren();
  }
  try {
    const paragraphs = (await api(`api/replies/${encodeURIComponent(id)}/paragraphs`)).filter((p) => p.reuseCount > 0);
    if (!openId || !openId.startsWith(id + "|")) return;
    $("reuse").replaceChildren(...listOrNone(paragraphs, (p) => {
      const list = el("ol", { hidden: true }, ...p.reusedIn.map((r) => refItem(r, ` · ${r.similarity.toFixed(2)}`)));
      const badge = el("button", {
        class: p.boilerplate ? "badge boilerplate" : "badge", type: "button", "aria-expanded": "false",
        text: `在 ${p.reuseCount} 份答复中出现${p.boilerplate ? "（套话）" : ""}`,
        onclick: () => { list.hidden = !list.hidden; badge.setAttribute("aria-expanded", String(!list.hidden)); },
      });
      return el("li", { "data-index": String(p.index) }, el("span", { text: p.text.length > 60 ? p.text.slice(0, 60) + "……" : p.text }), badge, list);
    }));
  } catch {
    $("reuse").replaceChildren();
  }
}

// ---- drafting helper (起草助手), shown for #draft ------------------------------------------------

async function postJson(path, body) {
  const r = await fetch(path, { method: "POST", headers: { Accept: "application/json", "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const result = await r.json().catch(() => null);
  if (!r.ok) throw new Error((result && (result.detail || result.title)) || r.statusText);
  return result;
}

// The views besides the search: #draft (起草助手) and #delegate/NAME (a delegate's page). The search state stays
// in the query string underneath, so going back returns to it.
function showView() {
  const hash = location.hash;
  const drafting = hash === "#draft";
  const delegate = hash.startsWith("#delegate/") ? decodeURIComponent(hash.slice("#delegate/".length)) : null;
  $("draft").hidden = !drafting;
  $("delegate-view").hidden = delegate === null;
  document.querySelector("main.layout").hidden = drafting || delegate !== null;
  if ((drafting || delegate !== null) && !$("reader").hidden) {
    // A link inside the reader led here: set the reader aside; going back reopens it from the URL.
    $("reader").hidden = true;
    openId = null;
  }
  if (drafting) $("draft-text").focus();
  if (delegate !== null && delegate !== shownDelegate) showDelegate(delegate);
}

// ---- a delegate's page (#delegate/NAME): their replies by year and what their proposals are about -----

let shownDelegate = null;

function delegateHref(name) {
  return "?" + toQuery({ ...readState(), id: "" }) + "#delegate/" + encodeURIComponent(name);
}

async function showDelegate(name) {
  shownDelegate = name;
  delete $("delegate-view").dataset.shown;
  $("delegate-title").textContent = name;
  $("delegate-status").textContent = "正在查找……";
  $("delegate-search").href = "?" + toQuery({ delegate: name });
  $("delegate-years").replaceChildren();
  $("delegate-topics").replaceChildren();
  try {
    const p = await api(`api/delegates/${encodeURIComponent(name)}`);
    if (shownDelegate !== name) return;
    $("delegate-title").textContent = `${p.name} 的建议与答复`;
    const years = new Map();
    for (const r of p.replies) {
      const y = r.year ? `${r.year} 年` : "年份不详";
      if (!years.has(y)) years.set(y, []);
      years.get(y).push(r);
    }
    $("delegate-years").replaceChildren(...[...years].map(([y, replies]) => el("section", { class: "year" },
      el("h4", { text: `${y}（${replies.length} 份）` }),
      el("ol", {}, ...replies.map((r) => refItem(r))))));
    $("delegate-topics").replaceChildren(...listOrNone(p.topics, (t) => el("li", {},
      el("a", { href: "?" + toQuery({ q: t.term, delegate: p.name }), text: t.term }),
      el("span", { class: "sub", text: ` ${t.count}` }))));
    $("delegate-status").textContent = `共 ${p.replies.length} 份答复`;
  } catch (e) {
    if (shownDelegate === name) $("delegate-status").textContent = "没有找到：" + e.message;
  }
  // Marks the page as showing this delegate (for people's tools and the browser tests alike).
  if (shownDelegate === name) $("delegate-view").dataset.shown = name;
}

async function draft(e) {
  e.preventDefault();
  const text = $("draft-text").value.trim();
  if (!text) return;
  $("draft-status").textContent = "正在查找……";
  try {
    const result = await postJson("api/draft", { text, agency: $("draft-agency").value.trim() || null });
    $("draft-replies").replaceChildren(...listOrNone(result.replies, (h) => refItem(h)));
    $("draft-paragraphs").replaceChildren(...listOrNone(result.paragraphs, (p) => {
      const copy = el("button", { type: "button", class: "badge", text: "复制" });
      copy.addEventListener("click", async () => {
        try { await navigator.clipboard.writeText(p.text); copy.textContent = "已复制"; } catch { copy.textContent = "无法复制"; }
      });
      return el("li", { "data-score": String(p.score) },
        el("div", { class: "text", text: p.text }),
        el("span", { class: "sub", text: `${p.source.agency || ""} ${p.source.year || ""} · ${p.section} · 相关度 ${p.score.toFixed(2)} ` }),
        copy);
    }));
    $("draft-status").textContent = `找到 ${result.replies.length} 份相似答复、${result.paragraphs.length} 个可复用段落。`;
  } catch (err) {
    $("draft-status").textContent = "查找出错：" + err.message;
  }
}

// ---- wiring ------------------------------------------------------------------------------------

function selectedHit(delta) {
  const hits = [...document.querySelectorAll(".hit")];
  if (!hits.length) return;
  const current = hits.indexOf(document.activeElement);
  const next = current < 0 ? 0 : Math.max(0, Math.min(hits.length - 1, current + delta));
  hits[next].focus();
}

document.addEventListener("DOMContentLoaded", () => {
  schemaReady = loadSchema();
  $("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    hideSuggestions();
    navigate({ ...readState(), q: $("q").value.trim(), page: "", id: "" });
  });
  $("q").addEventListener("input", () => {
    // The shown completions were for what was typed before: hide them until the new ones arrive, so that
    // ↓ and Enter never pick a stale one.
    hideSuggestions();
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(suggest, 120);
  });
  $("q").addEventListener("blur", () => setTimeout(hideSuggestions, 150));
  $("q").addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && moveSuggestion(1)) e.preventDefault();
    // Without completions shown, ↓ leaves the box for the first result.
    else if (e.key === "ArrowDown" && $("suggestions").hidden && document.querySelector(".hit")) { e.preventDefault(); selectedHit(1); }
    else if (e.key === "ArrowUp" && moveSuggestion(-1)) e.preventDefault();
    else if (e.key === "Escape") hideSuggestions();
    else if (e.key === "Enter") {
      const chosen = [...$("suggestions").children].find((li) => li.getAttribute("aria-selected") === "true");
      if (chosen && !$("suggestions").hidden) { e.preventDefault(); choose(chosen.dataset.text); }
    }
  });
  $("sort").addEventListener("change", () => navigate({ ...readState(), sort: $("sort").value === "relevance" ? "" : $("sort").value, page: "" }));
  $("reader-close").addEventListener("click", () => closeReader());
  $("reader").addEventListener("click", (e) => { if (e.target === $("reader")) closeReader(); });
  document.addEventListener("keydown", (e) => {
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
    if (e.key === "Escape" && !$("reader").hidden) { closeReader(); return; }
    if (typing || !$("reader").hidden) return;
    if (e.key === "/") { e.preventDefault(); $("q").focus(); }
    else if (e.key === "ArrowDown" || e.key === "j") { e.preventDefault(); selectedHit(1); }
    else if (e.key === "ArrowUp" || e.key === "k") { e.preventDefault(); selectedHit(-1); }
  });
  window.addEventListener("popstate", () => schemaReady.then(render));
  window.addEventListener("hashchange", showView);
  $("draft-form").addEventListener("submit", draft);
  showView();
  schemaReady.then(render, (e) => { $("summary").textContent = "检索出错：" + e.message; });
});
