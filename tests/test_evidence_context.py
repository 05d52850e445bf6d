"""Evidence in context: a fact read from a list line keeps the sentence that introduces the list,
from the real spaCy pipeline through RDF, the entity graph, the facts table and the page."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from rdflib.namespace import RDF
from typer.testing import CliRunner

from kg.analysis.exposure import exposure
from kg.analysis.projection import entity_graph
from kg.cli import app
from kg.model import Article, Extraction
from kg.rdf.build import build_graph
from kg.rdf.namespace import KG, entity_iri
from kg.rdf.shapes import validate
from kg.store import save_graph
from kg.viz import to_html

INTRODUCING = "The Bureau of Industry and Security added three Chinese entities to the Entity List."
TEXT = (
    f"{INTRODUCING}\n\n"
    "The entities to be added to the Entity List are:\n\n"
    "• Kestrel Silicon Co., Ltd.\n"
    "• Baltic Gallium Co., Ltd.\n"
    "• Vantor Magnesium Products Co., Ltd.\n"
)
BIS = "U.S. Bureau of Industry and Security"
MEMBERS = ("Kestrel Silicon", "Baltic Gallium", "Vantor Magnesium Products")


@pytest.fixture(scope="module")
def extraction(nlp) -> Extraction:
    from kg.extract import extract

    article = Article("bis-1", TEXT, title="Entity List additions", date="2024-03-12")
    (found,) = extract([article], nlp)
    return found


def test_a_list_line_keeps_the_sentence_that_introduces_it(extraction: Extraction) -> None:
    facts = {fact.key: fact for fact in extraction.facts}
    for member in MEMBERS:
        sanction = facts[BIS, "sanctions", member]
        assert sanction.evidence.startswith("\u2022 ") and member.split()[0] in sanction.evidence
        assert sanction.context == INTRODUCING
        assert facts[member, "headquarteredIn", "China"].context == INTRODUCING  # "Chinese"


def test_a_sentence_that_states_its_relation_has_no_context(nlp) -> None:
    from kg.extract import extract

    (found,) = extract([Article("r", "Rapidus is working with IBM on 2-nanometre chips.")], nlp)
    (fact,) = found.facts
    assert fact.key == ("Rapidus", "partnersWith", "IBM") and fact.context is None


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Washington sanctioned two chipmakers on Friday. Kestrel Silicon and Baltic Gallium.",
         "Washington sanctioned two chipmakers on Friday."),
        ("Washington sanctioned two chipmakers on Friday. Both are based in Shenzhen.", None),
    ],
)  # fmt: skip
def test_a_fragment_without_a_verb_is_introduced_by_the_sentence_before(
    nlp, text: str, context: str | None
) -> None:
    from kg.extract.extractor import context_of

    first, second = nlp(text).sents
    assert context_of(second) == context
    assert context_of(first) is None


def test_context_reaches_the_graph_the_analyses_and_the_page(extraction: Extraction) -> None:
    graph = build_graph([extraction])
    contexts = {
        str(graph.value(statement, RDF.object)): str(graph.value(statement, KG.context))
        for statement in graph.subjects(RDF.type, RDF.Statement)
        if graph.value(statement, RDF.predicate) == KG.sanctions
    }
    assert contexts == {str(entity_iri(member)): INTRODUCING for member in MEMBERS}
    assert validate(graph).conforms  # kg:context is declared and shaped
    G = entity_graph(graph)
    edge = G.edges[str(entity_iri(BIS)), str(entity_iri("Kestrel Silicon")), "sanctions"]
    assert edge["evidence"][0]["context"] == INTRODUCING
    row = exposure(G, "Kestrel Silicon").iloc[0]
    assert (row.evidence, row.context) == ("\u2022 Kestrel Silicon Co., Ltd.", INTRODUCING)
    page = to_html(G)
    assert json.dumps(INTRODUCING)[1:-1] in page


def test_the_facts_table_has_the_context(extraction: Extraction, tmp_path: Path) -> None:
    graph_file = tmp_path / "bis.ttl"
    save_graph(build_graph([extraction]), graph_file)
    out = tmp_path / "facts.csv"
    result = CliRunner().invoke(app, ["export", str(graph_file), "--facts", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["predicate"] == "sanctions"]
    assert [(row["object"], row["context"]) for row in rows] == [
        (member, INTRODUCING) for member in sorted(MEMBERS, key=TEXT.index)
    ]
