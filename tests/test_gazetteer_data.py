"""The gazetteer data (``ontologies/gazetteer/*.jsonl``) is well-formed and unambiguous.

These checks guard the EntityRuler and the linker: every surface form must lead to exactly one
entity, every cross-reference (country, parent, product, member) must resolve, and the ISO part
of the country and place lists must be what ``scripts/make_countries.py`` and
``scripts/make_places.py`` produce.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "ontologies" / "gazetteer"

COMMON_KEYS = ("label", "type", "qid", "aliases")
KEYS = {
    "countries.jsonl": (*COMMON_KEYS[:3], "iso2", "aliases", "demonyms", "capitals", "metonyms"),
    "bodies.jsonl": (*COMMON_KEYS, "country", "parent", "head_titles", "official_titles"),
    "alliances.jsonl": (*COMMON_KEYS, "members"),
    "companies.jsonl": (*COMMON_KEYS, "country", "sector", "products", "parent"),
    "products.jsonl": COMMON_KEYS,
    "places.jsonl": (*COMMON_KEYS, "country"),
    "people.jsonl": (*COMMON_KEYS, "country"),
}
TYPES = {
    "countries.jsonl": {"Country"},
    "bodies.jsonl": {"GovernmentBody"},
    "alliances.jsonl": {"Alliance", "Organization"},
    "companies.jsonl": {"Company"},
    "products.jsonl": {"Product"},
    "places.jsonl": {"Place"},
    "people.jsonl": {"Person"},
}
LIST_KEYS = {
    "aliases",
    "demonyms",
    "capitals",
    "metonyms",
    "head_titles",
    "official_titles",
    "members",
    "products",
}
# Keys whose values are surface forms the matcher looks for in text.
SURFACE_KEYS = ("aliases", "demonyms", "capitals", "metonyms")
NAME_FILES = (
    "countries.jsonl",
    "bodies.jsonl",
    "alliances.jsonl",
    "companies.jsonl",
    "places.jsonl",
    "people.jsonl",
)
SECTORS = {
    "semiconductors",
    "semiconductor-equipment",
    "electronics",
    "ev-batteries",
    "automotive",
    "critical-minerals",
    "telecoms",
    "solar",
    "pharmaceuticals",
    "drones-surveillance",
    "industrial",
    "steel-aluminium",
    "tech-platforms",
    "energy",
    "shipping",
}
MINIMUM_RECORDS = {
    "countries.jsonl": 249,
    "companies.jsonl": 400,
    "products.jsonl": 80,
    "places.jsonl": 1400,
    "people.jsonl": 250,
}
# Files whose records name their country, and those where "European Union" may stand in for one
# (EU institutions and officials).
COUNTRY_FILES = ("bodies.jsonl", "companies.jsonl", "places.jsonl", "people.jsonl")
EU_AS_COUNTRY = {"bodies.jsonl", "people.jsonl"}
QID = re.compile(r"^Q[1-9][0-9]*$")
# English words, personal names and names shared by places in several countries.
AMBIGUOUS_PLACE_NAMES = (
    "Reading",
    "Bath",
    "Mobile",
    "Orange",
    "Nice",
    "Split",
    "Victoria",
    "Taylor",
    "Normal",
    "Commerce",
    "Liberty",
    "Sparks",
    "Charlotte",
    "Punjab",
    "Limburg",
    "Santiago",
    "Batman",
)


@cache
def records(name: str) -> tuple[dict, ...]:
    """The records of one gazetteer file, in file order."""
    lines = (GAZETTEER / name).read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines)


def labels(name: str) -> set[str]:
    return {record["label"] for record in records(name)}


def surface_forms(record: dict) -> Iterator[tuple[str, str]]:
    """(key, form) for every surface form of a record."""
    for key in SURFACE_KEYS:
        for form in record.get(key, ()):
            yield key, form


def form_owners(*names: str) -> dict[str, dict]:
    """Surface form (label or alias) -> the record it names, over the given files."""
    return {
        form: record
        for name in names
        for record in records(name)
        for form in [record["label"], *record["aliases"]]
    }


@pytest.mark.parametrize("name", sorted(KEYS))
def test_every_line_is_one_json_object(name: str) -> None:
    text = (GAZETTEER / name).read_text(encoding="utf-8")
    assert text.endswith("\n")
    for number, line in enumerate(text.splitlines(), start=1):
        assert line.strip(), f"{name}:{number}: blank line"
        assert isinstance(json.loads(line), dict), f"{name}:{number}: not an object"


@pytest.mark.parametrize("name", sorted(KEYS))
def test_keys_come_in_the_documented_order(name: str) -> None:
    for record in records(name):
        assert tuple(record) == KEYS[name], record["label"]


@pytest.mark.parametrize("name", sorted(KEYS))
def test_values_have_the_documented_types(name: str) -> None:
    for record in records(name):
        where = f"{name}: {record['label']!r}"
        assert record["type"] in TYPES[name], where
        assert record["qid"] is None or QID.match(record["qid"]), where
        for key, value in record.items():
            if key in LIST_KEYS:
                assert isinstance(value, list), f"{where}: {key}"
                assert len(value) == len(set(value)), f"{where}: {key} repeats an item"
                strings = value
            elif key in ("qid", "parent"):
                strings = [value] if value is not None else []
            else:
                strings = [value]
            for item in strings:
                assert isinstance(item, str) and item, f"{where}: {key}"
                assert item == item.strip() and "  " not in item, f"{where}: {key} {item!r}"


@pytest.mark.parametrize("name", sorted(KEYS))
def test_lines_are_sorted_by_label(name: str) -> None:
    file_labels = [record["label"] for record in records(name)]
    assert file_labels == sorted(file_labels)


@pytest.mark.parametrize("name", sorted(MINIMUM_RECORDS))
def test_files_hold_the_required_number_of_records(name: str) -> None:
    assert len(records(name)) >= MINIMUM_RECORDS[name]


def test_labels_are_unique_across_all_files() -> None:
    owners = defaultdict(list)
    for name in KEYS:
        for record in records(name):
            owners[record["label"]].append(name)
    assert {label: files for label, files in owners.items() if len(files) > 1} == {}


def test_qids_name_one_entity_each() -> None:
    owners = defaultdict(list)
    for name in KEYS:
        for record in records(name):
            if record["qid"]:
                owners[record["qid"]].append(record["label"])
    assert {qid: names for qid, names in owners.items() if len(names) > 1} == {}


def test_no_entity_lists_its_own_label_as_a_surface_form() -> None:
    repeats = [
        (record["label"], key)
        for name in KEYS
        for record in records(name)
        for key, form in surface_forms(record)
        if form == record["label"]
    ]
    assert repeats == []


def test_aliases_have_no_leading_article() -> None:
    articled = [
        (record["label"], form)
        for name in KEYS
        for record in records(name)
        for form in record["aliases"] + record.get("metonyms", [])
        if form.split(" ", 1)[0] in ("the", "The")
    ]
    assert articled == []


def test_name_surface_forms_lead_to_one_entity() -> None:
    """Case-sensitive: a form may not name two entities, nor be another entity's label."""
    owners = defaultdict(set)
    for name in NAME_FILES:
        for record in records(name):
            owners[record["label"]].add(record["label"])
            for _, form in surface_forms(record):
                owners[form].add(record["label"])
    shared = {form: sorted(entities) for form, entities in owners.items() if len(entities) > 1}
    assert shared == {}


