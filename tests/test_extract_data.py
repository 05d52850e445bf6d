"""Extraction's knowledge is data (relations.yml, lexicon.yml, costs.yml, the gazetteer), and
every key of it is checked: a missing, unknown or ill-typed one names the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kg.data import data_path
from kg.errors import DataError
from kg.extract.costs import load_costs
from kg.extract.frames import MODALITY_CUES, load_frames
from kg.extract.gazetteer import Gazetteer
from kg.extract.lexicon import load_lexicon
from kg.extract.relational_nouns import load_relational_nouns


def _edited(tmp_path: Path, name: str, edit) -> Path:
    """A copy of kg's data file ``name`` in ``tmp_path``, its parsed content changed by ``edit``."""
    data = yaml.safe_load(data_path(name).read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["frames"][0].update(colour="red"), r"frame 1: unknown key 'colour'"),
        (lambda d: d["frames"][2].pop("subject"), r"frame 3: lacks 'subject'"),
        (lambda d: d["words"].pop("support_verbs"), r"words: lacks 'support_verbs'"),
        (lambda d: d["words"].update(colour_words=["red"]), r"words: unknown key 'colour_words'"),
        (lambda d: d["modality"].pop("reported_words"), r"modality: lacks 'reported_words'"),
        (lambda d: d["modality"].update(negation=["not"]), r"modality: unknown key 'negation'"),
        (lambda d: d["modality"].update(negating_determiners=[False]), r"negating_determiners"),
        (lambda d: d.update(patterns=[]), r"unknown key 'patterns'"),
    ],
    ids=[
        "frame-key", "frame-lacks", "word-list-lacks", "word-list-unknown", "modality-lacks",
        "modality-unknown", "modality-not-words", "top-level",
    ],
)  # fmt: skip
def test_relations_yml_names_file_and_key_of_a_bad_entry(tmp_path, edit, message) -> None:
    path = _edited(tmp_path, "relations.yml", edit)
    with pytest.raises(DataError, match=message) as raised:
        load_frames(path)
    assert str(path) in str(raised.value)


def test_every_modality_cue_kind_is_in_relations_yml() -> None:
    assert set(load_frames().modality) == set(MODALITY_CUES)
    assert load_frames().modality["negating_determiners"] == frozenset({"no"})


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.pop("bullets"), r"lacks 'bullets'"),
        (lambda d: d.update(colours=["red"]), r"unknown key 'colours'"),
        (lambda d: d.update(honorifics="Mr."), r"honorifics: must be a list of strings"),
        (lambda d: d["number_words"].update(dozen="12"), r"number_words: must map words to int"),
    ],
    ids=["lacks", "unknown", "not-a-list", "not-a-number"],
)
def test_lexicon_yml_names_file_and_key_of_a_bad_entry(tmp_path, edit, message) -> None:
    path = _edited(tmp_path, "lexicon.yml", edit)
    with pytest.raises(DataError, match=message) as raised:
        load_lexicon(path)
    assert str(path) in str(raised.value)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["arguments"].pop("apposition"), r"arguments: lacks 'apposition'"),
        (lambda d: d["derived"].update(guess=0.5), r"derived: unknown key 'guess'"),
        (lambda d: d["descriptions"].update(title=1.5), r"descriptions: title must be a number"),
        (lambda d: d.pop("derived"), r"lacks 'derived'"),
    ],
    ids=["lacks", "unknown", "out-of-range", "section-lacks"],
)
def test_costs_yml_names_file_and_key_of_a_bad_entry(tmp_path, edit, message) -> None:
    path = _edited(tmp_path, "costs.yml", edit)
    with pytest.raises(DataError, match=message) as raised:
        load_costs(path)
    assert str(path) in str(raised.value)


def test_the_word_lists_that_moved_to_data_hold_what_the_rules_used() -> None:
    lexicon, words = load_lexicon(), load_frames().words
    assert "".join(lexicon.bullets) == "•·-–—*▪◦●"  # noqa: RUF001  (dashes used as bullets)
    assert lexicon.number_words["twelve"] == 12 and " JV" in lexicon.joint_venture_words
    assert words.relative_pronouns == {"that", "which", "who", "whom", "whose"}
    assert load_costs().derived.propagated == 0.9


def test_gazetteer_checks_parent_references_but_does_not_load_them() -> None:
    records = [
        {"label": "U.S. Department of Commerce", "type": "GovernmentBody", "parent": None},
        {"label": "BIS", "type": "GovernmentBody", "parent": "U.S. Department of Commerce"},
    ]
    gazetteer = Gazetteer.from_records(records)
    assert not hasattr(gazetteer, "parents")
    with pytest.raises(DataError, match=r"'BIS' refers to unknown entity 'Commerce'"):
        Gazetteer.from_records([{**records[1], "parent": "Commerce"}])


def test_gazetteer_loads_alliance_members_and_checks_them() -> None:
    records = [
        {"label": "Chile", "type": "Country"},
        {"label": "Peru", "type": "Country"},
        {"label": "Andean Pact", "type": "Alliance", "members": ["Chile", "Peru"]},
    ]
    assert Gazetteer.from_records(records).members == {"Andean Pact": {"Chile", "Peru"}}
    with pytest.raises(DataError, match=r"'Andean Pact' refers to unknown entity 'Bolivia'"):
        Gazetteer.from_records([*records[:2], {**records[2], "members": ["Chile", "Bolivia"]}])


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["nouns"][0].update(predicate="befriends"), r"nouns #1: 'befriends' is no"),
        (lambda d: d["nouns"][1].update(described="owner"), r"nouns #2: described must be"),
        (lambda d: d["nouns"][2].update(owner_types=["Planet"]), r"nouns #3: owner_types"),
        (lambda d: d["nouns"][0].pop("words"), r"nouns #1: lacks 'words'"),
        (lambda d: d.pop("member_kinds"), r"lacks 'member_kinds'"),
        (
            lambda d: d["nouns"][3]["words"].append("member"),
            r"nouns #4: 'member' is already a word of nouns #1",
        ),
    ],
    ids=["predicate", "described", "types", "lacks-words", "lacks-kinds", "word-twice"],
)
def test_relational_nouns_yml_names_file_and_entry_of_a_bad_one(tmp_path, edit, message) -> None:
    path = _edited(tmp_path, "relational_nouns.yml", edit)
    with pytest.raises(DataError, match=message) as raised:
        load_relational_nouns(path)
    assert str(path) in str(raised.value)
