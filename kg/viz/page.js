(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = window.nodes = new vis.DataSet(data.nodes);
  var edges = window.edges = new vis.DataSet(data.edges);
  var network = window.network = new vis.Network(
    document.getElementById("mynetwork"), {nodes: nodes, edges: edges}, data.options);
  var status = document.getElementById("kg-status");
  var details = document.getElementById("kg-details");
  var found = document.getElementById("kg-found");

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
    return box;
  }
  function evidenceBox(kg) {
    var box = document.createElement("div");
    box.className = "kg-tip";
    add(box, "strong", kg.source + " \u2014 " + kg.predicate + " \u2192 " + kg.target);
    var seen = [kg.polarity, kg.evidence.length + " evidence"];
    if (kg.first_seen) seen.push("seen " + kg.first_seen + " \u2013 " + kg.last_seen);
    add(box, "div", seen.filter(Boolean).join(" \u00b7 "), "kg-meta");
    var list = add(box, "ol");
    kg.evidence.forEach(function (ev) {
      var item = add(list, "li");
      if (ev.context) add(item, "div", "context: \u201c" + ev.context + "\u201d", "kg-context");
      add(item, "div", "\u201c" + ev.text + "\u201d", "kg-quote");
      var parts = [ev.title || ev.doc, ev.date];
      if (ev.confidence !== null) parts.push("confidence " + ev.confidence.toFixed(2));
      var meta = add(item, "div", parts.filter(Boolean).join(" \u00b7 "), "kg-meta");
      if (ev.url) {
        add(meta, "span", " \u00b7 ");
        var link = add(meta, "a", "open article");
        link.href = ev.url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
      }
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
    if (params.nodes.length) pin(nodeBox(nodes.get(params.nodes[0]).kg));
    else if (params.edges.length) pin(evidenceBox(edges.get(params.edges[0]).kg));
    else pin(null);
  });

  function settled() {
    network.setOptions({physics: {enabled: false}});
    counts();
    if (data.focus !== null) {
      network.selectNodes([data.focus]);
      pin(nodeBox(nodes.get(data.focus).kg));
    }
    document.body.dataset.kgState = "settled";
  }
  network.on("stabilizationProgress", function (params) {
    status.textContent = "Settling the layout\u2026 " +
      Math.round(100 * params.iterations / params.total) + "%";
  });
  if (data.nodes.length) network.once("stabilizationIterationsDone", settled);
  else settled();

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
    pin(ids.length === 1 ? nodeBox(hits[0].kg) : null);
    found.textContent = text ? (ids.length ? ids.length + " found" : "not found") : "";
  });
  var names = document.getElementById("kg-names");
  nodes.get().forEach(function (n) { add(names, "option").value = n.kg.label; });

  function filter() {
    var on = {};
    document.querySelectorAll(".kg-filter input").forEach(function (box) {
      on[box.name + ":" + box.value] = box.checked;
    });
    var hidden = {};
    nodes.update(nodes.get().map(function (n) {
      hidden[n.id] = !on["class:" + n.kg.type];
      return {id: n.id, hidden: hidden[n.id]};
    }));
    edges.update(edges.get().map(function (e) {
      return {id: e.id,
              hidden: !on["predicate:" + e.kg.predicate] || hidden[e.from] || hidden[e.to]};
    }));
    counts();
  }
  document.querySelectorAll(".kg-filter input").forEach(function (box) {
    box.addEventListener("change", filter);
  });
})();
