"""Analysis of the entity graph: RDF -> networkx, views, and the answers analysts look for.

- :mod:`~kg.analysis.projection`: :func:`entity_graph`, the RDF graph as a networkx graph,
  read a predicate at a time (:mod:`~kg.analysis.columns`) or, without evidence sentences,
  from the summary kept beside an on-disk store (:mod:`~kg.analysis.summary`);
- :mod:`~kg.analysis.views`: a :func:`layer` of relations, a time :func:`window`, a
  :func:`neighbourhood`, :func:`find_entity` by name;
- :mod:`~kg.analysis.arrays`: the entities and relations, numbered, that the centrality
  measures read (from a store's summary without making the networkx graph);
- :mod:`~kg.analysis.centrality`: :func:`centrality` rows and :func:`centrality_frame`;
- :mod:`~kg.analysis.communities`: blocs (Leiden, igraph);
- :mod:`~kg.analysis.compiled`: igraph's C core behind the measures that are slow in networkx;
- :mod:`~kg.analysis.chokepoints`: articulation points, bridges, pivotal suppliers;
- :mod:`~kg.analysis.paths`: how two entities are connected, hop by hop with evidence;
- :mod:`~kg.analysis.exposure`: the export controls, sanctions and bans that reach an entity;
- :mod:`~kg.analysis.change`: what changed between two time windows.

Every analysis takes an entity graph and returns a pandas DataFrame (pandas is imported on
first use). Import each from its module (``from kg.analysis.exposure import exposure``): the
package does not re-export them, since a function named like its module would hide it.
"""
