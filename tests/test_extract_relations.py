"""Relation extraction on sentences written for these tests, with the real spaCy pipeline."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # partnersWith / cooperatesWith: verbs with "with", symmetric subjects, nouns
        (
            "Samsung Electronics is working with Nvidia to develop memory chips.",
            ("Samsung Electronics", "partnersWith", "Nvidia"),
        ),
        (
            "India and Australia agreed to cooperate on critical minerals.",
            ("India", "cooperatesWith", "Australia"),
        ),
        (
            "Germany signed an agreement with Canada on hydrogen.",
            ("Germany", "cooperatesWith", "Canada"),
        ),
        # subsidises: noun with a support verb, passive verb
        (
            "South Korea is offering subsidies to Samsung Electronics for a new plant.",
            ("South Korea", "subsidises", "Samsung Electronics"),
        ),
        (
            "Intel was subsidised by Germany for its Magdeburg fab.",
            ("Germany", "subsidises", "Intel"),
        ),
        # restrictsExportsTo: nominal export controls with their target
        (
            "The Netherlands imposed export controls on China last year.",
            ("Netherlands", "restrictsExportsTo", "China"),
        ),
        # alignsWith with propagation of the matched controls
        (
            "Japan agreed to match US export controls on China.",
            ("Japan", "alignsWith", "United States"),
        ),
        (
            "Japan agreed to match US export controls on China.",
            ("Japan", "restrictsExportsTo", "China"),
        ),
        # reducesDependenceOn, also through a demonym
        ("Canada wants to cut its reliance on China.", None),
        (
            "Italy is reducing its dependence on Chinese batteries.",
            ("Italy", "reducesDependenceOn", "China"),
        ),
        # headquarteredIn from a description and from "based in"
        (
            "The Dutch firm ASML sells lithography machines.",
            ("ASML", "headquarteredIn", "Netherlands"),
        ),
        (
            "Kestrel Dynamics, a company based in Germany, makes power chips.",
            ("Kestrel Dynamics", "headquarteredIn", "Germany"),
        ),
        # producesProduct from a verb and from a "maker" noun
        (
            "Korean memory maker SK Hynix expanded output.",
            ("SK Hynix", "producesProduct", "memory chips"),
        ),
        # titles
        (
            "US Secretary of Commerce Gina Raimondo visited Tokyo.",
            ("Gina Raimondo", "leaderOf", "U.S. Department of Commerce"),
        ),
        (
            "Katherine Tai, the U.S. Trade Representative, spoke on Monday.",
            ("Katherine Tai", "leaderOf", "Office of the United States Trade Representative"),
        ),
    ],
)
def test_sentence_states_fact(extract_text, text, fact):
    facts = extract_text(text)
    if fact is None:  # a wish, not a fact
        assert not [k for k in facts if k[1] == "reducesDependenceOn"], facts
    else:
        assert fact in facts, sorted(facts)


@pytest.mark.parametrize(
    "text",
    [
        "Japan did not agree to cooperate with China.",
        "Japan could offer subsidies to Micron Technology.",
        "Japan is considering subsidies to Micron Technology.",
        "Officials urged Japan to cooperate with India.",
        "Talks on cooperation between Japan and China continue.",
        "Without the aid, Micron Technology would build the plant in the United States.",
        "Japan denied that it offered subsidies to Micron Technology.",
    ],
)
def test_negated_and_hypothetical_statements_yield_no_fact(extract_text, text):
    relations = {
        k for k in extract_text(text) if k[1] not in ("headquarteredIn", "producesProduct")
    }
    assert relations == set()


def test_planned_statement_is_kept_with_its_modality(extract_text):
    facts = extract_text("Germany plans to subsidise Intel for a new chip plant.")
    assert facts[("Germany", "subsidises", "Intel")].modality == "planned"


def test_evidence_is_the_sentence_and_offsets_point_at_it(extract_text):
    text = "Markets rose.\n\nRapidus is working with IBM on chips. Prices fell."
    fact = extract_text(text)[("Rapidus", "partnersWith", "IBM")]
    assert fact.evidence == "Rapidus is working with IBM on chips."
    assert text[fact.start : fact.end] == fact.evidence
    assert 0 < fact.confidence <= 1


def test_one_company_is_one_entity_however_named(extract_text):
    text = (
        "Zhenhua Shipbuilding Holdings Co., Ltd. (ZSH) opened a plant. "
        "Later, ZSH was working with Rapidus on cranes."
    )
    assert ("Zhenhua Shipbuilding Holdings", "partnersWith", "Rapidus") in extract_text(text)


def test_surname_refers_to_the_full_name_given_earlier(extract_text):
    text = (
        "Japanese Prime Minister Hiroto Tanabe met investors. "
        "Later, US Secretary of Commerce Tanabe ... "
    )
    facts = extract_text(text)
    assert ("Hiroto Tanabe", "leaderOf", "Japan") in facts


def test_capital_stands_for_its_country(extract_text):
    facts = extract_text("Washington and Tokyo agreed to cooperate on quantum technology.")
    assert ("United States", "cooperatesWith", "Japan") in facts or (
        "Japan",
        "cooperatesWith",
        "United States",
    ) in facts