def test_product_forms_lead_to_one_product_ignoring_case() -> None:
    owners = defaultdict(set)
    for record in records("products.jsonl"):
        for form in [record["label"], *record["aliases"]]:
            owners[form.casefold()].add(record["label"])
    assert {form: sorted(o) for form, o in owners.items() if len(o) > 1} == {}


def test_product_aliases_are_written_in_lower_case() -> None:
    # Products match case-insensitively, so their aliases are lower case; a label keeps the
    # case of a proper name ("iPhone") and then also appears lower-cased among the aliases.
    for record in records("products.jsonl"):
        for form in record["aliases"]:
            assert form == form.lower(), form
        label = record["label"]
        assert label == label.lower() or label.lower() in record["aliases"], label


def test_iso_codes_are_unique_two_letter_codes() -> None:
    codes = [record["iso2"] for record in records("countries.jsonl")]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in codes)


def test_demonyms_start_with_a_capital() -> None:
    lower = [
        demonym
        for record in records("countries.jsonl")
        for demonym in record["demonyms"]
        if not demonym[0].isupper()
    ]
    assert lower == []


@pytest.mark.parametrize("name", COUNTRY_FILES)
def test_home_countries_exist(name: str) -> None:
    known = labels("countries.jsonl") | ({"European Union"} if name in EU_AS_COUNTRY else set())
    assert {r["country"] for r in records(name)} - known == set()


