"""Word lists for linking and titles, read from ``ontologies/lexicon.yml``."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

from kg.data import data_path, read_yaml
from kg.errors import DataError


@dataclass(frozen=True)
class Lexicon:
    """The lists of ``lexicon.yml``, as tuples of strings.

    >>> "Inc." in load_lexicon().legal_suffixes
    True
    """

    legal_suffixes: tuple[str, ...]
    government_words: tuple[str, ...]
    company_words: tuple[str, ...]
    company_nouns: tuple[str, ...]
    maker_nouns: tuple[str, ...]
    facility_words: tuple[str, ...]
    company_anaphors: tuple[str, ...]
    honorifics: tuple[str, ...]
    ambiguous_places: dict[str, str]
    country_leader_titles: tuple[str, ...]
    country_official_titles: tuple[str, ...]
    organisation_leader_titles: tuple[str, ...]


@cache
def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read ``lexicon.yml`` (default: kg's own)."""
    path = path or data_path("lexicon.yml")
    data = read_yaml(path)
    values: dict[str, object] = {}
    for f in fields(Lexicon):
        words = data.get(f.name)
        if f.name == "ambiguous_places":
            if not isinstance(words, dict):
                raise DataError(f"{path}: 'ambiguous_places' must map names to countries")
            values[f.name] = dict(words)
            continue
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise DataError(f"{path}: '{f.name}' must be a list of strings")
        values[f.name] = tuple(words)
    return Lexicon(**values)
