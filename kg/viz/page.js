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
  function factShown(on, fact) {
    return on["predicate:" + fact.predicate] && on["layer:" + fact.layer] !== false;
  }

  // Labels readable at any zoom for the most important nodes (all of a small graph): at least
  // LABEL_PX on screen, whatever the scale; the others as vis-network draws them (as you zoom).
  // A size is kept while it stays between LABEL_PX and 1.3 times that on screen, and a new one
  // has a tenth to spare, so that zooming a little redraws no label. The size for the zoom
  // vis-network will fit the graph at (View.fit: the nodes' extent and a tenth, at most 1) is
  // in their records from the start, so that the first drawing is the final one.
  var LABEL_PX = 12, ALL_LABELS_UP_TO = 150, TOP_LABELS = 30, FOUND_SCALE = 1;
  var ranked = data.nodes.slice().sort(function (a, b) {
    return b.size - a.size || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
  }).map(function (n) { return n.id; });
  var labelled = window.kgLabelled = ranked.slice(
    0, data.nodes.length <= ALL_LABELS_UP_TO ? data.nodes.length : TOP_LABELS);
  var isLabelled = {};
  labelled.forEach(function (id) { isLabelled[id] = true; });
  function labelSizeAt(scale) { return Math.max(14, Math.ceil(1.1 * LABEL_PX / scale)); }
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

  // A name is given to vis-network only once it would be drawn (vis-network leaves out a text
  // under DRAW_THRESHOLD pixels high, yet measures every text it has, and makes a line's
  // label follow the line each drawing): a node's once it is big enough and in view, a line's
  // (EDGE_FONT pixels at zoom 1) likewise. Zoomed out on a large graph, only the most important
  // names are drawn; the others are given as the user zooms in and pans, a few at a time.
  // Arrow heads likewise: vis-network draws one ARROW_UNITS canvas units long or more (15
  // times its scale factor and 3 times the line's width), under ARROW_PX on screen when the
  // page opens on 10,000 entities, where drawing them took a quarter of the drawing; they are
  // given to the lines in view once they are ARROW_PX long.
  // Names that would overprint one another are not drawn. At each zoom, the nodes are taken in
  // rank order (the most important first; the hovered and selected ones before all): a node's
  // name is drawn unless its box on screen (as wide as its text, as high as its font, beneath
  // the node as vis-network draws it, LABEL_GAP pixels to spare) meets the box of a name taken
  // before. A hidden name is drawn in a transparent colour, so its node keeps its label (the
  // search and the tooltips use it). Boxes are kept in a grid of GRID_PX squares on screen,
  // and only the names vis-network draws (big enough) and in view are looked at, so that a
  // zoom costs little even with 10,000 nodes; the changes are one update, one redrawing.
  var LABEL_GAP = 2, GRID_PX = 96, DRAW_THRESHOLD = 5, DEFAULT_FONT = 14;
  var INK = "#343434", CLEAR = "rgba(0,0,0,0)";
  var EDGE_FONT = data.options.edges.font.size, ARROW_UNITS = 12, ARROW_PX = 1;
  var unnamed = {}, named = {}, classHidden = {}, hovered = null, textWidths = {}, measure = null;
  var edgeNamed = {}, pointed = {};
  function nodeFont(id) {
    var font = isLabelled[id]
      ? {size: labelSize, strokeWidth: Math.ceil(labelSize / 5), strokeColor: "#fff"}
      : {size: DEFAULT_FONT, strokeWidth: 0, strokeColor: "#fff"};
    font.color = INK;
    if (unnamed[id]) { font.color = CLEAR; font.strokeColor = CLEAR; }
    return font;
  }
  function textWidth(id) {  // of the node's name in 1px arial (vis-network's face)
    if (textWidths[id] === undefined) {
      if (!measure) {
        measure = document.createElement("canvas").getContext("2d");
        measure.font = "100px arial";
      }
      textWidths[id] = measure.measureText(byId[id].kg.label).width / 100;
    }
    return textWidths[id];
  }
  // The ids of the nodes whose name is to be shown or hidden anew, or given to vis-network
  // (``named``), at ``scale`` (screen pixels a canvas unit), with the nodes at ``positions``
  // and the canvas rectangle ``view`` in sight (null: all of it).
  function declutter(scale, positions, view) {
    var forced = {}, order = [], grid = {}, changed = [];
    var gap = LABEL_GAP / scale / 2, cell = GRID_PX / scale;  // half the gap each side
    var first = (typeof network === "undefined" ? [] : network.getSelectedNodes())
      .concat(hovered === null ? [] : [hovered], data.focus === null ? [] : [data.focus]);
    first.forEach(function (id) {
      if (byId[id] && !forced[id]) { forced[id] = true; order.push(id); }
    });
    ranked.forEach(function (id) { if (!forced[id]) order.push(id); });
    order.forEach(function (id) {
      var size = isLabelled[id] ? labelSize : DEFAULT_FONT, p = positions[id];
      if (classHidden[id] || !p || size * scale < DRAW_THRESHOLD) return;
      var top = p.y + byId[id].size, most = byId[id].kg.label.length * size;  // 1em a letter
      if (view && (p.x + most < view.x0 || p.x - most > view.x1 || top + size < view.y0 ||
                   top > view.y1)) return;  // out of sight: not measured
      var half = textWidth(id) * size / 2 + gap;
      var x0 = p.x - half, x1 = p.x + half, y0 = top - gap, y1 = top + size + gap;
      if (view && (x1 < view.x0 || x0 > view.x1 || y1 < view.y0 || y0 > view.y1)) return;
      var i0 = Math.floor(x0 / cell), i1 = Math.floor(x1 / cell);
      var j0 = Math.floor(y0 / cell), j1 = Math.floor(y1 / cell), i, j, k, boxes;
      var overlaps = false;
      for (i = i0; i <= i1 && !overlaps; i++) {
        for (j = j0; j <= j1 && !overlaps; j++) {
          boxes = grid[i + "," + j] || [];
          for (k = 0; k < boxes.length; k++) {
            var b = boxes[k];
            if (x0 < b[2] && b[0] < x1 && y0 < b[3] && b[1] < y1) { overlaps = true; break; }
          }
        }
      }
      var hide = overlaps && !forced[id];
      if (!hide) {
        for (i = i0; i <= i1; i++) {
          for (j = j0; j <= j1; j++) {
            (grid[i + "," + j] = grid[i + "," + j] || []).push([x0, y0, x1, y1]);
          }
        }
      }
      if (!unnamed[id] !== !hide || !named[id]) {
        unnamed[id] = hide;
        named[id] = true;
        changed.push(id);
      }
    });
    return changed;
  }
  // The labels' size and which names are drawn, for the zoom and the view of the moment: one
  // update of the nodes whose font changes.
  function relabel() {
    var scale = network.getScale(), ids = {};
    if (!fits(labelSize, scale)) {
      labelSize = labelSizeAt(scale);
      labelled.forEach(function (id) { ids[id] = true; });
    }
    var box = document.getElementById("mynetwork");
    var a = network.DOMtoCanvas({x: 0, y: 0});
    var b = network.DOMtoCanvas({x: box.clientWidth, y: box.clientHeight});
    var view = {x0: a.x, y0: a.y, x1: b.x, y1: b.y}, positions = network.getPositions();
    declutter(scale, positions, view).forEach(function (id) { ids[id] = true; });
    var update = Object.keys(ids).map(function (id) {
      return {id: id, font: nodeFont(id), label: byId[id].kg.label};
    });
    if (update.length) nodes.update(update);
    var lines = detailLines(scale, positions, view).map(function (change) { return change[1]; });
    if (lines.length) edges.update(lines);
  }
  function pointedAt(i) { return !arrowsLater || pointed[i]; }
  // [number, change] for each line to be given its label or its arrow heads at ``scale``:
  // those shown with an end or their middle in ``view`` (null: all), once big enough.
  function detailLines(scale, positions, view) {
    var found = [], labels = EDGE_FONT * scale >= DRAW_THRESHOLD;
    var arrows = arrowsLater && ARROW_UNITS * scale >= ARROW_PX;
    if (!labels && !arrows) return found;
    edgeRecords.forEach(function (e, i) {
      var name = labels && !edgeNamed[i], point = arrows && !pointed[i];
      if (e.hidden || !(name || point)) return;
      var p = positions[e.from], q = positions[e.to];
      if (view && !inView(p, view) && !inView(q, view) &&
          !inView({x: (p.x + q.x) / 2, y: (p.y + q.y) / 2}, view)) return;
      var change = {id: e.id};
      if (name) { edgeNamed[i] = true; change.label = e.kg.label; }
      if (point) { pointed[i] = true; change.arrows = e.kg.arrows; }
      found.push([i, change]);
    });
    return found;
  }
  function inView(p, view) {
    return p.x >= view.x0 && p.x <= view.x1 && p.y >= view.y0 && p.y <= view.y1;
  }

  // What the tooltips and the panel show of a node or an edge, kept under "kg" in its record.
  // Not a plain object: vis-network deep-copies those into every node and edge it draws.
  function Shown(fields) { Object.assign(this, fields); }

  // vis-network's records, made from the page's compact data: nodes drawn in the style of
  // their class, where Python placed them; a fact names its ends by number, its evidence its
  // article. The facts of one pair of entities are one line (data.bundles), labelled with its
  // relation and how many facts it shows ("partnersWith ×2", "3 facts"), coloured by their
  // polarity (data.mixed if they differ), as wide as its best-evidenced fact, with an arrow at
  // each end a fact points to. It shows the facts the filters leave on (structural ones may
  // start off) and is hidden when none is left. Lines are straight: a pair has only one.
  var on = switches();
  var scale0 = fittedScale(), arrowsLater = ARROW_UNITS * scale0 < ARROW_PX;
  if (arrowsLater) data.options.edges.arrows.to.enabled = false;
  var nodeRecords = data.nodes.map(function (n) {
    var style = data.classes[n.type];
    return {id: n.id, shape: style.shape, color: n.color || style.color,
            size: n.size, x: n.x, y: n.y, hidden: !on["class:" + n.type], kg: new Shown(n)};
  });
  var facts = data.edges.map(function (e) {
    var relation = data.relations[e.predicate];
    return new Shown({source: data.nodes[e.from].label, predicate: e.predicate,
                      layer: relation.layer, target: data.nodes[e.to].label,
                      polarity: relation.polarity, from: data.nodes[e.from].id,
                      to: data.nodes[e.to].id, width: e.width, first_seen: e.first_seen,
                      last_seen: e.last_seen, evidence: e.evidence});
  });
  function bundleLook(all, shown) {
    var drawn = shown.length ? shown : all;
    var predicates = [], polarities = [], width = 0;
    drawn.forEach(function (f) {
      if (predicates.indexOf(f.predicate) < 0) predicates.push(f.predicate);
      if (polarities.indexOf(f.polarity) < 0) polarities.push(f.polarity);
      width = Math.max(width, f.width);
    });
    var style = polarities.length > 1 ? data.mixed : data.relations[drawn[0].predicate];
    var label = drawn.length === 1 ? predicates[0] : predicates.length === 1
      ? predicates[0] + " \u00d7" + drawn.length : drawn.length + " facts";
    return {label: label, width: width, color: style.color, dashes: style.dashes,
            arrows: {to: {enabled: drawn.some(function (f) { return f.from === all[0].from; })},
                     from: {enabled: drawn.some(function (f) { return f.from !== all[0].from; })}}};
  }
  // Line number ``i``'s record, its label given to vis-network once it is ``edgeNamed``.
  function bundleRecord(i, all, on, fromHidden, toHidden) {
    var shown = all.filter(function (f) { return factShown(on, f); });
    var look = bundleLook(all, shown);
    var record = {id: "e" + i, hidden: !shown.length || fromHidden || toHidden,
                  kg: new Shown({facts: all, shown: shown, label: look.label,
                                 arrows: look.arrows}),
                  width: look.width, color: look.color, dashes: look.dashes};
    if (edgeNamed[i]) record.label = look.label;
    if (pointedAt(i)) record.arrows = look.arrows;
    return record;
  }
  // A new line's record: what the options say of all lines (straight, no dashes, an arrow
  // forward, or none until arrowsLater is over: data.options.edges) is left out, which spares
  // vis-network reading it 26,000 times on a large graph. Updates (bundleRecord) say it all.
  function lineRecord(record, all) {
    var line = {id: record.id, from: all[0].from, to: all[0].to, hidden: record.hidden,
                kg: record.kg, width: record.width, color: record.color};
    if (record.label !== undefined) line.label = record.label;
    if (record.dashes) line.dashes = record.dashes;
    if (record.arrows && (!record.arrows.to.enabled || record.arrows.from.enabled)) {
      line.arrows = record.arrows;
    }
    return line;
  }
  var edgeRecords = data.bundles.map(function (numbers, i) {
    var all = numbers.map(function (number) { return facts[number]; });
    var first = data.edges[numbers[0]];
    return lineRecord(bundleRecord(i, all, on, nodeRecords[first.from].hidden,
                                   nodeRecords[first.to].hidden), all);
  });
  var byId = {}, labelSize = labelSizeAt(scale0), placed = {};
  nodeRecords.forEach(function (n) {
    byId[n.id] = n;
    classHidden[n.id] = n.hidden;
    placed[n.id] = {x: n.x, y: n.y};
  });
  declutter(scale0, placed, null);
  nodeRecords.forEach(function (n) {
    if (isLabelled[n.id] || unnamed[n.id]) n.font = nodeFont(n.id);
    if (named[n.id]) n.label = n.kg.label;
  });
  detailLines(scale0, placed, null).forEach(function (change) {
    Object.assign(edgeRecords[change[0]], change[1]);
  });
  var nodes = window.nodes = new vis.DataSet(nodeRecords);
  // A line the filters hide at first (structural facts on a large graph: a fifth of the lines)
  // is given to vis-network when it is first shown.
  var given = {};
  var edges = window.edges = new vis.DataSet(edgeRecords.filter(function (e, i) {
    return (given[i] = !e.hidden);
  }));
  // Physics is off (data.options): the positions are final, and vis-network draws the graph
  // as soon as it has it. The page is "drawn" once that drawing is of the page as set up below.
  var network = window.network = new vis.Network(
    document.getElementById("mynetwork"), {}, data.options);
  // vis-network's dashes are as long in canvas units at any zoom: zoomed out to a hundredth,
  // a dashed line has a hundred times as many on screen, too small to see, and Chromium takes
  // 0.3-0.6 s a drawing to draw those of 10,000 entities (bench/RESULTS.md). Zoomed out, the
  // dashes are drawn as long on screen as at zoom 1.
  var context = document.querySelector("#mynetwork canvas").getContext("2d");
  var setLineDash = context.setLineDash;
  context.setLineDash = function (pattern) {
    var scale = network.getScale();
    return setLineDash.call(context, scale >= 1 ? pattern : pattern.map(function (length) {
      return length / scale;
    }));
  };
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
  function factLine(parent, fact) {
    return add(parent, "strong", fact.source + " \u2014 " + fact.predicate + " \u2192 " +
               fact.target);
  }
  function factEvidence(parent, fact) {
    var seen = [fact.polarity, fact.evidence.length + " evidence"];
    if (fact.first_seen) seen.push("seen " + fact.first_seen + " \u2013 " + fact.last_seen);
    add(parent, "div", seen.filter(Boolean).join(" \u00b7 "), "kg-meta");
    var list = add(parent, "ol");
    fact.evidence.forEach(function (ev) { evidenceItem(list, ev); });
  }
  // A line, hovered or clicked: each fact it shows, with its evidence.
  function bundleBox(kg) {
    var box = document.createElement("div");
    box.className = "kg-tip";
    if (kg.shown.length === 1) {
      factLine(box, kg.shown[0]);
      factEvidence(box, kg.shown[0]);
      return box;
    }
    var first = kg.shown[0];
    add(box, "strong", first.source + " \u2014 " + first.target + ": " + kg.shown.length +
        " facts");
    kg.shown.forEach(function (fact) {
      var section = add(box, "section", null, "kg-relation");
      factLine(add(section, "div", null, "kg-fact"), fact);
      factEvidence(section, fact);
    });
    return box;
  }
  // A clicked node: its class and country, then all its facts (shown or filtered out) grouped
  // by relation, each with its evidence, article, date and link.
  function nodePanel(node) {
    var box = nodeBox(node.kg);
    box.classList.add("kg-panel");
    var linked = facts.filter(function (f) { return f.from === node.id || f.to === node.id; });
    var groups = {};
    linked.forEach(function (f) {
      (groups[f.predicate] = groups[f.predicate] || []).push(f);
    });
    add(box, "div", linked.length + (linked.length === 1 ? " fact" : " facts"), "kg-meta");
    Object.keys(groups).sort().forEach(function (predicate) {
      var section = add(box, "section", null, "kg-relation");
      add(section, "h3", predicate + " (" + groups[predicate].length + ")");
      groups[predicate].forEach(function (f) {
        add(section, "div", f.source + " \u2014 " + predicate + " \u2192 " + f.target,
            "kg-fact");
        var list = add(section, "ol");
        f.evidence.forEach(function (ev) { evidenceItem(list, ev); });
      });
    });
    return box;
  }
  function pin(box) {
    details.replaceChildren();
    if (box) details.appendChild(box);
    details.hidden = !box;
  }
  function counts() {  // from the page's own records: vis-network's copies cost more
    var shownNodes = 0, shownFacts = 0;
    nodeRecords.forEach(function (n) { if (!classHidden[n.id]) shownNodes += 1; });
    edgeRecords.forEach(function (e) { if (!e.hidden) shownFacts += e.kg.shown.length; });
    function n(count) {  // 1,000 as the note says it (toLocaleString takes 10-50 ms at first)
      return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    }
    status.textContent = n(shownNodes) + " of " + n(nodeRecords.length) + " entities, " +
      n(shownFacts) + " of " + n(facts.length) + " relations shown";
  }

  // Tooltips are built on first hover: thousands of them up front would slow the page down.
  network.on("hoverNode", function (params) {
    var node = nodes.get(params.node);
    if (!node.title) nodes.update({id: node.id, title: nodeBox(node.kg)});
    hovered = node.id;
    relabel();
  });
  // A line's tooltip is built again once the filters have changed the facts it shows.
  var filtered = 0, tipFiltered = {};
  network.on("hoverEdge", function (params) {
    var edge = edges.get(params.edge);
    if (tipFiltered[edge.id] === filtered) return;
    tipFiltered[edge.id] = filtered;
    edges.update({id: edge.id, title: bundleBox(edge.kg)});
  });
  network.on("click", function (params) {
    if (params.nodes.length) pin(nodePanel(nodes.get(params.nodes[0])));
    else if (params.edges.length) pin(bundleBox(edges.get(params.edges[0]).kg));
    else pin(null);
  });

  // Names are sorted out again as the view, the nodes' places or the selection change; the
  // hovered node's name is always drawn.
  network.on("zoom", relabel);
  network.on("dragEnd", relabel);
  network.on("stabilized", relabel);
  network.on("selectNode", relabel);
  network.on("deselectNode", relabel);
  network.on("blurNode", function () { hovered = null; relabel(); });

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
    if (ids.length) {
      // Fitted to one node, vis-network zooms in as far as it goes: no further than
      // FOUND_SCALE, where the node's neighbours are in view. Fitting emits no "zoom": the
      // labels are sized and sorted out for the new scale here.
      network.fit({nodes: ids, animation: false});
      if (network.getScale() > FOUND_SCALE) {
        network.moveTo({position: network.getViewPosition(), scale: FOUND_SCALE,
                        animation: false});
      }
    }
    relabel();
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
      hidden[n.id] = classHidden[n.id] = !on["class:" + n.kg.type];
      return {id: n.id, hidden: hidden[n.id]};
    }));
    var update = [];
    edgeRecords.forEach(function (e, i) {
      var record = bundleRecord(i, e.kg.facts, on, hidden[e.from], hidden[e.to]);
      edgeRecords[i] = lineRecord(record, e.kg.facts);
      if (given[i]) update.push(record);
      else if (!record.hidden) update.push(edgeRecords[i]);
      given[i] = given[i] || !record.hidden;
    });
    edges.update(update);
    filtered += 1;
    counts();
    relabel();
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
  relabel();  // only if the fitted zoom was not foreseen: then it draws again, at once
  setUp = true;
  if (drawnBeforeSetUp) markDrawn();
})();
