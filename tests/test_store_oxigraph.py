"""On-disk Oxigraph stores: same graph as in memory, incremental, idempotent, every format."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fixtures.rdf.chips import ARTICLE_2024, IBM, chip_extractions
from fixtures.rdf.supply import ARTICLE_2024_SUPPLY, HUAWEI, all_extractions, supply_extraction
from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDFS

from kg.cli.common import open_graph
from kg.errors import GraphFormatError, KgError
from kg.model import Article, Entity, Extraction, Fact
from kg.rdf.build import build_graph
from kg.rdf.namespace import KG, entity_iri
from kg.store import FORMATS, Change, GraphStore, export_graph, load_graph, save_graph

AWKWARD = 'He said "no"\nthen <script>alert(1)</script> & left\\ \t\u2028 € 東京'


def _filled(path: Path, extractions: list[Extraction]) -> GraphStore:
    store = GraphStore(path)
    for extraction in extractions:
        store.add_extraction(extraction)
    return store


def _awkward_extraction() -> Extraction:
    text = f"Rapidus partners with IBM. {AWKWARD}"
    article = Article("odd/id <1>", text, title='"Quoted" <b>title</b>', date="not a date")
    odd = Entity('O\'Brien "&" <Sons>\n', "Company", country="Côte d'Ivoire")
    start = text.index(AWKWARD)
    stated = Fact(article.id, odd, "suppliesTo", IBM, AWKWARD, start, len(text), 0.5)
    return Extraction(article, facts=(stated,))


def test_store_holds_the_graph_built_in_memory(tmp_path: Path) -> None:
    with _filled(tmp_path, all_extractions()) as store:
        assert isomorphic(store.graph, build_graph(all_extractions()))
        assert len(store) == len(build_graph(all_extractions()))


def test_adding_the_same_articles_again_changes_nothing(tmp_path: Path) -> None:
    with _filled(tmp_path, all_extractions()) as store:
        before = set(store.graph)
        changes = [store.add_extraction(extraction) for extraction in all_extractions()]
        assert changes == [Change.unchanged] * 3
        assert set(store.graph) == before


def test_store_is_kept_on_disk_between_openings(tmp_path: Path) -> None:
    _filled(tmp_path, chip_extractions()).close()
    with GraphStore(tmp_path) as store:
        assert store.add_extraction(supply_extraction()) is Change.added
        assert store.add_extraction(chip_extractions()[0]) is Change.unchanged
        assert isomorphic(store.graph, build_graph(all_extractions()))


def test_changed_article_replaces_what_it_said_before(tmp_path: Path) -> None:
    corrected = replace(ARTICLE_2024_SUPPLY, text=ARTICLE_2024_SUPPLY.text + " Corrected.")
    kept = supply_extraction().facts[:2]  # the correction drops IBM's supplier and the sanction
    new_version = Extraction(corrected, facts=tuple(replace(f, doc=corrected.id) for f in kept))
    with _filled(tmp_path, all_extractions()) as store:
        assert store.add_extraction(new_version) is Change.replaced
        assert isomorphic(store.graph, build_graph([*chip_extractions(), new_version]))
        assert store.graph.value(entity_iri(HUAWEI.label), RDFS.label) is None  # now unmentioned
        assert store.graph.value(entity_iri("IBM"), RDFS.label) == Literal("IBM")  # still used


def test_fact_stated_elsewhere_survives_the_replacement(tmp_path: Path) -> None:
    changed = replace(ARTICLE_2024, title="New title")
    only_samsung = chip_extractions()[1].facts[:1]  # drops "Rapidus partners with IBM."
    rapidus_ibm = (entity_iri("Rapidus"), KG.partnersWith, entity_iri("IBM"))
    with _filled(tmp_path, chip_extractions()) as store:
        store.add_extraction(Extraction(changed, facts=only_samsung))
        assert rapidus_ibm in store.graph  # chips-2023 still states it
        assert isomorphic(
            store.graph,
            build_graph([chip_extractions()[0], Extraction(changed, facts=only_samsung)]),
        )


def test_extraction_time_of_a_stored_article_is_kept(tmp_path: Path) -> None:
    first, later = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 6, 1, tzinfo=UTC)
    with GraphStore(tmp_path) as store:
        store.add_extraction(supply_extraction(), extracted_at=first)
        store.add_extraction(supply_extraction(), extracted_at=later)
        times = {time.toPython() for time in store.graph.objects(None, PROV.generatedAtTime)}
        assert times == {first}


@pytest.mark.parametrize("suffix", list(FORMATS))
def test_store_exports_round_trip_to_an_isomorphic_graph(tmp_path: Path, suffix: str) -> None:
    extractions = [*all_extractions(), _awkward_extraction()]
    with _filled(tmp_path / "store", extractions) as store:
        path = export_graph(store.graph, tmp_path / f"graph{suffix}")
    assert isomorphic(load_graph(path), build_graph(extractions))


@pytest.mark.parametrize("suffix", list(FORMATS))
def test_graph_file_loads_into_a_store_unchanged(tmp_path: Path, suffix: str) -> None:
    graph = build_graph([*all_extractions(), _awkward_extraction()])
    with GraphStore(tmp_path / "store") as store:
        store.load(save_graph(graph, tmp_path / f"graph{suffix}"))
        assert isomorphic(store.graph, graph)


def test_in_memory_graph_exports_through_rdflib(tmp_path: Path) -> None:
    graph = build_graph(chip_extractions())
    assert isomorphic(load_graph(export_graph(graph, tmp_path / "g.trig")), graph)


def test_unparsable_file_is_named_when_loading(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<https://x.test/a> <https://x.test/p> .\n", encoding="utf-8")
    with GraphStore(tmp_path / "store") as store, pytest.raises(GraphFormatError, match="broken"):
        store.load(broken)


def test_missing_store_is_named_for_reading(tmp_path: Path) -> None:
    with pytest.raises(KgError, match=r"no kg store here.*kg build"):
        GraphStore(tmp_path / "absent", read_only=True)


def test_folder_of_other_files_is_not_taken_for_a_store(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(KgError, match="not a kg store"):
        GraphStore(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_second_writer_is_told_the_store_is_in_use(tmp_path: Path) -> None:
    with GraphStore(tmp_path), pytest.raises(KgError, match="open for writing by another"):
        GraphStore(tmp_path)


def test_reader_sees_what_a_closed_writer_stored(tmp_path: Path) -> None:
    _filled(tmp_path, chip_extractions()).close()
    with GraphStore(tmp_path, read_only=True) as store:
        assert isomorphic(store.graph, build_graph(chip_extractions()))


def test_commands_open_a_file_or_a_store(tmp_path: Path) -> None:
    _filled(tmp_path / "store", chip_extractions()).close()
    path = save_graph(build_graph(chip_extractions()), tmp_path / "g.nt")
    assert isomorphic(open_graph(None, tmp_path / "store"), open_graph(path, None))
    with pytest.raises(KgError, match="either a graph file or --store"):
        open_graph(path, tmp_path / "store")
    with pytest.raises(KgError, match="either a graph file or --store"):
        open_graph(None, None)


def test_rdflib_view_reads_plain_literals_as_rdflib_writes_them(tmp_path: Path) -> None:
    with _filled(tmp_path, chip_extractions()) as store:
        labels = set(store.graph.objects(entity_iri("IBM"), RDFS.label))
        assert labels == {Literal("IBM")}
        assert next(iter(labels)).datatype is None
