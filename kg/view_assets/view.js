/* kg view: draws the graph from the JSON data island and fills the side panel.
 *
 * Every string from the graph is article text: it is put in the page only with
 * textContent, as a property value (input, option) or drawn on vis-network's
 * canvas; never with innerHTML. Links are made only from http(s) URLs.
 * Exposed for tests and tinkering: kgNetwork, kgData, kgSelect(id),
 * kgSearch(text), kgStabilisedAt (performance.now() when layout stopped).
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var style = {};
  data.legend.forEach(function (t) { style[t.type] = t; });
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function fmt(n) { return Number(n).toLocaleString("en-GB"); }
  function norm(s) { return String(s).toLowerCase().replace(/\s+/g, " ").trim(); }

  /* ---------------------------------------------------------------- header */
  document.getElementById("kg-title").textContent = data.title;
  var docs = data.documents || [];
  if (docs.length) {
    var dl = document.getElementById("kg-docs");
    dl.textContent = docs.slice(0, 3).join(" \u2022 ") + (docs.length > 3 ? " \u2022 and " + (docs.length - 3) + " more" : "");
    dl.title = docs.join("\n");
  }
  var st = data.stats;
  var parts = [fmt(st.nodes) + " nodes", fmt(st.edges) + " edges", fmt(st.statements) + " statements",
               fmt(st.claims) + " claims"];
  if (st.from) parts.push(st.from === st.to ? st.from : st.from + " \u2013 " + st.to);
  if (st.focus && st.focus.length) parts.push("around " + st.focus.join(", ") + " (depth " + st.depth + ")");
  parts.push("size: " + (st.sizeBy === "degree" ? "degree" : "PageRank"));
  document.getElementById("kg-stats").textContent = parts.join(" \u00b7 ");
  if (st.left_nodes > 0) {
    var left = document.getElementById("kg-left");
    left.textContent = "Showing the " + fmt(st.nodes) + " most central nodes: " + fmt(st.left_nodes) +
      " nodes and " + fmt(st.left_edges) + " edges left out (cap " + fmt(st.cap) +
      "). Use kg view --focus NAME, --types or --cap 0 to see them.";
    left.hidden = false;
  }
  var hiddenTypes = {};
  var legend = document.getElementById("kg-legend");
  data.legend.forEach(function (t) {
    var li = el("li");
    var g = el("span", t.glyph, "glyph");
    g.style.color = t.colour;
    li.appendChild(g);
    li.appendChild(document.createTextNode(t.type + " " + fmt(t.count)));
    li.title = "Hide or show " + t.type;
    li.addEventListener("click", function () {
      hiddenTypes[t.type] = !hiddenTypes[t.type];
      li.className = hiddenTypes[t.type] ? "off" : "";
      nodes.update(data.nodes.filter(function (n) { return n.type === t.type; })
        .map(function (n) { return {id: n.id, hidden: !!hiddenTypes[t.type]}; }));
    });
    legend.appendChild(li);
  });

  /* ---------------------------------------------------------------- network */
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var s = style[n.type] || {colour: "#999", shape: "dot"};
    return {id: n.id, label: n.label, shape: s.shape, size: n.size,
            color: {background: s.colour, border: "#444", highlight: {background: s.colour, border: "#000"},
                    hover: {background: s.colour, border: "#000"}},
            font: {size: n.font, face: "system-ui, sans-serif", color: "#222", strokeWidth: 3, strokeColor: "#fff"},
            title: n.names[0] + " (" + n.type + ")" + (n.names.length > 1 ? "\nalso: " + n.names.slice(1).join("; ") : "")};
  }));
  var EDGE = {member: "#e15759", holds: "#59a14f", claim: "#f28e2b", speaks: "#4e79a7", responds: "#76b7b2",
              said: "#bab0ac", about: "#bab0ac", cooccurs: "#c8c8c8"};
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    var co = e.kind === "cooccurs";
    return {id: i, from: e.from, to: e.to, label: e.label || undefined, title: e.title,
            arrows: co ? "" : {to: {enabled: true, scaleFactor: 0.45}},
            dashes: co, width: co ? 0.6 + Math.min(e.count, 6) * 0.3 : 1 + Math.min(e.count, 8) * 0.4,
            color: {color: EDGE[e.kind] || "#999", opacity: co ? 0.7 : 0.9, highlight: "#222"},
            font: {size: 10, color: "#555", strokeWidth: 3, strokeColor: "#fff", align: "middle"},
            length: co ? 180 : undefined};
  }));
  var options = data.vis;
  options.edges = {smooth: false, selectionWidth: 1.5};
  options.nodes = {borderWidth: 1, borderWidthSelected: 3};
  var container = document.getElementById("kg-net");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  window.kgNetwork = network;
  window.kgData = data;
  window.kgStabilisedAt = null;
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: false});
    network.fit({animation: false});
    window.kgStabilisedAt = performance.now();
  });

  /* ---------------------------------------------------------------- panel */
  var panel = document.getElementById("kg-panel");

  function section(title, items, render) {
    if (!items || !items.length) return;
    panel.appendChild(el("h3", title + (items.length > 1 ? " (" + items.length + ")" : "")));
    var ul = el("ul");
    items.forEach(function (it) { var li = el("li"); render(li, it); ul.appendChild(li); });
    panel.appendChild(ul);
  }
  function source(li, s) {
    var bits = [s.when, s.entry ? "\u201c" + s.entry + "\u201d" : "", s.doc].filter(Boolean);
    var meta = el("div", bits.join(" \u00b7 "), "meta");
    if (s.url && /^https?:\/\//i.test(s.url)) {
      var a = el("a", "source");
      a.href = s.url;
      a.rel = "noopener noreferrer";
      a.target = "_blank";
      meta.appendChild(document.createTextNode(" \u00b7 "));
      meta.appendChild(a);
    }
    li.appendChild(meta);
  }
  function link(id) {
    var b = el("button", byId[id] ? byId[id].names[0] : id, "link");
    b.type = "button";
    b.addEventListener("click", function () { select(id, true); });
    return b;
  }

  function show(id) {
    var d = data.details[id];
    panel.textContent = "";
    if (!d) return;
    var h = el("h2", d.label);
    h.id = "kg-panel-name";
    panel.appendChild(h);
    var badge = el("span", d.type, "type");
    badge.style.background = (style[d.type] || {colour: "#999"}).colour;
    panel.appendChild(badge);
    if (d.mentions) panel.appendChild(el("span", "  mentioned in " + d.mentions + " entr" + (d.mentions === 1 ? "y" : "ies"), "meta"));
    section("Also called", d.alts, function (li, a) { li.textContent = a; });
    section("Posts", d.posts, function (li, p) { li.textContent = p; });
    section("Party", d.parties, function (li, p) { li.textContent = p; });
    section("Statements", d.statements, function (li, s) {
      li.className = "statement";
      li.appendChild(el("p", "\u201c" + s.text + "\u201d", "quote"));
      var how = [s.kind === "direct" ? "quoted" : s.kind === "indirect" ? "reported" : s.kind,
                 d.type === "Statement" && s.speaker ? "by " + s.speaker : "",
                 s.venue ? "in " + s.venue : "", s.respondsTo ? "replying to " + s.respondsTo : ""];
      li.appendChild(el("div", how.filter(Boolean).join(" "), "meta"));
      source(li, s);
    });
    section("Claims", d.claims, function (li, c) {
      li.appendChild(el("div", c.predicate + " " + c.object));
      if (c.evidence) li.appendChild(el("div", "\u201c" + c.evidence + "\u201d", "meta"));
      source(li, c);
    });
    var nbrs = network.getConnectedNodes(id).sort(function (a, b) {
      return (byId[b] ? byId[b].score : 0) - (byId[a] ? byId[a].score : 0);
    });
    section("Connected", nbrs, function (li, n) { li.appendChild(link(n)); });
    section("Connected but left out", d.hidden, function (li, n) { li.textContent = n; });
  }

  function select(id, move) {
    if (!byId[id]) return false;
    network.selectNodes([id]);
    if (move) network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: {duration: 300}});
    show(id);
    return true;
  }
  network.on("click", function (p) {
    if (p.nodes.length) show(p.nodes[0]);
  });
  window.kgSelect = function (id) { return select(id, true); };

  /* ---------------------------------------------------------------- search */
  var names = [];
  var list = document.getElementById("kg-names");
  data.nodes.forEach(function (n) {
    if (n.type === "Statement") return;
    n.names.forEach(function (name) {
      names.push([norm(name), n.id]);
      var o = document.createElement("option");
      o.value = name;
      list.appendChild(o);
    });
  });
  function find(text) {
    var q = norm(text);
    if (!q) return null;
    var tests = [function (x) { return x === q; }, function (x) { return x.indexOf(q) === 0; },
                 function (x) { return x.indexOf(q) >= 0; }];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < names.length; i++) if (tests[t](names[i][0])) return names[i][1];
    }
    return null;
  }
  window.kgSearch = function (text) {
    var id = find(text);
    document.getElementById("kg-search-msg").textContent = id ? "" : "no match";
    if (id) select(id, true);
    return id;
  };
  document.getElementById("kg-find").addEventListener("submit", function (ev) {
    ev.preventDefault();
    window.kgSearch(document.getElementById("kg-search").value);
  });
  document.getElementById("kg-search").addEventListener("change", function (ev) {
    if (find(ev.target.value)) window.kgSearch(ev.target.value);
  });
  document.getElementById("kg-fit").addEventListener("click", function () { network.fit({animation: {duration: 300}}); });
})();
