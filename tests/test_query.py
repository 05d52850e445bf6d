"""SPARQL over a built graph, and rendering of result rows."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from fixtures.rdf.chips import ARTICLE_2023, chip_extractions
from rdflib import Graph, Literal

from kg.cli.tables import MAX_WIDTH, render
from kg.errors import KgError, QueryError
from kg.rdf.build import build_graph
from kg.rdf.namespace import KG, PREFIXES, entity_iri
from kg.sparql import QueryResult, run_query


@pytest.fixture(scope="module")
def chips() -> Graph:
    return build_graph(chip_extractions())


def _column(result: QueryResult, name: str) -> set[object]:
    index = result.columns.index(name)
    return {row[index] for row in result.rows}


def test_partners_of_ibm_in_either_direction(chips: Graph) -> None:
    result = run_query(
        chips,
        """SELECT DISTINCT ?name WHERE {
             ?x kg:partnersWith|^kg:partnersWith <https://w3id.org/kg/id/entity/ibm> ;
                rdfs:label ?name .
           }""",
    )
    assert result.columns == ("name",)
    assert _column(result, "name") == {"Rapidus", "Samsung Electronics"}


def test_countries_restricting_exports_to_china(chips: Graph) -> None:
    result = run_query(
        chips,
        """SELECT ?country WHERE {
             ?c a kg:Country ; kg:restrictsExportsTo ?china ; rdfs:label ?country .
             ?china rdfs:label "China" .
           } ORDER BY ?country""",
    )
    assert result.rows == (("Japan",), ("Netherlands",), ("United States",))


def test_evidence_is_found_through_statements(chips: Graph) -> None:
    result = run_query(
        chips,
        """SELECT ?evidence ?title ?date ?start ?confidence ?modality WHERE {
             ?s rdf:subject ?netherlands ; rdf:predicate kg:restrictsExportsTo ;
                rdf:object ?china ; kg:evidence ?evidence ; kg:start ?start ;
                kg:confidence ?confidence ; kg:modality ?modality ;
                prov:wasDerivedFrom ?article .
             ?article dcterms:title ?title ; dcterms:date ?date .
           }""",
        {"netherlands": entity_iri("Netherlands"), "china": entity_iri("China")},
    )
    evidence = "The Netherlands"
    assert result.rows == (
        (
            evidence,
            ARTICLE_2023.title,
            date(2023, 5, 26),
            ARTICLE_2023.text.index(evidence),
            Decimal("0.85"),
            "planned",
        ),
    )


@pytest.mark.parametrize(
    ("target", "expected"),
    [("China", {"Japan", "Netherlands", "United States"}), ("Japan", set())],
)
def test_bound_iri_parameter_selects_target(chips: Graph, target: str, expected: set) -> None:
    result = run_query(
        chips,
        "SELECT ?name WHERE { ?x kg:restrictsExportsTo ?target ; rdfs:label ?name }",
        {"target": entity_iri(target)},
    )
    assert _column(result, "name") == expected


def test_plain_value_is_bound_as_literal(chips: Graph) -> None:
    result = run_query(chips, "SELECT ?x WHERE { ?x rdfs:label ?name }", {"name": "IBM"})
    assert result.rows == ((str(entity_iri("IBM")),),)


def test_bound_value_is_never_read_as_sparql(chips: Graph) -> None:
    sneaky = 'IBM" } ?x ?p ?o { "'
    result = run_query(chips, "SELECT ?x WHERE { ?x rdfs:label ?name }", {"name": sneaky})
    assert result.rows == ()


def test_unbound_optional_is_none(chips: Graph) -> None:
    result = run_query(
        chips,
        """SELECT ?id ?url WHERE { ?a kg:articleId ?id OPTIONAL { ?a schema:url ?url } }
           ORDER BY ?id""",
    )
    assert result.rows == (("chips-2023", ARTICLE_2023.url), ("chips-2024", None))


@pytest.mark.parametrize(
    ("query", "answer"),
    [
        ("ASK { ?x kg:partnersWith ?y . ?y rdfs:label 'IBM' }", True),
        ("ASK { ?x kg:restrictsExportsTo ?y . ?y rdfs:label 'Japan' }", False),
    ],
)
def test_ask_gives_one_boolean(chips: Graph, query: str, answer: bool) -> None:
    assert run_query(chips, query) == QueryResult(("ask",), ((answer,),))


def test_construct_gives_graph_and_its_triples(chips: Graph) -> None:
    result = run_query(
        chips,
        """CONSTRUCT { ?b kg:restrictedBy ?a } WHERE { ?a kg:restrictsExportsTo ?b }""",
    )
    assert result.graph is not None and len(result.graph) == 3
    assert result.columns == ("subject", "predicate", "object")
    assert {row[0] for row in result.rows} == {str(entity_iri("China"))}


def test_prefixes_are_predeclared() -> None:
    assert {"kg", "kgr", "rdf", "rdfs", "owl", "xsd", "prov", "dcterms", "schema", "wd"} <= set(
        PREFIXES
    )
    assert PREFIXES["kg"].partnersWith == KG.partnersWith


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT ?x WHERE {\n  ?x kg:partnersWith }", r"line:2, col:\d+"),
        ("SELECT ?x WHERE { ?x nope:thing ?y }", "nope"),
        ("INSERT DATA { kg:a kg:partnersWith kg:b }", "INSERT"),
        ("ASK { kgr:entity/ibm ?p ?o }", "write ent:ibm, <https://w3id.org/kg/id/entity/ibm>"),
    ],
)
def test_malformed_or_updating_query_is_a_query_error(
    chips: Graph, query: str, message: str
) -> None:
    size = len(chips)
    with pytest.raises(QueryError, match=message):
        run_query(chips, query)
    assert len(chips) == size


# -- rendering ---------------------------------------------------------------------------------

COLUMNS = ("name", "score", "note")
ROWS = [("Rapidus", 0.5, None), ("IBM", 12, 'says "hi",\nthen <b>')]


def test_table_aligns_text_left_and_numbers_right_under_a_rule() -> None:
    assert render(COLUMNS, ROWS, "table").splitlines() == [
        "name     score  note",
        "-------  -----  -------------------",
        "Rapidus    0.5",
        'IBM         12  says "hi", then <b>',  # the newline flattened: one row, one line
    ]


def test_table_truncates_long_cells_with_ellipsis() -> None:
    table = render(["text"], [["x" * 500]], "table")
    assert max(len(line) for line in table.splitlines()) == MAX_WIDTH
    assert table.endswith("x…")


def test_csv_round_trips_through_the_csv_module() -> None:
    rows = list(csv.reader(io.StringIO(render(COLUMNS, ROWS, "csv"))))
    assert rows == [list(COLUMNS), ["Rapidus", "0.5", ""], ["IBM", "12", 'says "hi",\nthen <b>']]


def test_json_gives_one_object_per_row_with_non_json_values_as_text() -> None:
    rows = [("Japan", Decimal("0.85"), date(2023, 5, 26), float("nan"), True, None)]
    columns = ("name", "confidence", "date", "score", "flag", "missing")
    assert json.loads(render(columns, rows, "json")) == [
        {
            "name": "Japan",
            "confidence": "0.85",
            "date": "2023-05-26",
            "score": "nan",
            "flag": True,
            "missing": None,
        }
    ]


def test_query_result_renders(chips: Graph) -> None:
    result = run_query(chips, "SELECT ?n WHERE { ?x rdfs:label ?n } ORDER BY ?n LIMIT 2")
    assert json.loads(render(result.columns, result.rows, "json")) == [
        {"n": "China"},
        {"n": "IBM"},
    ]


def test_unknown_format_names_the_valid_ones() -> None:
    with pytest.raises(KgError, match=r"'xml'.*table, csv, json"):
        render(COLUMNS, ROWS, "xml")


def test_literal_of_unknown_datatype_is_its_text() -> None:
    graph = Graph()
    graph.add((entity_iri("x"), KG.evidence, Literal("abc", datatype=KG.Entity)))
    assert run_query(graph, "SELECT ?e WHERE { ?x kg:evidence ?e }").rows == (("abc",),)
