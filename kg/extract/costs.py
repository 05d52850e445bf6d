"""How sure a fact is: the costs and fixed confidences of ``ontologies/costs.yml``.

A fact's confidence is its frame's (``relations.yml``) times the cost of each step the rules
took to reach its subject and its object; facts stated by a description have fixed
confidences; derived facts cost a factor of the facts they come from. Every key of the file is
required and no other is read: a missing, unknown or out-of-range key is a
:class:`~kg.errors.DataError` naming the file and the key.

>>> load_costs().arguments.apposition
0.95
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

from kg.data import check_keys, data_path, read_yaml
from kg.errors import DataError


@dataclass(frozen=True, slots=True)
class ArgumentCosts:
    """The cost of each indirection in finding an argument (see costs.yml for examples)."""

    relative_pronoun: float
    apposition: float
    copula: float
    group_of: float
    name_within: float
    place_phrase: float
    place_country: float
    located_in: float
    modifier: float
    copular_verb: float
    clause_head: float
    controller: float
    governing_verb: float
    support_verb: float
    framing_phrase: float
    context: float
    maker: float
    search_step: float
    product_phrase: float


@dataclass(frozen=True, slots=True)
class DerivedCosts:
    """What a fact derived from others costs, times the (least) confidence of those."""

    propagated: float
    joint_venture: float
    list_member: float


@dataclass(frozen=True, slots=True)
class DescriptionConfidence:
    """The fixed confidence of each fact a description or a title states."""

    possessive: float
    nationality: float
    maker: float
    title: float
    organisation_leader: float
    organisation_official: float
    country_leader: float
    known_leader: float
    main_country_leader: float
    country_official: float
    list_nationality: float


@dataclass(frozen=True, slots=True)
class Costs:
    """The three sections of costs.yml."""

    arguments: ArgumentCosts
    derived: DerivedCosts
    descriptions: DescriptionConfidence


_SECTIONS: dict[str, type[Any]] = {
    "arguments": ArgumentCosts,
    "derived": DerivedCosts,
    "descriptions": DescriptionConfidence,
}


@cache
def load_costs(path: Path | None = None) -> Costs:
    """Read and check ``costs.yml`` (default: :func:`~kg.data.data_path`'s)."""
    path = path or data_path("costs.yml")
    data = read_yaml(path)
    check_keys(data, str(path), required=_SECTIONS)
    sections = {
        name: _section(data[name], kind, f"{path}: {name}") for name, kind in _SECTIONS.items()
    }
    return Costs(**sections)


def _section(raw: object, kind: type[Any], where: str) -> Any:
    if not isinstance(raw, dict):
        raise DataError(f"{where}: must map names to numbers")
    names = [field.name for field in fields(kind)]
    check_keys(raw, where, required=names)
    for name in names:
        value = raw[name]
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
            raise DataError(f"{where}: {name} must be a number in (0, 1], not {value!r}")
    return kind(**{name: float(raw[name]) for name in names})
