(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var status = document.getElementById("kg-status");
  var details = document.getElementById("kg-details");
  var found = document.getElementById("kg-found");
  var relax = document.getElementById("kg-relax");

  // Which classes, relations and layers the check boxes leave on, as "name:value" -> checked.
  function switches() {
    var on = {};
    document.querySelectorAll(".kg-filter input").forEach(function (box) {
      on[box.name + ":" + box.value] = box.checked;
    });
    return on;
  }
  function edgeHidden(on, kg, fromHidden, toHidden) {
    return !on["predicate:" + kg.predicate] || on["layer:" + kg.layer] === false ||
      fromHidden || toHidden;
  }

  // Labels readable at any zoom for the most important nodes (all of a small graph): at least
  // LABEL_PX on screen, whatever the scale; the others as vis-network draws them (as you zoom).
  // A size is kept while it stays between LABEL_PX and 1.3 times that on screen, and a new one
  // has a tenth to spare, so that zooming a little redraws no label. The size for the zoom
  // vis-network will fit the graph at (View.fit: the nodes' extent and a tenth, at most 1) is
  // in their records from the start, so that the first drawing is the final one.
  var LABEL_PX = 12, ALL_LABELS_UP_TO = 150, TOP_LABELS = 30;
  var labelled = window.kgLabelled = data.nodes.slice().sort(function (a, b) {
    return b.size - a.size || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
  }).slice(0, data.nodes.length <= ALL_LABELS_UP_TO ? data.nodes.length : TOP_LABELS)
    .map(function (n) { return n.id; });
  function labelFont(scale) {
    var size = Math.max(14, Math.ceil(1.1 * LABEL_PX / scale));
    return {size: size, strokeWidth: Math.ceil(size / 5), strokeColor: "#fff"};
  }
  function fits(size, scale) {
    var needed = LABEL_PX / scale;
    return size >= needed && (size === 14 || size <= 1.3 * needed);
  }
  function fittedScale() {
    var box = document.getElementById("mynetwork");
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    data.nodes.forEach(function (n) {
      x0 = Math.min(x0, n.x - n.size); x1 = Math.max(x1, n.x + n.size);
      y0 = Math.min(y0, n.y - n.size); y1 = Math.max(y1, n.y + n.size);
    });
    var scale = Math.min(box.clientWidth / (1.1 * (x1 - x0)),
                         box.clientHeight / (1.1 * (y1 - y0)));
    return scale > 0 && scale < 1 ? scale : 1;
  }
  function scaleLabels() {
    if (fits(labelSize, network.getScale())) return;
    var font = labelFont(network.getScale());
    labelSize = font.size;
    nodes.update(labelled.map(function (id) { return {id: id, font: font}; }));
  }

  // What the tooltips and the panel show of a node or an edge, kept under "kg" in its record.
  // Not a plain object: vis-network deep-copies those into every node and edge it draws.
  function Shown(fields) { Object.assign(this, fields); }

  // vis-network's records, made from the page's compact data: nodes and edges drawn in the
  // style of their class and relation, where Python placed them, hidden as the filters say
  // (structural facts may start off); edges name their ends by number, evidence its article.
  // An edge is straight unless it has a parallel one (a curve): straight lines draw faster.
  var on = switches();
  var nodeRecords = data.nodes.map(function (n) {
    var style = data.classes[n.type];
    return {id: n.id, label: n.label, shape: style.shape, color: n.color || style.color,
            size: n.size, x: n.x, y: n.y, hidden: !on["class:" + n.type], kg: new Shown(n)};
  });
  var edgeRecords = data.edges.map(function (e, i) {
    var relation = data.relations[e.predicate];
    var kg = new Shown({source: data.nodes[e.from].label, predicate: e.predicate,
                        layer: relation.layer, target: data.nodes[e.to].label,
                        polarity: relation.polarity, first_seen: e.first_seen,
                        last_seen: e.last_seen, evidence: e.evidence});
    return {id: "e" + i, from: data.nodes[e.from].id, to: data.nodes[e.to].id,
            label: e.predicate, width: e.width, dashes: relation.dashes, color: relation.color,
            smooth: e.curve ? {enabled: true, type: "curvedCW", roundness: e.curve} : false,
            hidden: edgeHidden(on, kg, nodeRecords[e.from].hidden, nodeRecords[e.to].hidden),
            kg: kg};
  });
  var fitted = labelFont(fittedScale()), byId = {}, labelSize = fitted.size;
  nodeRecords.forEach(function (n) { byId[n.id] = n; });
  labelled.forEach(function (id) { byId[id].font = fitted; });
  var nodes = window.nodes = new vis.DataSet(nodeRecords);
  var edges = window.edges = new vis.DataSet(edgeRecords);
  // Physics is off (data.options): the positions are final, and vis-network draws the graph
  // as soon as it has it. The page is "drawn" once that drawing is of the page as set up below.
  var network = window.network = new vis.Network(
    document.getElementById("mynetwork"), {}, data.options);
  var setUp = false, drawnBeforeSetUp = false;
  function markDrawn() {
    window.kgDrawnMs = performance.now();  // since navigation began (bench/viz.py reads it)
    document.body.dataset.kgState = "drawn";
  }
  network.once("afterDrawing", function () {
    if (setUp) markDrawn(); else drawnBeforeSetUp = true;
  });
  network.setData({nodes: nodes, edges: edges});

  function add(parent, tag, text, className) {
    var el = document.createElement(tag);
    if (text) el.textContent = text;
    if (className) el.className = className;
    parent.appendChild(el);
    return el;
  }
  function nodeBox(kg) {
    var box = document.createElement("div");
    box.className = "kg-tip";
    add(box, "strong", kg.label);
    add(box, "div", "class: " + kg.type);
    if (kg.country) add(box, "div", "country: " + kg.country);
    if (kg.qid) add(box, "div", "Wikidata: " + kg.qid);
    if (typeof kg.bloc === "number") add(box, "div", "bloc: " + kg.bloc);
    return box;
  }
  function evidenceItem(list, ev) {
    var item = add(list, "li");
    if (ev.context) add(item, "div", "context: \u201c" + ev.context + "\u201d", "kg-context");
    add(item, "div", "\u201c" + ev.text + "\u201d", "kg-quote");
    var article = ev.article === undefined ? {} : data.articles[ev.article];
    var parts = [article.title || article.doc, article.date];
    if (typeof ev.confidence === "number") parts.push("confidence " + ev.confidence.toFixed(2));
    var meta = add(item, "div", parts.filter(Boolean).join(" \u00b7 "), "kg-meta");
    if (article.url) {
      add(meta, "span", " \u00b7 ");
      var link = add(meta, "a", "open article");
      link.href = article.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
    }
  }
  function evidenceBox(kg) {
    var box = document.createElement("div");
    box.className = "kg-tip";
    add(box, "strong", kg.source + " \u2014 " + kg.predicate + " \u2192 " + kg.target);
    var seen = [kg.polarity, kg.evidence.length + " evidence"];
    if (kg.first_seen) seen.push("seen " + kg.first_seen + " \u2013 " + kg.last_seen);
    add(box, "div", seen.filter(Boolean).join(" \u00b7 "), "kg-meta");
    var list = add(box, "ol");
    kg.evidence.forEach(function (ev) { evidenceItem(list, ev); });
    return box;
  }
  // A clicked node: its class and country, then its facts grouped by relation, each with its
  // evidence, article, date and link.
  function nodePanel(node) {
    var box = nodeBox(node.kg);
    box.classList.add("kg-panel");
    var linked = edges.get({filter: function (e) { return e.from === node.id || e.to === node.id; }});
    var groups = {};
    linked.forEach(function (e) {
      (groups[e.kg.predicate] = groups[e.kg.predicate] || []).push(e);
    });
    add(box, "div", linked.length + (linked.length === 1 ? " fact" : " facts"), "kg-meta");
    Object.keys(groups).sort().forEach(function (predicate) {
      var section = add(box, "section", null, "kg-relation");
      add(section, "h3", predicate + " (" + groups[predicate].length + ")");
      groups[predicate].forEach(function (e) {
        add(section, "div", e.kg.source + " \u2014 " + predicate + " \u2192 " + e.kg.target,
            "kg-fact");
        var list = add(section, "ol");
        e.kg.evidence.forEach(function (ev) { evidenceItem(list, ev); });
      });
    });
    return box;
  }
  function pin(box) {
    details.replaceChildren();
    if (box) details.appendChild(box);
    details.hidden = !box;
  }
  function counts() {
    var shownNodes = nodes.get({filter: function (n) { return !n.hidden; }}).length;
    var shownEdges = edges.get({filter: function (e) { return !e.hidden; }}).length;
    status.textContent = shownNodes + " of " + nodes.length + " entities, " +
      shownEdges + " of " + edges.length + " relations shown";
  }

  // Tooltips are built on first hover: thousands of them up front would slow the page down.
  network.on("hoverNode", function (params) {
    var node = nodes.get(params.node);
    if (!node.title) nodes.update({id: node.id, title: nodeBox(node.kg)});
  });
  network.on("hoverEdge", function (params) {
    var edge = edges.get(params.edge);
    if (!edge.title) edges.update({id: edge.id, title: evidenceBox(edge.kg)});
  });
  network.on("click", function (params) {
    if (params.nodes.length) pin(nodePanel(nodes.get(params.nodes[0])));
    else if (params.edges.length) pin(evidenceBox(edges.get(params.edges[0]).kg));
    else pin(null);
  });

  network.on("zoom", scaleLabels);

  // The "Relax" button: vis-network's physics on (the layout moves until it is stable, and
  // again when a node is dragged), and off again.
  function physics(enabled) {
    network.setOptions({physics: {enabled: enabled}});
    relax.setAttribute("aria-pressed", String(enabled));
    relax.textContent = enabled ? "Hold still" : "Relax";
  }
  relax.addEventListener("click", function () {
    physics(relax.getAttribute("aria-pressed") !== "true");
  });

  document.getElementById("kg-search").addEventListener("change", function (event) {
    var text = event.target.value.trim().toLowerCase();
    var visible = nodes.get({filter: function (n) { return !n.hidden; }});
    var exact = visible.filter(function (n) { return n.kg.label.toLowerCase() === text; });
    var hits = exact.length ? exact : visible.filter(function (n) {
      return text && n.kg.label.toLowerCase().indexOf(text) >= 0;
    });
    var ids = hits.map(function (n) { return n.id; });
    network.selectNodes(ids);
    if (ids.length) network.fit({nodes: ids, animation: false});
    pin(ids.length === 1 ? nodePanel(hits[0]) : null);
    found.textContent = text ? (ids.length ? ids.length + " found" : "not found") : "";
  });
  // The names the search box offers, listed when it is first used (not before the drawing).
  var names = document.getElementById("kg-names");
  document.getElementById("kg-search").addEventListener("focus", function () {
    if (names.firstChild) return;
    nodes.get().forEach(function (n) { add(names, "option").value = n.kg.label; });
  });

  function filter() {
    var on = switches();
    var hidden = {};
    nodes.update(nodes.get().map(function (n) {
      hidden[n.id] = !on["class:" + n.kg.type];
      return {id: n.id, hidden: hidden[n.id]};
    }));
    edges.update(edges.get().map(function (e) {
      return {id: e.id, hidden: edgeHidden(on, e.kg, hidden[e.from], hidden[e.to])};
    }));
    counts();
  }
  document.querySelectorAll(".kg-filter input").forEach(function (box) {
    box.addEventListener("change", filter);
  });

  // Before the first drawing: the focus, the counts, the labels sized for the fitted zoom.
  if (data.focus !== null) {
    network.selectNodes([data.focus]);
    pin(nodePanel(nodes.get(data.focus)));
  }
  counts();
  scaleLabels();  // only if the fitted zoom was not foreseen: then it draws again, at once
  setUp = true;
  if (drawnBeforeSetUp) markDrawn();
})();
