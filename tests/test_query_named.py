"""Named queries (kg/queries/*.rq): right answers in memory and on a store, safe parameters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas
import pytest
from fixtures.rdf.chips import ARTICLE_2023, ARTICLE_2024
from fixtures.rdf.supply import ARTICLE_2024_SUPPLY, all_extractions
from rdflib import Graph, Literal
from rdflib.namespace import RDFS

from kg.errors import QueryError
from kg.rdf.build import build_graph
from kg.rdf.namespace import entity_iri
from kg.sparql import load_query, named_queries, resolve_entity, run_named, run_query
from kg.sparql.named import PARAM_KINDS
from kg.store import GraphStore

NAMES = (
    "suppliers-of",
    "partners-of",
    "who-restricts-exports-to",
    "subsidies-by",
    "facts-about",
    "facts-from-article",
    "facts-between-dates",
    "evidence-for",
)


@pytest.fixture(scope="module", params=["memory", "store"])
def graph(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    if request.param == "memory":
        yield build_graph(all_extractions())
        return
    with GraphStore(tmp_path_factory.mktemp("store")) as store:
        for extraction in all_extractions():
            store.add_extraction(extraction)
        yield store.graph


def _column(result, name: str) -> list[object]:
    index = result.columns.index(name)
    return [row[index] for row in result.rows]


def test_the_named_queries_are_shipped_with_parameters_documented() -> None:
    queries = named_queries()
    assert tuple(sorted(NAMES)) == tuple(queries)
    for query in queries.values():
        assert query.description and query.params, query.name
        assert all(param.kind in PARAM_KINDS for param in query.params)


@pytest.mark.parametrize("name", NAMES)
def test_parameter_variables_are_projected_so_oxigraph_can_bind_them(name: str) -> None:
    query = load_query(name)
    head = query.text[query.text.index("SELECT") : query.text.index("{")]
    assert all(f"?{param.name}" in head.split() for param in query.params)


def test_suppliers_of_a_company_by_part_of_its_name(graph: Graph) -> None:
    result = run_named(graph, "suppliers-of", {"company": "apple"})
    assert _column(result, "supplier") == [
        "Micron Technology",
        "Taiwan Semiconductor Manufacturing",
    ]
    assert set(_column(result, "company")) == {str(entity_iri("Apple"))}
    assert _column(result, "date") == [date(2024, 3, 1)] * 2


def test_partners_are_found_in_both_directions(graph: Graph) -> None:
    result = run_named(graph, "partners-of", {"entity": "IBM"})
    by_article = sorted(zip(_column(result, "partner"), _column(result, "article"), strict=True))
    assert by_article == [
        ("Rapidus", "chips-2023"),
        ("Rapidus", "chips-2024"),
        ("Samsung Electronics", "chips-2024"),
    ]
    assert set(_column(result, "relation")) == {"partnersWith"}


def test_who_restricts_exports_to_china_with_modality(graph: Graph) -> None:
    result = run_named(graph, "who-restricts-exports-to", {"target": "China"})
    rows = set(zip(_column(result, "restrictor"), _column(result, "modality"), strict=True))
    assert rows == {
        ("Japan", "asserted"),
        ("Netherlands", "planned"),
        ("United States", "asserted"),
    }
    assert _column(result, "restrictor").count("Japan") == 2  # two articles say it


def test_subsidies_by_a_government(graph: Graph) -> None:
    result = run_named(graph, "subsidies-by", {"government": "Japan"})
    assert _column(result, "recipient") == ["Micron Technology"]


def test_facts_about_an_entity_as_subject_or_object(graph: Graph) -> None:
    result = run_named(graph, "facts-about", {"entity": "Micron Technology"})
    facts = sorted(
        zip(*(_column(result, c) for c in ("subject", "relation", "object")), strict=True)
    )
    assert facts == [
        ("Japan", "subsidises", "Micron Technology"),
        ("Micron Technology", "suppliesTo", "Apple"),
        ("Micron Technology", "suppliesTo", "IBM"),
    ]
    assert set(_column(result, "confidence")) == {Decimal("0.85")}


def test_facts_from_an_article_in_text_order(graph: Graph) -> None:
    result = run_named(graph, "facts-from-article", {"article": ARTICLE_2024_SUPPLY.id})
    starts = _column(result, "start")
    assert starts == sorted(starts) and len(starts) == 5
    spans = zip(starts, _column(result, "end"), _column(result, "evidence"), strict=True)
    assert all(ARTICLE_2024_SUPPLY.text[start:end] == evidence for start, end, evidence in spans)


@pytest.mark.parametrize(
    ("since", "until", "articles"),
    [
        ("2023-01-01", "2023-12-31", {ARTICLE_2023.id}),
        ("2023-05-26", "2024-03-01", {ARTICLE_2023.id, ARTICLE_2024_SUPPLY.id}),
        ("2024-03-02", "2030-01-01", set()),
    ],
)
def test_facts_between_dates_include_both_ends_and_skip_undated(
    graph: Graph, since: str, until: str, articles: set[str]
) -> None:
    result = run_named(graph, "facts-between-dates", {"since": since, "until": until})
    assert set(_column(result, "article")) == articles
    assert ARTICLE_2024.id not in _column(result, "article")  # dated "Spring 2024": not ISO


def test_evidence_for_one_fact_from_every_article(graph: Graph) -> None:
    params = {"subject": "Japan", "relation": "restrictsExportsTo", "object": "China"}
    result = run_named(graph, "evidence-for", params)
    assert sorted(_column(result, "evidence")) == [
        "Japan also restricts exports",
        "Japan restricts exports of chip tools",
    ]
    assert set(_column(result, "title")) == {ARTICLE_2023.title, ARTICLE_2024_SUPPLY.title}


def test_store_and_memory_give_the_same_rows(tmp_path: Path) -> None:
    memory = build_graph(all_extractions())
    with GraphStore(tmp_path) as store:
        for extraction in all_extractions():
            store.add_extraction(extraction)
        for name in ("facts-about", "partners-of"):
            params = {"entity": "IBM"}
            assert run_named(store.graph, name, params) == run_named(memory, name, params)


def test_results_become_a_dataframe(graph: Graph) -> None:
    result = run_named(graph, "suppliers-of", {"company": "IBM"})
    frame = result.to_frame()
    assert isinstance(frame, pandas.DataFrame)
    assert tuple(frame.columns) == result.columns
    assert frame["supplier"].tolist() == ["Micron Technology"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"company": "Nobody Inc"}, "no entity named 'Nobody Inc'"),
        ({"company": "Micron Technolgy"}, "did you mean 'Micron Technology'"),
        ({"company": "Micron", "extra": "x"}, r"takes the parameters company \(entity\)"),
        ({}, r"takes the parameters company \(entity\)"),
    ],
)
def test_bad_parameters_are_named(graph: Graph, params: dict, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        run_named(graph, "suppliers-of", params)


def test_ambiguous_name_lists_the_candidates() -> None:
    graph = build_graph(all_extractions())
    graph.add((entity_iri("Micron Memory"), RDFS.label, Literal("Micron Memory")))
    with pytest.raises(QueryError, match=r"'Micron Memory', 'Micron Technology'.*full name"):
        resolve_entity(graph, "Micron")


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        (
            "evidence-for",
            {"subject": "Japan", "relation": "supplys", "object": "China"},
            "supplies",
        ),
        ("facts-between-dates", {"since": "May 2023", "until": "2023-12-31"}, "not a date"),
        ("supliers-of", {}, "did you mean 'suppliers-of'"),
    ],
)
def test_bad_relation_date_or_name_is_explained(
    graph: Graph, name: str, params: dict, message: str
) -> None:
    with pytest.raises(QueryError, match=message):
        run_named(graph, name, params)


@pytest.mark.parametrize(
    "hostile",
    ['Apple" } ?s ?p ?o { "', "<https://w3id.org/kg/id/entity/apple> } UNION { ?x ?y ?z }"],
)
def test_parameter_text_is_never_read_as_sparql(graph: Graph, hostile: str) -> None:
    result = run_query(
        graph, "SELECT ?x ?name WHERE { ?x rdfs:label ?name }", {"name": Literal(hostile)}
    )
    assert result.rows == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Micron Technology", "Micron Technology"),
        ("micron technology", "Micron Technology"),
        ("MICRON", "Micron Technology"),
        ("ent:ibm", "IBM"),
        ("https://w3id.org/kg/id/entity/apple", "Apple"),
        ("Taiwan", "Taiwan Semiconductor Manufacturing"),
    ],
)
def test_entity_names_resolve_to_one_iri(graph: Graph, text: str, expected: str) -> None:
    assert resolve_entity(graph, text) == entity_iri(expected)


def test_query_files_carry_no_formatting_placeholders() -> None:
    for query in named_queries().values():
        assert not re.search(r"\{\w*\}|%s|%\(", query.text), query.name
