"""The vocabulary (kg.ttl and its Python mirror), IRIs, and facts -> RDF."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import pytest
from fixtures.rdf.chips import (
    ARTICLE_2023,
    ARTICLE_2024,
    CHINA,
    IBM,
    MICRON,
    NETHERLANDS,
    RAPIDUS,
    chip_extractions,
    fact,
)
from hypothesis import assume, given
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.errors import OntologyError
from kg.model import ENTITY_TYPES, Article, Entity, Extraction
from kg.rdf.build import add_extraction, build_graph, content_hash, extraction_triples
from kg.rdf.namespace import (
    INVERSES,
    KG,
    PARENT_CLASS,
    POLARITY,
    RELATIONS,
    SYMMETRIC,
    WD,
    article_id_of,
    article_iri,
    entity_iri,
    slug,
    statement_iri,
)
from kg.rdf.ontology import reference_page

ONTOLOGY_IRI = URIRef("https://w3id.org/kg/ontology")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    text = files("kg.ontologies").joinpath("kg.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


@pytest.fixture(scope="module")
def chips() -> Graph:
    return build_graph(chip_extractions())


def _declared_terms(ontology: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {
        term
        for kind in kinds
        for term in ontology.subjects(RDF.type, kind)
        if isinstance(term, URIRef) and term.startswith(str(KG))
    }


# -- the ontology and its Python mirror -------------------------------------------------------


def test_namespace_terms_are_the_ontology_terms(ontology: Graph) -> None:
    assert set(dir(KG)) == _declared_terms(ontology)


def test_namespace_rejects_misspelt_term() -> None:
    with pytest.raises(AttributeError, match="supliesTo"):
        _ = KG.supliesTo


def test_ontology_header_has_label_comment_and_version(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    for annotation in (RDFS.label, RDFS.comment, OWL.versionInfo):
        assert ontology.value(ONTOLOGY_IRI, annotation), annotation


def test_every_term_has_label_and_comment(ontology: Graph) -> None:
    undocumented = [
        term
        for term in _declared_terms(ontology)
        if not (ontology.value(term, RDFS.label) and ontology.value(term, RDFS.comment))
    ]
    assert undocumented == []


def test_relations_are_the_subproperties_of_related_to(ontology: Graph) -> None:
    declared = set(ontology.subjects(RDFS.subPropertyOf, KG.relatedTo))
    assert declared == {KG[name] for name in RELATIONS}


def test_polarity_of_every_relation_matches_the_ontology(ontology: Graph) -> None:
    declared = {str(p).split("#")[1]: str(v) for p, v in ontology.subject_objects(KG.polarity)}
    assert declared == POLARITY
    assert set(POLARITY) == set(RELATIONS)


def test_symmetric_relations_match_the_ontology(ontology: Graph) -> None:
    declared = set(ontology.subjects(RDF.type, OWL.SymmetricProperty))
    assert declared == {KG[name] for name in SYMMETRIC}


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("end", [RDFS.domain, RDFS.range])
def test_relation_end_is_a_kg_class_or_union_of_them(
    ontology: Graph, relation: str, end: URIRef
) -> None:
    classes = {ontology.value(KG[relation], end)}
    union = ontology.value(next(iter(classes)), OWL.unionOf)
    if union is not None:
        classes = set(ontology.items(union))
    entity_classes = {KG[name] for name in ("Entity", *PARENT_CLASS)}
    assert classes and classes <= entity_classes


def test_parent_classes_match_the_ontology(ontology: Graph) -> None:
    declared = {
        str(child).removeprefix(str(KG)): str(parent).removeprefix(str(KG))
        for child, parent in ontology.subject_objects(RDFS.subClassOf)
        if parent.startswith(str(KG))
    }
    assert declared == PARENT_CLASS


def test_article_is_a_prov_entity(ontology: Graph) -> None:
    assert (KG.Article, RDFS.subClassOf, PROV.Entity) in ontology


def test_model_entity_types_are_ontology_classes(ontology: Graph) -> None:
    assert all((KG[name], RDF.type, OWL.Class) in ontology for name in ENTITY_TYPES)


# -- IRIs --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Micron Technology", "micron-technology"),
        ("U.S.", "u-s"),
        ("Ministry of Economy, Trade and Industry", "ministry-of-economy-trade-and-industry"),
        ("Straße", "strasse"),
        ("\uff29\uff22\uff2d", "ibm"),  # fullwidth "IBM", folded by NFKC
        ("snake_case_name", "snake-case-name"),
        ("東京エレクトロン", "東京エレクトロン"),
        ("  «Rapidus»  ", "rapidus"),
    ],
)
def test_entity_iri_is_readable_slug_of_label(label: str, expected: str) -> None:
    assert entity_iri(label) == URIRef(f"https://w3id.org/kg/id/entity/{expected}")


@pytest.mark.parametrize("label", ["", "   ", "<>", "!!!"])
def test_label_without_word_characters_gets_hash_slug(label: str) -> None:
    digest = hashlib.sha1(label.encode()).hexdigest()[:12]
    assert slug(label) == f"e-{digest}"


def test_long_label_keeps_64_characters_and_a_hash() -> None:
    label = "Semiconductor " * 10
    digest = hashlib.sha1(label.encode()).hexdigest()[:12]
    assert slug(label) == f"{slug(label[:70])[:64]}-{digest}"
    assert len(slug(label)) == 77


@pytest.mark.parametrize(
    "variants",
    [
        ("Micron Technology", "micron technology", "MICRON-TECHNOLOGY", "Micron_Technology"),
        ("U.S.", "U S", "u.s"),
    ],
)
def test_labels_that_normalise_alike_share_iri(variants: tuple[str, ...]) -> None:
    assert len({entity_iri(label) for label in variants}) == 1


def _normalised(label: str) -> str:
    """The slug rule before shortening and hashing, restated independently of kg."""
    return re.sub(r"[\W_]+", "-", unicodedata.normalize("NFKC", label).casefold()).strip("-")


@given(st.text(), st.text())
def test_labels_that_normalise_differently_get_different_iris(first: str, second: str) -> None:
    assume(_normalised(first) != _normalised(second))
    assert entity_iri(first) != entity_iri(second)


@given(st.text(st.characters(categories=["Lu", "Ll", "Lo", "Nd", "Zs"]), min_size=90))
def test_long_labels_that_differ_anywhere_get_different_iris(label: str) -> None:
    assume(len(_normalised(label)) > 80)
    assert entity_iri(label) != entity_iri(label + "x")


def test_article_iri_keeps_the_exact_id_percent_encoded() -> None:
    assert article_iri("Reuters/2023 05 26") == URIRef(
        "https://w3id.org/kg/id/article/Reuters%2F2023%2005%2026"
    )
    assert article_iri("chips-2023") == URIRef("https://w3id.org/kg/id/article/chips-2023")


@given(st.text(min_size=1), st.text(min_size=1))
def test_distinct_article_ids_never_share_an_iri(first: str, second: str) -> None:
    assume(first != second)
    assert article_iri(first) != article_iri(second)
    for article_id in (first, second):
        if len(article_iri(article_id)) <= 200:
            assert article_id_of(article_iri(article_id)) == article_id


def test_ids_that_slug_alike_get_different_iris() -> None:
    ids = ["Reuters/AB12", "reuters-ab12", "REUTERS AB12", "reuters_ab12", "reuters%2Fab12"]
    assert len({article_iri(i) for i in ids}) == len(ids)
    long = "x" * 500
    assert article_iri(long) != article_iri(long + "y")
    assert article_id_of(article_iri(long)) is None


def test_statement_iri_depends_on_where_the_fact_was_read() -> None:
    first = fact(ARTICLE_2024, RAPIDUS, "partnersWith", IBM, "Rapidus partners with IBM.")
    elsewhere = fact(ARTICLE_2023, RAPIDUS, "partnersWith", IBM, "Rapidus will partner with IBM")
    assert statement_iri(first) == statement_iri(first)
    assert statement_iri(first) != statement_iri(elsewhere)
    assert re.fullmatch(r"https://w3id\.org/kg/id/statement/[0-9a-f]{16}", statement_iri(first))


# -- facts -> RDF ------------------------------------------------------------------------------


def test_fact_becomes_plain_triple(chips: Graph) -> None:
    assert (entity_iri("Rapidus"), KG.partnersWith, entity_iri("IBM")) in chips


def test_symmetric_fact_is_stored_once_as_read(chips: Graph) -> None:
    assert (entity_iri("IBM"), KG.partnersWith, entity_iri("Rapidus")) not in chips


def test_fact_gets_statement_with_provenance(chips: Graph) -> None:
    evidence = "The Netherlands"
    netherlands = fact(ARTICLE_2023, NETHERLANDS, "restrictsExportsTo", CHINA, evidence, "planned")
    statement = statement_iri(netherlands)
    start = ARTICLE_2023.text.index(evidence)
    expected = {
        RDF.type: RDF.Statement,
        RDF.subject: entity_iri("Netherlands"),
        RDF.predicate: KG.restrictsExportsTo,
        RDF.object: entity_iri("China"),
        PROV.wasDerivedFrom: article_iri("chips-2023"),
        KG.start: Literal(start),
        KG.end: Literal(start + len(evidence)),
        KG.confidence: Literal(Decimal("0.85")),
        KG.modality: Literal("planned"),
        KG.rule: Literal("restrictsExportsTo/test"),
    }
    assert {p: chips.value(statement, p) for p in expected} == expected
    assert chips.value(statement, KG.evidence) == Literal(evidence)


def test_same_fact_from_two_articles_has_two_statements(chips: Graph) -> None:
    triple = (entity_iri("Rapidus"), KG.partnersWith, entity_iri("IBM"))
    statements = {
        statement
        for statement in chips.subjects(RDF.subject, triple[0])
        if (statement, RDF.object, triple[2]) in chips
    }
    sources = {chips.value(statement, PROV.wasDerivedFrom) for statement in statements}
    assert sources == {article_iri("chips-2023"), article_iri("chips-2024")}


def test_entity_gets_type_label_country_and_wikidata_link(chips: Graph) -> None:
    micron, united_states = entity_iri(MICRON.label), entity_iri("United States")
    assert (micron, RDF.type, KG.Company) in chips
    assert chips.value(micron, RDFS.label) == Literal("Micron Technology")
    assert chips.value(micron, KG.country) == united_states
    assert chips.value(micron, OWL.sameAs) == WD.Q1141233


def test_country_of_entity_is_a_labelled_country(chips: Graph) -> None:
    korea = entity_iri("South Korea")  # only ever named as Samsung's country
    assert (korea, RDF.type, KG.Country) in chips
    assert chips.value(korea, RDFS.label) == Literal("South Korea")


def test_entity_without_qid_has_no_same_as(chips: Graph) -> None:
    assert chips.value(entity_iri("Rapidus"), OWL.sameAs) is None


def test_article_gets_metadata(chips: Graph) -> None:
    article = article_iri(ARTICLE_2023.id)
    expected = {
        RDF.type: KG.Article,
        KG.articleId: Literal("chips-2023"),
        DCTERMS.title: Literal(ARTICLE_2023.title),
        DCTERMS.date: Literal("2023-05-26", datatype=XSD.date),
        SDO.url: Literal(ARTICLE_2023.url, datatype=XSD.anyURI),
        DCTERMS.publisher: Literal("Reuters"),
        DCTERMS.source: Literal("news.jsonl:1"),
    }
    assert {p: chips.value(article, p) for p in expected} == expected
    assert chips.value(article, DCTERMS.date).toPython() == date(2023, 5, 26)


@pytest.mark.parametrize(
    ("text", "datatype"),
    [("2023-05-26", XSD.date), ("Spring 2024", None), ("2023-02-30", None), ("2023-5-6", None)],
)
def test_article_date_is_xsd_date_only_when_iso(text: str, datatype: URIRef | None) -> None:
    graph = build_graph([Extraction(Article("a", "", date=text))])
    assert graph.value(article_iri("a"), DCTERMS.date) == Literal(text, datatype=datatype)


def test_missing_article_metadata_is_left_out() -> None:
    graph = build_graph([Extraction(Article("bare", "text"))])
    assert set(graph.predicates(article_iri("bare"))) == {RDF.type, KG.articleId, KG.contentHash}


def test_empty_rule_is_left_out() -> None:
    ruleless = replace(
        fact(ARTICLE_2024, RAPIDUS, "partnersWith", IBM, "Rapidus partners"), rule=""
    )
    graph = build_graph([Extraction(ARTICLE_2024, facts=(ruleless,))])
    assert list(graph.objects(None, KG.rule)) == []


def test_adding_same_extractions_again_changes_nothing(chips: Graph) -> None:
    graph = build_graph(chip_extractions())
    for extraction in chip_extractions():
        add_extraction(graph, extraction)
    assert len(graph) == len(chips)
    assert isomorphic(graph, chips)


@pytest.mark.parametrize(
    ("predicate", "suggestion"),
    [
        ("supplysTo", "suppliesTo"),
        ("partnerWith", "partnersWith"),
        ("restrictExportsTo", "restrictsExportsTo"),
        ("Sanction", "sanctions"),
    ],
)
def test_unknown_predicate_is_named_with_closest_relation(predicate: str, suggestion: str) -> None:
    good = fact(ARTICLE_2024, RAPIDUS, "partnersWith", IBM, "Rapidus partners with IBM.")
    bad = replace(good, predicate=predicate)
    graph = Graph()
    with pytest.raises(OntologyError, match=rf"'{predicate}'.*did you mean '{suggestion}'"):
        add_extraction(graph, Extraction(ARTICLE_2024, facts=(good, bad)))
    assert len(graph) == 0  # nothing of the extraction was added


def test_predicate_unlike_any_relation_lists_them_all() -> None:
    good = fact(ARTICLE_2024, RAPIDUS, "partnersWith", IBM, "Rapidus partners with IBM.")
    with pytest.raises(OntologyError, match=r"'xyz'.*use one of partnersWith, .*producesProduct"):
        build_graph([Extraction(ARTICLE_2024, facts=(replace(good, predicate="xyz"),))])


def test_unknown_entity_type_is_an_ontology_error() -> None:
    odd = Entity("Rapidus", "Firm")  # type: ignore[arg-type]
    bad = fact(ARTICLE_2024, odd, "partnersWith", IBM, "Rapidus partners with IBM.")
    with pytest.raises(OntologyError, match=r"'Firm'.*'Rapidus'"):
        build_graph([Extraction(ARTICLE_2024, facts=(bad,))])


# -- inverses, alignment, reference page -------------------------------------------------------


@pytest.mark.parametrize(("forward", "inverse"), sorted(INVERSES.items()))
def test_inverse_is_declared_with_swapped_ends(ontology: Graph, forward: str, inverse: str) -> None:
    assert ontology.value(KG[inverse], OWL.inverseOf) == KG[forward]
    for end, other in ((RDFS.domain, RDFS.range), (RDFS.range, RDFS.domain)):
        assert _classes(ontology, KG[inverse], end) == _classes(ontology, KG[forward], other)


def _classes(ontology: Graph, term: URIRef, end: URIRef) -> set:
    node = ontology.value(term, end)
    union = ontology.value(node, OWL.unionOf)
    return set(ontology.items(union)) if union is not None else {node}


def test_inverses_are_not_extracted_relations() -> None:
    assert not set(INVERSES.values()) & set(RELATIONS)
    assert set(INVERSES) <= set(RELATIONS) - SYMMETRIC


@pytest.mark.parametrize(
    ("term", "target"),
    [
        (KG.Organization, SDO.Organization),
        (KG.Person, SDO.Person),
        (KG.Country, SDO.Country),
        (KG.Person, WD.Q5),
        (KG.memberOf, URIRef("http://www.wikidata.org/prop/direct/P463")),
        (KG.country, URIRef("http://www.wikidata.org/prop/direct/P17")),
    ],
)
def test_terms_are_aligned_with_schema_org_and_wikidata(
    ontology: Graph, term: URIRef, target: URIRef
) -> None:
    assert (term, SKOS.exactMatch, target) in ontology


def test_alignments_point_only_to_schema_org_and_wikidata(ontology: Graph) -> None:
    mappings = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.relatedMatch)
    targets = {str(o) for p in mappings for o in ontology.objects(None, p)}
    allowed = (
        "https://schema.org/",
        "http://www.wikidata.org/entity/Q",
        "http://www.wikidata.org/prop/direct/P",
    )
    assert targets and all(target.startswith(allowed) for target in targets)


def test_reference_page_in_docs_is_up_to_date(ontology: Graph) -> None:
    page = Path(__file__).resolve().parent.parent / "docs" / "ontology.md"
    assert page.read_text(encoding="utf-8") == reference_page(ontology), (
        "docs/ontology.md is stale: run python docs/make_ontology_page.py"
    )


def test_reference_page_names_every_term(ontology: Graph) -> None:
    page = reference_page(ontology)
    assert all(f"`kg:{str(term).split('#')[1]}`" in page for term in _declared_terms(ontology))


# -- content hash and extraction time ------------------------------------------------------------


def test_article_records_the_hash_of_its_content(chips: Graph) -> None:
    value = chips.value(article_iri(ARTICLE_2023.id), KG.contentHash)
    assert re.fullmatch(r"[0-9a-f]{64}", str(value))
    assert str(value) == content_hash(ARTICLE_2023)


@pytest.mark.parametrize(
    ("change", "same"),
    [
        ({"origin": "elsewhere.jsonl:9"}, True),
        ({"text": ARTICLE_2023.text + " More."}, False),
        ({"title": "Another title"}, False),
        ({"date": "2023-05-27"}, False),
    ],
)
def test_content_hash_follows_what_the_graph_records(change: dict, same: bool) -> None:
    assert (content_hash(replace(ARTICLE_2023, **change)) == content_hash(ARTICLE_2023)) is same


def test_statements_carry_the_extraction_time_when_given() -> None:
    when = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    graph = build_graph(chip_extractions(), extracted_at=when)
    times = set(graph.objects(None, PROV.generatedAtTime))
    assert times == {Literal(when, datatype=XSD.dateTime)}
    assert len(list(graph.subjects(PROV.generatedAtTime, None))) == sum(
        len(extraction.facts) for extraction in chip_extractions()
    )


def test_statements_have_no_time_unless_given(chips: Graph) -> None:
    assert list(chips.objects(None, PROV.generatedAtTime)) == []


def test_extraction_triples_are_what_add_extraction_adds() -> None:
    extraction = chip_extractions()[0]
    graph = Graph()
    add_extraction(graph, extraction)
    assert set(extraction_triples(extraction)) == set(graph)
