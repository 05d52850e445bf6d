"""Graph files: every format round-trips, writes are atomic, bad files are named."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pyoxigraph as ox
import pytest
from fixtures.rdf.chips import ARTICLE_2024, IBM, RAPIDUS, chip_extractions, fact
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from kg.errors import GraphFormatError
from kg.model import Article, Entity, Extraction, Fact
from kg.rdf.build import build_graph
from kg.rdf.namespace import KG, PREFIXES, entity_iri
from kg.store.files import DEFAULT_GRAPH, FORMATS, format_for, load_graph, save_graph

AWKWARD_EVIDENCE = 'He said "no"\nthen <script>alert(1)</script> & left\\ \t\u2028 €'


def _awkward_graph() -> Graph:
    """Chip facts plus labels and evidence that need escaping in every syntax."""
    text = f"Rapidus partners with IBM. {AWKWARD_EVIDENCE}"
    article = Article("odd/id <1>", text, title='"Quoted" <b>title</b>', date="not a date")
    odd = Entity('O\'Brien "&" <Sons>\n', "Company", country="Côte d'Ivoire")
    lone = Entity("", "Person")
    start = text.index(AWKWARD_EVIDENCE)
    facts = tuple(
        Fact(article.id, odd, predicate, other, AWKWARD_EVIDENCE, start, len(text), 0.5)
        for predicate, other in (("suppliesTo", IBM), ("partnersWith", lone))
    )
    return build_graph([*chip_extractions(), Extraction(article, facts=facts)])


@pytest.mark.parametrize("suffix", list(FORMATS))
def test_every_format_round_trips_to_isomorphic_graph(tmp_path: Path, suffix: str) -> None:
    graph = _awkward_graph()
    loaded = load_graph(save_graph(graph, tmp_path / f"graph{suffix}"))
    assert isomorphic(loaded, graph)
    assert (None, KG.evidence, Literal(AWKWARD_EVIDENCE)) in loaded


@pytest.mark.parametrize("suffix", [".nq", ".trig"])
def test_quad_formats_hold_triples_in_the_default_graph(tmp_path: Path, suffix: str) -> None:
    graph = build_graph(chip_extractions())
    path = save_graph(graph, tmp_path / f"graph{suffix}")
    store = ox.Store()
    store.load(path=path, format=ox.RdfFormat.from_extension(suffix.lstrip(".")))
    assert list(store.named_graphs()) == []  # it was kgr:graph/default
    assert len(store) == len(graph)
    old = tmp_path / f"old{suffix}"  # as kg wrote them before: still read, merged
    dataset = Dataset()
    for triple in graph:
        dataset.graph(DEFAULT_GRAPH).add(triple)
    dataset.serialize(old, format=FORMATS[suffix])
    assert isomorphic(load_graph(old), graph)


def test_quad_file_graphs_are_merged_on_load(tmp_path: Path) -> None:
    path = tmp_path / "two.nq"
    path.write_text(
        "<https://x.test/a> <https://x.test/p> <https://x.test/b> <https://x.test/g1> .\n"
        "<https://x.test/b> <https://x.test/p> <https://x.test/c> <https://x.test/g2> .\n"
        '<https://x.test/c> <https://x.test/p> "default graph" .\n',
        encoding="utf-8",
    )
    assert len(load_graph(path)) == 3


def test_saving_over_a_file_replaces_it_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    save_graph(build_graph(chip_extractions()), path)
    small = build_graph(chip_extractions()[1:])
    assert save_graph(small, path) == path
    assert isomorphic(load_graph(path), small)
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_save_creates_missing_directories(tmp_path: Path) -> None:
    path = save_graph(build_graph(chip_extractions()), tmp_path / "out" / "deep" / "graph.nt")
    assert path.is_file()


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    graph = build_graph(chip_extractions())
    assert isomorphic(load_graph(save_graph(graph, tmp_path / "GRAPH.TTL")), graph)


def test_loaded_graph_has_kg_prefixes_bound(tmp_path: Path) -> None:
    loaded = load_graph(save_graph(build_graph(chip_extractions()), tmp_path / "graph.nt"))
    bound = dict(loaded.namespaces())
    assert {prefix: str(bound.get(prefix)) for prefix in PREFIXES} == {
        prefix: str(namespace) for prefix, namespace in PREFIXES.items()
    }


@pytest.mark.parametrize("operation", [format_for, load_graph, partial(save_graph, Graph())])
def test_unknown_suffix_is_named(tmp_path: Path, operation: Callable[[Path], object]) -> None:
    path = tmp_path / "graph.rdfx"
    path.write_text("", encoding="utf-8")
    with pytest.raises(GraphFormatError, match=r"graph\.rdfx.*'\.rdfx'.*\.ttl"):
        operation(path)
    assert path.read_text(encoding="utf-8") == ""


@pytest.mark.parametrize(
    ("suffix", "content", "where"),
    [
        (".ttl", "@prefix x: <https://x.test/> .\nx:a x:p x:b .\nx:a x:p .\n", ":3:"),
        (".trig", "<https://x.test/g> {\n <https://x.test/a> <https://x.test/p> }\n", ":2:"),
        (".jsonld", '{\n  "@id": "https://x.test/a",\n  oops\n}', ":3:"),
        (".nt", "<https://x.test/a> <https://x.test/p> .\n", ": "),
        (".nq", "<https://x.test/a> <https://x.test/p> <https://x.test/b> <g> <h> .\n", ": "),
    ],
)
def test_unparsable_file_is_named_with_line(
    tmp_path: Path, suffix: str, content: str, where: str
) -> None:
    path = tmp_path / f"broken{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GraphFormatError, match="not valid") as error:
        load_graph(path)
    assert str(error.value).startswith(f"{path}{where}")


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(GraphFormatError, match=r"absent\.ttl: cannot read"):
        load_graph(tmp_path / "absent.ttl")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=st.text(max_size=200), evidence=st.text(max_size=200))
def test_any_label_survives_every_format(label: str, evidence: str) -> None:
    subject = Entity(label, "Company")
    text = f"{evidence}Rapidus partners with IBM."
    stated = Fact("a", subject, "partnersWith", IBM, evidence, 0, len(evidence), 0.7)
    graph = build_graph([Extraction(Article("a", text), facts=(stated,))])
    with tempfile.TemporaryDirectory() as directory:
        for suffix in FORMATS:
            loaded = load_graph(save_graph(graph, Path(directory, f"graph{suffix}")))
            assert loaded.value(entity_iri(label), RDFS.label) == Literal(label), suffix
            assert isomorphic(loaded, graph), suffix


def test_repeated_fact_in_file_is_one_triple(tmp_path: Path) -> None:
    stated = fact(ARTICLE_2024, RAPIDUS, "partnersWith", IBM, "Rapidus partners with IBM.")
    graph = build_graph([Extraction(ARTICLE_2024, facts=(stated, stated))])
    loaded = load_graph(save_graph(graph, tmp_path / "graph.jsonld"))
    assert len(list(loaded.triples((None, KG.partnersWith, None)))) == 1
