// govkg network page: draws the embedded graph with vis-network, filters it in place and
// reports what it drew through window.govkgViz. Every text shown comes from the data as
// text (textContent, Option, canvas labels); nothing from the data is parsed as HTML.
(function () {
  "use strict";
  const DATA = JSON.parse(document.getElementById("govkg-data").textContent);
  const STRINGS = DATA.strings;
  const LEAD = 0;
  const state = {
    lang: DATA.lang,
    role: DATA.initial.role,
    notice: DATA.initial.notice,
    section: DATA.initial.section,
    query: "",
  };
  const byId = new Map(DATA.nodes.map((n) => [n.id, n]));
  const api = {
    stabilized: false,
    settleMs: null,
    matches: [],
    nodeCount: () => network.body.nodeIndices.length,
    edgeCount: () => network.body.edgeIndices.length,
    visibleNodeIds: () => network.body.nodeIndices.slice(),
    label: (id) => network.body.nodes[id].options.label,
    domPosition: (id) => network.canvasToDOM(network.getPosition(id)),
    setFilter: (changes) => { Object.assign(state, changes); syncControls(); apply(); },
    search: (query) => { state.query = query; syncControls(); search(); return api.matches.slice(); },
    setLang: (lang) => { state.lang = lang; syncControls(); relabel(); },
    state: () => Object.assign({}, state),
  };
  window.govkgViz = api;

  function t(key) {
    const entry = STRINGS[key];
    return entry ? (entry[state.lang] || entry.en) : key;
  }

  function label(n) {
    if (state.lang === "en") return n.english || n.label_hans;
    return state.lang === "zh-Hans" ? n.label_hans : n.label_hant;
  }

  function tipElement(tip) {
    const box = document.createElement("div");
    box.className = "govkg-tip";
    for (const line of tip[state.lang] || tip.en || []) {
      const row = document.createElement("div");
      row.textContent = line;
      box.appendChild(row);
    }
    return box;
  }

  function inScope(c) {
    return (state.notice === null || c[0] === null || c[0] === state.notice)
      && (state.section === null || c[1] === null || c[1] === state.section)
      && (state.role === "any" || c[2] === null || c[2] === LEAD);
  }

  // Recompute which nodes and edges the current filter keeps, and their sizes.
  function compute() {
    const edgeWeight = new Map();
    const incoming = new Map();
    const shown = new Set();
    for (const e of DATA.edges) {
      let w = 0;
      for (const c of e.ctx) if (inScope(c)) w += 1;
      if (w > 0) {
        edgeWeight.set(e.id, w);
        shown.add(e.from);
        shown.add(e.to);
        incoming.set(e.to, (incoming.get(e.to) || 0) + w);
      }
    }
    const value = new Map();
    for (const n of DATA.nodes) {
      let own = 0;
      let lead = 0;
      for (const c of n.ctx) {
        if (inScope(c)) {
          own += 1;
          if (c[2] === LEAD) lead += 1;
        }
      }
      if (own > 0) shown.add(n.id);
      const size = { lead: lead, own: own, incoming: incoming.get(n.id) || 0, fixed: 1 }[n.size_by];
      value.set(n.id, size);
    }
    return { shown, edgeWeight, value };
  }

  const nodes = new vis.DataSet(DATA.nodes.map((n) => ({
    id: n.id, label: label(n), title: tipElement(n.tip), color: n.color, shape: n.shape,
    value: 1, hidden: false,
  })));
  const edges = new vis.DataSet(DATA.edges.map((e) => ({
    id: e.id, from: e.from, to: e.to, title: tipElement(e.tip), value: 1, hidden: false,
    arrows: DATA.directed ? "to" : undefined,
  })));
  const container = document.getElementById("govkg-network");
  const network = new vis.Network(container, { nodes, edges }, DATA.options);
  const started = performance.now();

  function apply() {
    const { shown, edgeWeight, value } = compute();
    nodes.update(DATA.nodes.map((n) => ({ id: n.id, hidden: !shown.has(n.id), value: value.get(n.id) })));
    edges.update(DATA.edges.map((e) => ({
      id: e.id, hidden: !edgeWeight.has(e.id), value: edgeWeight.get(e.id) || 1,
      title: tipElement(weightTip(e, edgeWeight.get(e.id) || 0)),
    })));
    document.getElementById("govkg-counts").textContent =
      `${api.nodeCount()} ${t("nodes")} · ${api.edgeCount()} ${t("edges")}`;
    if (state.query) search();
  }

  function weightTip(e, weight) {
    const tip = {};
    for (const lang of ["en", "zh-Hans", "zh-Hant"]) {
      const lines = (e.tip[lang] || []).slice();
      lines.push(`${STRINGS[DATA.weight_key][lang]}: ${weight}`);
      tip[lang] = lines;
    }
    return tip;
  }

  function relabel() {
    nodes.update(DATA.nodes.map((n) => ({ id: n.id, label: label(n), title: tipElement(n.tip) })));
    document.documentElement.lang = state.lang;
    document.getElementById("govkg-title").textContent = t(DATA.page);
    document.title = t(DATA.page);
    for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
    fillNotices();
    fillSections();
    fillLegend();
    apply();
  }

  function search() {
    const query = state.query.trim().toLowerCase();
    const visible = new Set(network.body.nodeIndices);
    api.matches = !query ? [] : DATA.nodes.filter((n) => visible.has(n.id) && (
      n.label_hans.toLowerCase().includes(query) || n.label_hant.toLowerCase().includes(query)
      || (n.english || "").toLowerCase().includes(query))).map((n) => n.id);
    network.selectNodes(api.matches);
    document.getElementById("govkg-matches").textContent = query ? `${api.matches.length} ${t("matches")}` : "";
    if (api.matches.length > 0 && api.stabilized) network.fit({ nodes: api.matches, animation: false });
  }

  function option(text, value) {
    const o = document.createElement("option");
    o.textContent = text;
    o.value = value;
    return o;
  }

  function fillNotices() {
    const select = document.getElementById("govkg-notice");
    select.replaceChildren(option(t("all"), ""));
    DATA.notices.forEach((notice, index) => select.appendChild(option(notice.label[state.lang] || notice.label.en, String(index))));
    select.value = state.notice === null ? "" : String(state.notice);
  }

  function fillSections() {
    const select = document.getElementById("govkg-section");
    select.replaceChildren(option(t("all"), ""));
    const seen = new Set();
    for (const s of DATA.sections) {
      if (state.notice !== null && s.notice !== state.notice) continue;
      if (seen.has(s.number)) continue;
      seen.add(s.number);
      const title = state.notice === null && DATA.notices.length > 1 ? "" : (s.title[state.lang] || s.title.en || "");
      select.appendChild(option(title ? `${s.number}. ${title}` : String(s.number), String(s.number)));
    }
    select.value = state.section === null ? "" : String(state.section);
  }

  function fillLegend() {
    const list = document.getElementById("govkg-legend");
    list.replaceChildren();
    for (const entry of DATA.legend) {
      const li = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = entry.color;
      const text = document.createElement("span");
      text.textContent = entry.label[state.lang] || entry.label.en;
      li.append(swatch, text);
      list.appendChild(li);
    }
    document.getElementById("govkg-size-note").textContent = t(DATA.size_note);
  }

  function syncControls() {
    document.getElementById("govkg-role").value = state.role;
    document.getElementById("govkg-notice").value = state.notice === null ? "" : String(state.notice);
    document.getElementById("govkg-section").value = state.section === null ? "" : String(state.section);
    document.getElementById("govkg-search").value = state.query;
    document.getElementById("govkg-lang").value = state.lang;
  }

  function showDetails(id) {
    const box = document.getElementById("govkg-details");
    const n = byId.get(id);
    box.replaceChildren();
    if (n) box.appendChild(tipElement(n.tip));
  }

  const numberOrNull = (v) => (v === "" ? null : Number(v));
  document.getElementById("govkg-role").addEventListener("change", (ev) => { state.role = ev.target.value; apply(); });
  document.getElementById("govkg-notice").addEventListener("change", (ev) => {
    state.notice = numberOrNull(ev.target.value);
    state.section = null;
    fillSections();
    apply();
  });
  document.getElementById("govkg-section").addEventListener("change", (ev) => { state.section = numberOrNull(ev.target.value); apply(); });
  document.getElementById("govkg-search").addEventListener("input", (ev) => { state.query = ev.target.value; search(); });
  document.getElementById("govkg-lang").addEventListener("change", (ev) => { state.lang = ev.target.value; relabel(); });
  network.on("selectNode", (params) => showDetails(params.nodes[0]));

  if (!DATA.has_roles) document.getElementById("govkg-role-box").hidden = true;

  function settled() {
    network.setOptions({ physics: false });
    network.storePositions();
    api.settleMs = performance.now() - started;
    api.stabilized = true;
    document.getElementById("govkg-settling").hidden = true;
    if (state.query) search();
  }

  if (DATA.nodes.length === 0) settled();
  else network.once("stabilizationIterationsDone", settled);
  syncControls();
  relabel();
})();
