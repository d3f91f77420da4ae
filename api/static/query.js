// The query page: a YASQE editor (from the vendored YASGUI bundle), example buttons,
// results drawn with DOM calls only (never innerHTML), and share links (?query=...).
"use strict";
(function () {
  const config = JSON.parse(document.getElementById("govkg-config").textContent);
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const share = document.getElementById("share");
  const fromUrl = new URLSearchParams(window.location.search).get("query");
  const first = config.query || fromUrl || (config.examples[0] && config.examples[0].query) || "SELECT * WHERE { ?s ?p ?o } LIMIT 10";

  const editor = new Yasgui.Yasqe(document.getElementById("editor"), {
    value: first,
    persistenceId: null,
    autocompleters: ["variables"],
    showQueryButton: false,
    createShareableLink: null,
    resizeable: true,
    editorHeight: "320px",
    requestConfig: { endpoint: config.endpoint, method: "POST" },
  });
  editor.setValue(first);

  function localLink(iri) {
    if (config.base && iri.startsWith(config.base)) {
      return "/id/" + iri.slice(config.base.length);
    }
    return iri;
  }

  function shortName(iri) {
    if (config.base && iri.startsWith(config.base)) return iri.slice(config.base.length);
    return iri;
  }

  function link(iri, text) {
    const a = document.createElement("a");
    a.href = localLink(iri);
    a.textContent = text;
    return a;
  }

  function cell(binding, row, variable) {
    const td = document.createElement("td");
    if (!binding) return td;
    if (binding.type === "uri") {
      td.appendChild(link(binding.value, shortName(binding.value)));
      td.firstChild.className = "iri";
      return td;
    }
    // A label column (xLabel, xName) links to its entity x, as on other query services.
    const match = /^(.*?)(Label|Name|_label|_name)$/.exec(variable);
    const subject = match ? row[match[1]] : undefined;
    if (subject && subject.type === "uri") {
      td.appendChild(link(subject.value, binding.value));
    } else {
      td.textContent = binding.value;
    }
    if (binding["xml:lang"]) td.lang = binding["xml:lang"];
    return td;
  }

  function drawTable(data) {
    const table = document.createElement("table");
    table.className = "results";
    const head = table.createTHead().insertRow();
    for (const variable of data.head.vars) {
      const th = document.createElement("th");
      th.textContent = variable;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const row of data.results.bindings) {
      const tr = body.insertRow();
      for (const variable of data.head.vars) tr.appendChild(cell(row[variable], row, variable));
    }
    results.replaceChildren(table);
    status.textContent = data.results.bindings.length + " rows";
  }

  function setShare(query) {
    const url = new URL(window.location.href);
    url.search = new URLSearchParams({ query: query }).toString();
    share.href = url.pathname + url.search;
    window.history.replaceState(null, "", share.href);
  }

  async function run() {
    const query = editor.getValue();
    setShare(query);
    status.className = "";
    status.textContent = "running…";
    results.replaceChildren();
    let response;
    try {
      response = await fetch(config.endpoint, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: new URLSearchParams({ query: query }),
      });
    } catch (error) {
      status.className = "error";
      status.textContent = "request failed: " + error;
      return;
    }
    const type = response.headers.get("content-type") || "";
    if (!response.ok) {
      let message = response.status + " " + response.statusText;
      try { message += ": " + (await response.json()).message; } catch (e) { /* not JSON */ }
      status.className = "error";
      status.textContent = message;
      return;
    }
    if (type.startsWith("application/sparql-results+json")) {
      const data = await response.json();
      if (typeof data.boolean === "boolean") {
        status.textContent = "ASK: " + data.boolean;
        return;
      }
      drawTable(data);
    } else {
      const pre = document.createElement("pre");
      pre.className = "graph";
      pre.textContent = await response.text();
      results.replaceChildren(pre);
      status.textContent = "graph";
    }
    if (response.headers.get("Govkg-Truncated")) status.textContent += " (truncated at the row limit)";
  }

  document.getElementById("run").addEventListener("click", run);
  for (const button of document.querySelectorAll("button.example")) {
    button.addEventListener("click", function () {
      const example = config.examples.find((e) => e.name === button.dataset.example);
      if (!example) return;
      editor.setValue(example.query);
      run();
    });
  }
  setShare(first);
  if (config.query || fromUrl) run();
})();