@pytest.mark.parametrize("name", ["bodies.jsonl", "companies.jsonl"])
def test_parents_exist_in_the_same_file(name: str) -> None:
    parents = {r["parent"] for r in records(name) if r["parent"]}
    assert parents - labels(name) == set()


@pytest.mark.parametrize("name", ["bodies.jsonl", "companies.jsonl"])
def test_no_entity_is_its_own_ancestor(name: str) -> None:
    parent_of = {r["label"]: r["parent"] for r in records(name)}
    for label in parent_of:
        seen, current = set(), label
        while current is not None:
            assert current not in seen, f"{name}: parent cycle through {label!r}"
            seen.add(current)
            current = parent_of.get(current)


def test_alliance_members_are_countries_or_alliances() -> None:
    known = labels("countries.jsonl") | labels("alliances.jsonl")
    members = {m for r in records("alliances.jsonl") for m in r["members"]}
    assert members - known == set()


def test_company_products_and_sectors_are_known() -> None:
    products = labels("products.jsonl")
    for record in records("companies.jsonl"):
        assert record["sector"] in SECTORS, record["label"]
        assert set(record["products"]) - products == set(), record["label"]


def test_head_and_official_titles_are_unambiguous_within_a_country() -> None:
    owners = defaultdict(set)
    for record in records("bodies.jsonl"):
        for title in record["head_titles"] + record["official_titles"]:
            owners[(record["country"], title)].add(record["label"])
    assert {key: sorted(o) for key, o in owners.items() if len(o) > 1} == {}


@pytest.mark.skipif(
    importlib.util.find_spec("pycountry") is None,
    reason="pycountry (a dev-only dependency of scripts/make_countries.py) is not installed",
)
def test_country_file_is_what_the_generator_writes() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_countries.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("form", "country"),
    [
        ("Kumamoto", "Japan"),
        ("Hamburg", "Germany"),
        ("Nijmegen", "Netherlands"),
        ("Vidalia", "United States"),
        ("Louisiana", "United States"),
        ("Xinjiang", "China"),
        ("Tamil Nadu", "India"),
        ("Arizona", "United States"),
        ("Bavaria", "Germany"),
        ("Gyeonggi", "South Korea"),
        ("Hsinchu", "Taiwan"),
        ("Calif.", "United States"),
        ("Biden", "United States"),
        ("President Biden", "United States"),
        ("Xi", "China"),
        ("Kishida", "Japan"),
        ("von der Leyen", "European Union"),
    ],
)
def test_places_and_people_lead_to_their_country(form: str, country: str) -> None:
    assert form_owners("places.jsonl", "people.jsonl")[form]["country"] == country


@pytest.mark.parametrize("word", AMBIGUOUS_PLACE_NAMES)
def test_ambiguous_words_are_not_places(word: str) -> None:
    assert word not in form_owners("places.jsonl")


def test_capitals_are_not_repeated_as_places() -> None:
    capitals = {c for record in records("countries.jsonl") for c in record["capitals"]}
    assert capitals & set(form_owners("places.jsonl")) == set()


@pytest.mark.skipif(
    importlib.util.find_spec("pycountry") is None,
    reason="pycountry (a dev-only dependency of scripts/make_places.py) is not installed",
)
def test_place_file_is_what_the_generator_writes() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_places.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
