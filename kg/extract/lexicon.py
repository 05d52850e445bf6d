"""Word lists for linking, titles, lists and descriptions, read from ``ontologies/lexicon.yml``.

Every key of the file is required and no other is read: a missing or unknown key, or a value
of the wrong shape, is a :class:`~kg.errors.DataError` naming the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache, cached_property
from pathlib import Path

from kg.data import check_keys, data_path, read_yaml, word_list
from kg.errors import DataError


@dataclass(frozen=True)
class Lexicon:
    """The lists of ``lexicon.yml`` (what each is for is said there), as tuples of strings.

    >>> "Inc." in load_lexicon().legal_suffixes, load_lexicon().number_words["five"]
    (True, 5)
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
    organisation_official_titles: tuple[str, ...]
    bullets: tuple[str, ...]
    joint_venture_words: tuple[str, ...]
    money_words: tuple[str, ...]
    title_skip_words: tuple[str, ...]
    number_words: dict[str, int]
    referring_pronouns: tuple[str, ...]
    publisher_pronouns: tuple[str, ...]

    def legal_words(self) -> frozenset[str]:
        """The words of the legal suffixes, lower case ("co.", "ltd.", "llc"): never a name
        alone.

        >>> {"ltd.", "llc"} <= load_lexicon().legal_words()
        True
        """
        words = (w for suffix in self.legal_suffixes for w in suffix.replace(",", " ").split())
        return frozenset(w.lower() for w in words)

    def is_legal_designator(self, name: str) -> bool:
        """Whether ``name`` is nothing but legal designators ("Limited", "Co., Ltd."): the end
        of a company's name the NER split off, never a name alone.

        >>> lexicon = load_lexicon()
        >>> lexicon.is_legal_designator("Co., Ltd."), lexicon.is_legal_designator("Ltd Motors")
        (True, False)
        """
        words = [w.strip(".").lower() for w in name.replace(",", " ").split()]
        return bool(words) and all(w in self._undotted_legal_words for w in words)

    @cached_property
    def _undotted_legal_words(self) -> frozenset[str]:
        return frozenset(w.strip(".") for w in self.legal_words())


_MAPPINGS = {"ambiguous_places": str, "number_words": int}
"""The keys that map words to a value (a country's label, a number) instead of listing them."""


@cache
def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read and check ``lexicon.yml`` (default: :func:`~kg.data.data_path`'s)."""
    path = path or data_path("lexicon.yml")
    data = read_yaml(path)
    check_keys(data, str(path), required=[f.name for f in fields(Lexicon)])
    values: dict[str, object] = {}
    for f in fields(Lexicon):
        where, value = f"{path}: {f.name}", data[f.name]
        kind = _MAPPINGS.get(f.name)
        if kind is None:
            values[f.name] = word_list(value, where)
        elif isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, kind) and not isinstance(v, bool)
            for k, v in value.items()
        ):
            values[f.name] = dict(value)
        else:
            raise DataError(f"{where}: must map words to {kind.__name__} values")
    return Lexicon(**values)  # type: ignore[arg-type]
