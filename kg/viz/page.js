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

  // vis-network's records, made from the page's compact data: nodes and edges drawn in the
  // style of their class and relation, where Python placed them, hidden as the filters say
  // (structural facts may start off); edges name their ends by number, evidence its article.
  var on = switches();
  var nodeRecords = data.nodes.map(function (n) {
    var style = data.classes[n.type];
    return {id: n.id, label: n.label, shape: style.shape, color: n.color || style.color,
            size: n.size,
            x: n.x, y: n.y, hidden: !on["class:" + n.type], kg: n};
  });
  var edgeRecords = data.edges.map(function (e, i) {
    var relation = data.relations[e.predicate];
    var kg = {source: data.nodes[e.from].label, predicate: e.predicate, layer: relation.layer,
              target: data.nodes[e.to].label, polarity: relation.polarity,
              first_seen: e.first_seen, last_seen: e.last_seen, evidence: e.evidence};
    return {id: "e" + i, from: data.nodes[e.from].id, to: data.nodes[e.to].id,
            label: e.predicate, width: e.width, dashes: relation.dashes,
            color: {color: relation.color, highlight: relation.color, hover: relation.color},
            smooth: {enabled: true, type: "curvedCW", roundness: e.curve},
            hidden: edgeHidden(on, kg, nodeRecords[e.from].hidden, nodeRecords[e.to].hidden),
            kg: kg};
  });
  var nodes = window.nodes = new vis.DataSet(nodeRecords);
  var edges = window.edges = new vis.DataSet(edgeRecords);
  // Physics is off (data.options): the positions are final and the first drawing is complete.
  var network = window.network = new vis.Network(
    document.getElementById("mynetwork"), {nodes: nodes, edges: edges}, data.options);
  network.once("afterDrawing", function () {
    window.kgDrawnMs = performance.now();  // since navigation began (bench/viz.py reads it)
    document.body.dataset.kgState = "drawn";
  });

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

  // Labels readable at any zoom for the most important nodes (all of a small graph): at least
  // LABEL_PX on screen, whatever the scale; the others as vis-network draws them (as you zoom).
  var LABEL_PX = 12, ALL_LABELS_UP_TO = 150, TOP_LABELS = 30;
  var labelled = data.nodes.slice().sort(function (a, b) {
    return b.size - a.size || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
  }).slice(0, data.nodes.length <= ALL_LABELS_UP_TO ? data.nodes.length : TOP_LABELS)
    .map(function (n) { return n.id; });
  var labelSize = null;
  function scaleLabels() {
    var size = Math.max(14, Math.ceil(LABEL_PX / network.getScale()));
    if (size === labelSize) return;
    labelSize = size;
    nodes.update(labelled.map(function (id) {
      return {id: id, font: {size: size, strokeWidth: Math.ceil(size / 5), strokeColor: "#fff"}};
    }));
  }
  network.on("zoom", scaleLabels);
  window.kgLabelled = labelled;

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
  var names = document.getElementById("kg-names");
  nodes.get().forEach(function (n) { add(names, "option").value = n.kg.label; });

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

  // Before the first drawing: the labels sized for the fitted zoom, the counts, the focus.
  scaleLabels();
  counts();
  if (data.focus !== null) {
    network.selectNodes([data.focus]);
    pin(nodePanel(nodes.get(data.focus)));
  }
})();
