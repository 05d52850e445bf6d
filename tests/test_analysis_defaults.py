"""The analyses' defaults on small built graphs: blocs and chokepoints leave structural facts
out unless asked, and exposure reaches firms through what they depend on and their country's
measures, never through a compatriot's sanction alone."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analysis.chokepoints import chokepoints
from kg.analysis.communities import communities
from kg.analysis.exposure import exposure
from kg.analysis.projection import entity_graph
from kg.analysis.views import DEFAULT_LAYERS
from kg.model import Article, Entity, Extraction, Fact
from kg.rdf.build import build_graph

CHINA = Entity("China", "Country", qid="Q148")
US = Entity("United States", "Country", qid="Q30")
BYD = Entity("BYD", "Company", country="China")
HUAWEI = Entity("Huawei", "Company", country="China")
SMIC = Entity("SMIC", "Company")  # its country known only from the news: headquarteredIn
XPCC = Entity("Xinjiang Production and Construction Corps", "GovernmentBody", country="China")
HOSHINE = Entity("Hoshine Silicon", "Company")
LONGI = Entity("LONGi", "Company", country="China")
MOFCOM = Entity("Ministry of Commerce", "GovernmentBody", country="China")
COMMERCE = Entity("U.S. Department of Commerce", "GovernmentBody", country="United States")
CHIPS = Entity("chips", "Product")
BATTERIES = Entity("batteries", "Product")


def _graph(*specs: tuple[Entity, str, Entity]) -> nx.MultiDiGraph:
    """The entity graph of one article stating ``specs``, one sentence each."""
    sentences = [f"{s.label} {p} {o.label}." for s, p, o in specs]
    article = Article("a1", " ".join(sentences), title="News", date="2024-01-02")
    facts = []
    for (subject, predicate, object_), sentence in zip(specs, sentences, strict=True):
        start = article.text.index(sentence)
        facts.append(
            Fact("a1", subject, predicate, object_, sentence, start, start + len(sentence), 0.8)
        )
    return entity_graph(build_graph([Extraction(article, facts=tuple(facts))]))


STRUCTURE = (
    (BYD, "headquarteredIn", CHINA),
    (HUAWEI, "headquarteredIn", CHINA),
    (SMIC, "headquarteredIn", CHINA),
    (BYD, "producesProduct", BATTERIES),
    (HUAWEI, "producesProduct", CHIPS),
    (SMIC, "producesProduct", CHIPS),
)


def test_structural_facts_alone_make_no_bloc_by_default() -> None:
    G = _graph(*STRUCTURE)
    found = communities(G)
    assert found.empty
    assert found.attrs["layers"] == DEFAULT_LAYERS
    asked = communities(G, layers=[*DEFAULT_LAYERS, "structural"])
    by_bloc = asked.groupby("community")["label"].apply(set).tolist()
    assert {"China", "Huawei", "SMIC"} <= max(by_bloc, key=len)  # on request, they do


def test_structural_facts_alone_make_no_chokepoint_by_default() -> None:
    G = _graph(*STRUCTURE)
    assert chokepoints(G).empty
    asked = chokepoints(G, layers="structural")
    assert asked.attrs["layers"] == ("structural",)
    assert "China" in set(asked[asked.kind == "articulation point"].label)


def test_a_bloc_is_made_of_ties_not_of_a_shared_country() -> None:
    G = _graph(*STRUCTURE, (HUAWEI, "partnersWith", SMIC), (US, "sanctions", HUAWEI))
    found = communities(G)
    blocs = found.groupby("community")["label"].apply(set).tolist()
    assert {"Huawei", "SMIC"} in blocs
    assert "China" not in set(found.label) and "BYD" not in set(found.label)


MEASURES = (
    (US, "sanctions", XPCC),
    (US, "sanctions", HUAWEI),
    (US, "bansProduct", SMIC),
    (COMMERCE, "restrictsExportsTo", CHINA),
    (CHINA, "restrictsExportsTo", US),
    (MOFCOM, "sanctions", COMMERCE),
    (HOSHINE, "suppliesTo", LONGI),
    (XPCC, "ownsStake", HOSHINE),
    (SMIC, "headquarteredIn", CHINA),
)


@pytest.fixture(scope="module")
def measures() -> nx.MultiDiGraph:
    return _graph(*MEASURES)


def test_a_compatriot_s_sanction_does_not_reach_a_firm(measures: nx.MultiDiGraph) -> None:
    """BYD is Chinese like XPCC; that alone does not expose it to XPCC's sanction."""
    found = exposure(_graph(*MEASURES, (BYD, "producesProduct", BATTERIES)), "BYD")
    assert not found.measure.str.contains("Xinjiang").any()
    assert not found.measure.str.contains("Huawei|SMIC").any()


def test_a_country_wide_measure_reaches_the_firms_of_that_country(
    measures: nx.MultiDiGraph,
) -> None:
    found = exposure(_graph(*MEASURES, (BYD, "producesProduct", BATTERIES)), "BYD")
    row = found[found.measure == "U.S. Department of Commerce restrictsExportsTo China"]
    assert row[["role", "hops", "via"]].values.tolist() == [
        ["target", 1, "BYD \u2014host country\u2192 China"]
    ]


def test_a_firm_that_depends_on_a_sanctioned_body_is_exposed(measures: nx.MultiDiGraph) -> None:
    """LONGi buys from Hoshine, which XPCC owns: a chain of dependence, not of nationality."""
    found = exposure(measures, "LONGi")
    row = found[found.measure.str.endswith("sanctions Xinjiang Production and Construction Corps")]
    assert row.via.tolist() == [
        "LONGi \u2014supplier\u2192 Hoshine Silicon \u2014owner\u2192 "
        "Xinjiang Production and Construction Corps"
    ]


def test_a_country_s_exposure_lists_the_measures_against_its_companies_and_bodies(
    measures: nx.MultiDiGraph,
) -> None:
    found = exposure(measures, "China")
    targets = found[found.role == "target"]
    assert set(targets.measure) == {
        "U.S. Department of Commerce restrictsExportsTo China",
        "United States sanctions Xinjiang Production and Construction Corps",
        "United States sanctions Huawei",
        "United States bansProduct SMIC",  # Chinese by headquarteredIn, not by its country
    }
    huawei = targets[targets.measure == "United States sanctions Huawei"]
    assert huawei[["hops", "via"]].values.tolist() == [[1, "China \u2014domestic\u2192 Huawei"]]
    smic = targets[targets.measure == "United States bansProduct SMIC"]
    assert smic.via_evidence.tolist() == ["SMIC headquarteredIn China."]
    # China's own measures, and its ministry's, are not what China is exposed to.
    assert not found.imposer.isin(["China", "Ministry of Commerce"]).any()
