"""Any name becomes a valid IRI, and whole graphs of arbitrary names, ids, metadata and
evidence survive every serialisation, through rdflib and through the Oxigraph store alike."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg.model import ENTITY_TYPES, Article, Entity, Extraction, Fact
from kg.rdf.build import build_graph
from kg.rdf.namespace import RELATIONS, article_iri, entity_iri, slug
from kg.store import FORMATS, GraphStore, export_graph, load_graph, save_graph

AWKWARD = st.sampled_from(
    list("\"'<> \\\n\t{}|^`#%?/:@&\x00\x7f\u2028\u200b\u202e\ufeff\uffff\U0001f1ef")
)
"""Characters with a meaning in IRIs or in one of the syntaxes, controls, invisible ones."""
# No lone surrogates: they are not characters, and ingest replaces them (test_reliability_ingest).
NAMES = st.one_of(
    st.text(max_size=40),
    st.text(st.one_of(AWKWARD, st.characters(codec="utf-8")), max_size=40),
    st.text(st.characters(categories=["L", "N", "Zs"]), min_size=81, max_size=200),  # long
)


def valid_iri(iri: URIRef) -> bool:
    """Whether Oxigraph, which checks IRIs strictly (RFC 3987), takes ``iri``."""
    try:
        ox.NamedNode(str(iri))
    except ValueError:
        return False
    return True


@settings(max_examples=500, deadline=None)
@given(name=NAMES)
def test_any_name_becomes_a_valid_iri_without_reserved_characters(name: str) -> None:
    for iri in (entity_iri(name), article_iri(name)):
        assert valid_iri(iri), iri
    assert not set(slug(name)) & set("<>\"{}|^`\\ /?#[]@:&'")
    assert len(slug(name)) <= 80 * 12  # at most 80 characters, each at most %XX%XX%XX%XX


@st.composite
def extractions(draw: st.DrawFn) -> list[Extraction]:
    """A few articles with arbitrary ids, metadata and text, stating facts between entities
    with arbitrary names (some shared between articles), types and countries."""
    entities = draw(
        st.lists(
            st.builds(
                Entity,
                label=NAMES,
                type=st.sampled_from(ENTITY_TYPES),
                qid=st.none() | st.from_regex(r"Q[1-9][0-9]{0,8}", fullmatch=True),
                country=st.none() | NAMES,
            ),
            min_size=2,
            max_size=6,
            unique_by=lambda entity: entity_iri(entity.label),  # one type per entity
        )
    )
    ids = draw(st.lists(NAMES.filter(str.strip), min_size=1, max_size=3, unique_by=article_iri))
    out = []
    for article_id in ids:
        evidence = draw(st.lists(NAMES.filter(str.strip), min_size=1, max_size=3))
        text = " ".join(evidence)
        article = Article(
            article_id,
            text,
            title=draw(st.none() | NAMES),
            date=draw(st.none() | NAMES | st.dates().map(str)),
            url=draw(st.none() | NAMES),
            source=draw(st.none() | NAMES),
            origin=draw(st.none() | NAMES),
        )
        facts = []
        for sentence in evidence:
            subject, object_ = draw(st.permutations(entities))[:2]
            start = text.index(sentence)
            facts.append(
                Fact(
                    article_id,
                    subject,
                    draw(st.sampled_from(RELATIONS)),
                    object_,
                    sentence,
                    start,
                    start + len(sentence),
                    # as the extractor gives them; 0.0 and 1.0 are written "0.0" and "1.0" by
                    # rdflib but "0" and "1" by Oxigraph (reported, kg.rdf.build)
                    draw(st.integers(1, 999)) / 1000,
                )
            )
        out.append(Extraction(article, facts=tuple(facts)))
    return out


@pytest.mark.slow  # forty graphs through every format and a store: ~20 s
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(batch=extractions())
@example(  # found by this test: an id ending in a dot made a Turtle name rdflib cannot read
    batch=[
        Extraction(
            Article("0.", "0"),
            facts=(
                Fact(
                    "0.",
                    Entity("", "Country"),
                    "partnersWith",
                    Entity("0", "Country"),
                    "0",
                    0,
                    1,
                    0.001,
                ),
            ),
        )
    ]
)
def test_whole_graphs_of_arbitrary_names_survive_every_format_and_the_store(
    batch: list[Extraction],
) -> None:
    graph = build_graph(batch)
    iris = {term for triple in graph for term in triple if isinstance(term, URIRef)}
    assert all(valid_iri(iri) for iri in iris)
    with tempfile.TemporaryDirectory() as folder:
        for suffix in FORMATS:  # rdflib writes, rdflib reads
            assert isomorphic(load_graph(save_graph(graph, Path(folder, f"g{suffix}"))), graph)
        with GraphStore(Path(folder, "store")) as store:
            for extraction in batch:
                store.add_extraction(extraction)
            stored = Graph()
            for triple in store.graph:
                stored.add(triple)
            assert isomorphic(stored, graph)
            for suffix in FORMATS:  # Oxigraph writes, rdflib reads
                exported = export_graph(store.graph, Path(folder, f"store{suffix}"))
                assert isomorphic(load_graph(exported), graph), suffix
