"""The bundled demo corpus (``examples/corpus/``): its shape, its gold file, ``kg demo --corpus``
and ``kg eval`` on it, end to end."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from cli_support import kg
from playwright.sync_api import Browser

from kg.builder.demo import corpus_paths, example_paths
from kg.vocabulary import RELATIONS

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"
ARTICLES = CORPUS / "chips-and-minerals-2022-2025.jsonl"
GOLD = CORPUS / "chips-and-minerals-2022-2025.gold.jsonl"


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_corpus_is_the_one_kg_ships_and_the_example_stays_apart() -> None:
    assert corpus_paths() == [ARTICLES]
    assert ARTICLES not in example_paths()


def test_the_corpus_is_40_to_80_short_dated_articles_across_2022_to_2025() -> None:
    articles = _read(ARTICLES)
    assert 40 <= len(articles) <= 80
    assert len({a["id"] for a in articles}) == len(articles)
    years = Counter(a["date"][:4] for a in articles)
    assert set(years) == {"2022", "2023", "2024", "2025"} and min(years.values()) >= 10
    assert [a["date"] for a in articles] == sorted(a["date"] for a in articles)
    for article in articles:
        assert set(article) == {"id", "title", "date", "source", "text"}
        assert 100 <= len(article["text"].split()) <= 300, article["id"]


def test_the_gold_file_annotates_articles_of_the_corpus_with_their_own_sentences() -> None:
    articles = {a["id"]: a for a in _read(ARTICLES)}
    gold = _read(GOLD)
    assert len(gold) >= 20
    for item in gold:
        article = articles[item["id"]]
        assert {key: item[key] for key in article} == article
        assert item["triples"]
        for triple in item["triples"]:
            assert triple["predicate"] in RELATIONS
            assert triple["evidence"] in item["text"], (item["id"], triple)


@pytest.fixture(scope="module")
def corpus_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """``kg demo --corpus`` run once: its output folder and what it said."""
    out = tmp_path_factory.mktemp("corpus-demo")
    return out, kg("demo", "--corpus", "-o", str(out)).stderr


@pytest.mark.slow
def test_demo_corpus_builds_a_dated_graph_whose_facts_change_over_time(
    corpus_demo: tuple[Path, str],
) -> None:
    from kg.analysis.change import change, split
    from kg.analysis.projection import entity_graph
    from kg.store import load_graph

    tmp_path, said = corpus_demo
    assert f"articles: {len(_read(ARTICLES))}\n" in said
    assert "problems: 0" in said
    assert {p.name for p in tmp_path.iterdir()} >= {"graph.ttl", "graph.html", "report.md"}
    G = entity_graph(load_graph(tmp_path / "graph.ttl"))
    found = change(G, *split("2024-01-01"), top=5)
    kinds = Counter(found.change)
    assert kinds["added"] >= 20 and kinds["not reported since"] >= 20
    assert kinds["riser"] and kinds["faller"]
    added = {
        tuple(row)
        for row in found[found.change == "added"][["subject", "predicate", "object"]].values
    }
    assert ("United States", "sanctions", "Wingtech Technology") in added  # December 2024
    assert ("China", "restrictsExportsTo", "United States") in added  # December 2024


@pytest.mark.slow
@pytest.mark.browser
def test_demo_corpus_page_names_its_entities_and_bundles_its_pairs(
    corpus_demo: tuple[Path, str], offline_browser: Browser
) -> None:
    """The page ``kg demo --corpus`` writes, as an analyst opens it (screenshot demo-corpus.png)."""
    from test_viz_browser import _keep, open_drawn
    from test_viz_reading import assert_names_do_not_overprint

    with open_drawn(offline_browser, corpus_demo[0] / "graph.html") as view:
        assert view.errors == [] and view.blocked_requests == []
        # As it opens: no name overprints another ("SMIC" and "China" read "SMIChina" once).
        ranking = view.page.evaluate("() => window.kgLabelled.slice()")
        assert ranking[0] in assert_names_do_not_overprint(view, ranking)
        view.page.evaluate("() => network.fit({animation: false})")
        shown = view.page.evaluate(
            "() => window.kgLabelled.map((id) => nodes.get(id).font.size * network.getScale())"
        )
        assert shown and min(shown) >= 11
        counts = view.page.evaluate(
            "() => edges.get().map((e) => e.kg.facts.length).filter((n) => n > 1)"
        )
        assert counts  # some pairs carry several facts, each pair one line
        _keep("demo-corpus.png", view.page.screenshot())
        china = view.page.evaluate(
            "() => nodes.get({filter: (n) => n.label === 'China'}).map((n) => n.id)"
        )
        assert china
        search = view.page.locator("#kg-search")
        search.fill("China")
        search.press("Enter")
        view.page.locator("#kg-details").wait_for(state="visible")
        assert view.page.evaluate("() => network.getSelectedNodes()") == china
        # Found, China is in view with its neighbours, the names sized for that zoom.
        assert view.page.evaluate("() => network.getScale()") <= 1
        shown = view.page.evaluate(
            "() => window.kgLabelled.map((id) => nodes.get(id).font.size * network.getScale())"
        )
        assert min(shown) >= 11 and max(shown) <= 16
        _keep("demo-corpus-china.png", view.page.screenshot())


@pytest.mark.slow
def test_eval_on_the_corpus_gold_meets_the_bar() -> None:
    """Measured when the corpus was written: precision 0.89, recall 0.69, F1 0.78."""
    out = kg("eval", str(GOLD)).stdout
    overall = next(line for line in out.splitlines() if line.startswith("ALL"))
    precision, recall = overall.split()[5:7]
    assert float(precision) >= 0.8 and float(recall) >= 0.6, out
