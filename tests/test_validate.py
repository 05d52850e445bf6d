"""SHACL validation: every graph kg builds conforms; a broken one fails naming node and shape."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fixtures.rdf.chips import ARTICLE_2023, chip_extractions
from fixtures.rdf.supply import all_extractions
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SH
from typer.testing import CliRunner

from kg.cli import app
from kg.model import Article, Entity, Extraction, Fact
from kg.rdf.build import build_graph
from kg.rdf.namespace import INVERSES, KG, RELATIONS, article_iri, entity_iri, statement_iri
from kg.rdf.shapes import shapes_graph, validate
from kg.store import GraphStore, save_graph

NETHERLANDS_FACT = chip_extractions()[0].facts[5]  # restrictsExportsTo China, planned
STATEMENT = statement_iri(NETHERLANDS_FACT)
ARTICLE = article_iri(ARTICLE_2023.id)

SHACL = pytest.mark.slow
"""pyshacl takes about a second a graph (it parses each SPARQL constraint anew for every focus
node): the tests that validate whole graphs are in the slow tier."""


def _chips() -> Graph:
    return build_graph(chip_extractions())


def _odd_extraction() -> Extraction:
    text = 'O\'Brien "&" <Sons> supplies IBM. \u2028 東京'
    article = Article("odd/id <1>", text, title='"Quoted" <b>', date="not a date", url="x:y")
    odd = Entity('O\'Brien "&" <Sons>', "Company", country="Côte d'Ivoire")
    stated = Fact(article.id, odd, "suppliesTo", Entity("IBM", "Company"), text, 0, 31, 1.0)
    return Extraction(article, facts=(stated,))


@SHACL
@pytest.mark.parametrize(
    "extractions",
    [
        pytest.param(chip_extractions(), id="chips"),
        pytest.param(all_extractions(), id="chips+supply"),
        pytest.param([_odd_extraction()], id="awkward-text"),
        pytest.param([Extraction(Article("bare", "No facts."))], id="no-facts"),
    ],
)
def test_built_graphs_conform_without_warnings(extractions: list[Extraction]) -> None:
    when = datetime(2026, 11, 26, tzinfo=UTC)
    report = validate(build_graph(extractions, extracted_at=when))
    assert report.conforms and report.findings == (), [str(f) for f in report.findings]


@SHACL
def test_graph_in_a_store_conforms(tmp_path: Path) -> None:
    with GraphStore(tmp_path) as store:
        for extraction in all_extractions():
            store.add_extraction(extraction)
        assert validate(store.graph).conforms


def _set(node: URIRef, predicate: URIRef, value) -> Callable[[Graph], None]:
    return lambda graph: graph.set((node, predicate, value))


def _remove(node: URIRef, predicate: URIRef) -> Callable[[Graph], None]:
    return lambda graph: graph.remove((node, predicate, None))


def _unassert(graph: Graph) -> None:
    graph.remove((entity_iri("Netherlands"), KG.restrictsExportsTo, entity_iri("China")))


def _two_times(graph: Graph) -> None:
    for day in (1, 2):
        graph.add((STATEMENT, PROV.generatedAtTime, Literal(datetime(2026, 1, day, tzinfo=UTC))))


def _link_to_nothing(graph: Graph) -> None:
    graph.add((entity_iri("Japan"), KG.suppliesTo, URIRef("https://x.test/unknown")))


BROKEN = [
    ("confidence above 1", _set(STATEMENT, KG.confidence, Literal(Decimal("1.5"))), STATEMENT,
     "kgsh:Statement-confidence"),
    ("unknown modality", _set(STATEMENT, KG.modality, Literal("maybe")), STATEMENT,
     "kgsh:Statement-modality"),
    ("start after end", _set(STATEMENT, KG.start, Literal(10_000)), STATEMENT,
     "kgsh:Statement-start"),
    ("offset as text", _set(STATEMENT, KG.end, Literal("12")), STATEMENT, "kgsh:Statement-end"),
    ("no evidence", _remove(STATEMENT, KG.evidence), STATEMENT, "kgsh:Statement-evidence"),
    ("no source", _remove(STATEMENT, PROV.wasDerivedFrom), STATEMENT, "kgsh:Statement-source"),
    ("predicate outside kg", _set(STATEMENT, RDF.predicate, RDFS.seeAlso), STATEMENT,
     "kgsh:Statement-predicate"),
    ("fact not asserted", _unassert, STATEMENT, "kgsh:Statement"),
    ("two extraction times", _two_times, STATEMENT, "kgsh:Statement-generatedAtTime"),
    ("article without hash", _remove(ARTICLE, KG.contentHash), ARTICLE,
     "kgsh:Article-contentHash"),
    ("malformed hash", _set(ARTICLE, KG.contentHash, Literal("abc")), ARTICLE,
     "kgsh:Article-contentHash"),
    ("entity without label", _remove(entity_iri("Japan"), RDFS.label), entity_iri("Japan"),
     "kgsh:Entity-label"),
    ("relation to a non-entity", _link_to_nothing, entity_iri("Japan"), "kgsh:Relation"),
]  # fmt: skip


@SHACL
@pytest.mark.parametrize(
    ("breakage", "node", "shape"),
    [pytest.param(b, n, s, id=name) for name, b, n, s in BROKEN],
)
def test_broken_graph_fails_naming_node_and_shape(
    breakage: Callable[[Graph], None], node: URIRef, shape: str
) -> None:
    graph = _chips()
    breakage(graph)
    report = validate(graph)
    assert not report.conforms
    found = {(v.focus, v.shape) for v in report.violations}
    short = str(node).replace("https://w3id.org/kg/id/entity/", "ent:")
    short = short.replace("https://w3id.org/kg/id/", "kgr:")
    assert (short, shape) in found, [str(v) for v in report.violations]


@SHACL
@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda g: g.add((entity_iri("Rapidus"), RDFS.label, Literal("RAPIDUS"))), "one label"),
        (lambda g: g.add((entity_iri("Rapidus"), RDF.type, KG.Country)), "typed both"),
        (lambda g: g.add((entity_iri("IBM"), KG.leaderOf, entity_iri("Japan"))), "domain"),
    ],
    ids=["two-labels", "two-classes", "outside-domain"],
)
def test_odd_but_legal_graph_warns_and_conforms(breakage, message: str) -> None:
    graph = _chips()
    breakage(graph)
    report = validate(graph)
    assert report.conforms
    assert report.warnings and any(message in str(w) for w in report.warnings)


def test_every_shape_is_named_and_commented() -> None:
    shapes = shapes_graph()
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert node_shapes and all(isinstance(shape, URIRef) for shape in node_shapes)
    assert all(shapes.value(shape, RDFS.comment) for shape in node_shapes)


def test_relation_shapes_cover_every_relation_and_inverse() -> None:
    targets = set(shapes_graph().objects(URIRef("https://w3id.org/kg/shapes#Relation"),
                                         SH.targetSubjectsOf))  # fmt: skip
    assert targets == {KG[name] for name in ("relatedTo", *RELATIONS, *INVERSES.values())}


# -- the command -----------------------------------------------------------------------------


@SHACL
@pytest.mark.parametrize("suffix", [".ttl", ".jsonld"])
def test_validate_command_passes_a_built_graph(tmp_path: Path, suffix: str) -> None:
    path = save_graph(build_graph(all_extractions()), tmp_path / f"graph{suffix}")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "conforms: 0 violations" in result.output


@SHACL
def test_validate_command_fails_a_broken_graph_naming_node_and_shape(tmp_path: Path) -> None:
    graph = _chips()
    graph.set((STATEMENT, KG.modality, Literal("maybe")))
    result = CliRunner().invoke(app, ["validate", str(save_graph(graph, tmp_path / "g.ttl"))])
    assert result.exit_code == 1
    line = next(line for line in result.output.splitlines() if line.startswith("Violation"))
    assert "kgr:statement/" in line and "kgsh:Statement-modality" in line and "maybe" in line
    assert "does not conform: 1 violations" in result.output


@SHACL
def test_validate_command_reads_a_store(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "store") as store:
        store.add_extraction(chip_extractions()[0])
    result = CliRunner().invoke(app, ["validate", "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output


# -- the real pipeline -------------------------------------------------------------------------

NEWS = """\
Japan will subsidise Micron Technology's new memory plant in Hiroshima, the Ministry of \
Economy, Trade and Industry said on Friday.
Rapidus is working with IBM to develop 2-nanometre chips.
The United States restricted exports of advanced chip tools to China last year, and the \
Netherlands plans to restrict exports of lithography machines to China.
TSMC supplies Apple with processors, and Samsung Electronics competes with SK Hynix.
The US Commerce Department added Huawei to the Entity List.
Germany and France agreed to cooperate on semiconductors.
"""


@pytest.mark.slow
@pytest.mark.parametrize("options", [[], ["--infer"], ["--store", "{store}"]])
def test_every_graph_the_pipeline_builds_conforms(tmp_path: Path, options: list[str]) -> None:
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    output = tmp_path / "graph.ttl"
    args = [a.replace("{store}", str(tmp_path / "store")) for a in options]
    built = CliRunner().invoke(
        app, ["build", str(tmp_path / "news.txt"), "-o", str(output), "--no-progress", *args]
    )
    assert built.exit_code == 0, built.output
    graph = Graph().parse(output)
    assert len(set(graph.subjects(RDF.type, RDF.Statement))) >= 5  # the text states many facts
    report = validate(graph)
    assert report.conforms, [str(f) for f in report.violations]


@pytest.mark.slow
def test_pipeline_build_validates_with_its_article_metadata(tmp_path: Path) -> None:
    article = {"id": "n1", "title": "Chips", "date": "2024-01-02", "url": "https://x.test/n1",
               "source": "Wire", "text": NEWS}  # fmt: skip
    (tmp_path / "news.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
    output = tmp_path / "graph.nt"
    built = CliRunner().invoke(app, ["build", str(tmp_path / "news.jsonl"), "-o", str(output)])
    assert built.exit_code == 0, built.output
    report = validate(Graph().parse(output))
    assert report.conforms, [str(f) for f in report.violations]
