"""The gazetteer: known entities, their aliases and titles, read from ``ontologies/gazetteer/``.

Each ``*.jsonl`` file there holds one entity a line (format: ``ontologies/gazetteer/README.md``).
This module turns them into lookup tables for the linker and phrase patterns for spaCy's
EntityRuler. Names match case-sensitively ("US" is a country, "us" is not); products and
titles match case-insensitively.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kg.data import data_path
from kg.errors import DataError
from kg.model import ENTITY_TYPES, Entity

GAZETTEER_FILES = ("countries", "bodies", "alliances", "companies", "products", "places", "people")

# Labels given to gazetteer spans in ``doc.ents``; the linker reads the entity from the span id.
NAME_LABEL = "KG_NAME"
DEMONYM_LABEL = "KG_DEMONYM"
PRODUCT_LABEL = "KG_PRODUCT"
TITLE_LABEL = "KG_TITLE"


@dataclass(frozen=True, slots=True)
class Title:
    """A title that makes its holder the head (or an official) of an entity.

    >>> Title("Secretary of Commerce", "U.S. Department of Commerce", "leaderOf").predicate
    'leaderOf'
    """

    text: str
    holder_of: str
    """Canonical label of the body (or country) the title belongs to."""
    predicate: str
    """``leaderOf`` for heads, ``officialOf`` for other officials."""
    country: str | None = None


@dataclass(frozen=True)
class Gazetteer:
    """Known entities with their surface forms.

    >>> gz = Gazetteer.from_records([{"label": "Japan", "type": "Country", "aliases": ["JP"]}])
    >>> gz.lookup("JP").label
    'Japan'
    """

    entities: dict[str, Entity] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    """Surface form (case-sensitive) -> canonical label, for names, capitals and metonyms."""
    demonyms: dict[str, str] = field(default_factory=dict)
    """Demonym ("Chinese") -> country label."""
    products: dict[str, str] = field(default_factory=dict)
    """Lower-cased surface form -> product label."""
    titles: tuple[Title, ...] = ()
    members: dict[str, frozenset[str]] = field(default_factory=dict)
    """Alliance label -> the labels of its members (the records' ``members``)."""

    @classmethod
    def from_records(
        cls, records: Iterable[dict[str, Any]], *, where: str = "<records>"
    ) -> Gazetteer:
        """Build a gazetteer from parsed JSON records (one per entity).

        A record's ``parent`` (a body's or company's) is not loaded: extraction does not use it
        (the data tests keep it sound); an alliance's ``members`` tell which alliance a list of
        "member states" belongs to. A ``country``, ``parent`` or member that names no entity is
        a :class:`~kg.errors.DataError`.
        """
        gz = cls()
        titles: list[Title] = []
        references: list[tuple[str, str]] = []
        for number, record in enumerate(records, start=1):
            gz._add(record, f"{where}#{number}", titles)
            label = record["label"]
            refs = (record.get("country"), record.get("parent"), *record.get("members", ()))
            references += [(label, ref) for ref in refs if ref]
            if record.get("members"):
                gz.members[label] = frozenset(record["members"])
        object.__setattr__(gz, "titles", tuple(titles))
        for label, ref in references:
            if ref not in gz.entities:
                raise DataError(f"{where}: {label!r} refers to unknown entity {ref!r}")
        return gz

    def lookup(self, text: str) -> Entity | None:
        """The entity a name stands for, or None.

        Tries the name as written, then without a leading "the" and a trailing possessive.
        """
        for form in _name_variants(text):
            label = self.names.get(form)
            if label is not None:
                return self.entities[label]
        return None

    def lookup_demonym(self, text: str) -> Entity | None:
        """The country a demonym ("Chinese", "South Korean") stands for, or None."""
        label = self.demonyms.get(text)
        return self.entities[label] if label is not None else None

    def lookup_product(self, text: str) -> Entity | None:
        """The product class a phrase names ("memory chips", "DRAM"), or None."""
        label = self.products.get(_fold(text))
        return self.entities[label] if label is not None else None

    def name_patterns(self) -> list[dict[str, str]]:
        """EntityRuler phrase patterns (match on ORTH) for names, demonyms, capitals, metonyms."""
        patterns = [
            {"label": NAME_LABEL, "pattern": form, "id": lab} for form, lab in self.names.items()
        ]
        patterns += [
            {"label": DEMONYM_LABEL, "pattern": form, "id": lab}
            for form, lab in self.demonyms.items()
        ]
        return patterns

    def product_patterns(self) -> list[dict[str, str]]:
        """EntityRuler phrase patterns (match on LOWER) for product classes."""
        return [
            {"label": PRODUCT_LABEL, "pattern": form, "id": lab}
            for form, lab in self.products.items()
        ]

    # -- building -------------------------------------------------------------------------

    def _add(self, record: dict[str, Any], where: str, titles: list[Title]) -> None:
        label, kind = record.get("label"), record.get("type")
        if not isinstance(label, str) or not label.strip():
            raise DataError(f"{where}: 'label' must be a non-empty string")
        if kind not in ENTITY_TYPES:
            raise DataError(f"{where}: type {kind!r} of {label!r} is not one of {ENTITY_TYPES}")
        if label in self.entities:
            raise DataError(f"{where}: {label!r} is listed twice")
        self.entities[label] = Entity(
            label, kind, qid=record.get("qid"), country=record.get("country")
        )
        if kind == "Product":
            for form in [label, *record.get("aliases", ())]:
                self._claim(self.products, _fold(form), label, where)
            return
        forms = [
            label,
            *(f for key in ("aliases", "capitals", "metonyms") for f in record.get(key, ())),
        ]
        for form in forms:
            self._claim(self.names, form, label, where)
        for form in record.get("demonyms", ()):
            self._claim(self.demonyms, form, label, where)
        for key, predicate in (("head_titles", "leaderOf"), ("official_titles", "officialOf")):
            titles.extend(
                Title(text, label, predicate, record.get("country")) for text in record.get(key, ())
            )

    @staticmethod
    def _claim(table: dict[str, str], form: str, label: str, where: str) -> None:
        owner = table.setdefault(form, label)
        if owner != label:
            raise DataError(f"{where}: {form!r} names both {owner!r} and {label!r}")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().replace("’", "'")


def _name_variants(text: str) -> Iterator[str]:
    """The forms under which a name may be listed: as written, without "the", without "'s"."""
    for form in dict.fromkeys((" ".join(text.split()), " ".join(text.split()).replace("’", "'"))):
        yield form
        for prefix in ("the ", "The "):
            if form.startswith(prefix):
                form = form[len(prefix) :]
                yield form
        for suffix in ("'s", "’s", "'", "’"):
            if form.endswith(suffix):
                yield form[: -len(suffix)]


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of a JSON Lines data file, naming ``file:line`` on bad lines."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise DataError(f"{path}:{number}: invalid JSON ({err.msg})") from err
            if not isinstance(record, dict):
                raise DataError(f"{path}:{number}: expected a JSON object")
            yield record


def default_gazetteer_dir() -> Path:
    """The gazetteer shipped with kg (``ontologies/gazetteer``)."""
    return data_path("gazetteer")


@cache
def load_gazetteer(directory: Path | None = None) -> Gazetteer:
    """Read every gazetteer file in ``directory`` (default: kg's own).

    >>> load_gazetteer().lookup("U.S.").label
    'United States'
    """
    directory = directory or default_gazetteer_dir()
    paths = [directory / f"{name}.jsonl" for name in GAZETTEER_FILES]
    records = (record for path in paths if path.exists() for record in read_records(path))
    return Gazetteer.from_records(records, where=str(directory))
