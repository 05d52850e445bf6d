"""kg's data files (``ontologies/``): where they are, and reading them with errors that name
the file and the key.

The vocabulary (``kg.ttl``), the shapes, the relation frames, the lexicon and the gazetteer
ship inside kg as ``kg.ontologies``. The environment variable ``KG_ONTOLOGIES`` names a folder
whose files are read instead, where it holds them (a file it lacks comes from kg's own): to try
out a change of the vocabulary or the patterns without touching the installed kg.

>>> data_path("kg.ttl").name
'kg.ttl'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from kg.errors import DataError

ENVIRONMENT = "KG_ONTOLOGIES"
"""The environment variable naming a folder of data files read in place of kg's own."""


def data_path(name: str) -> Path:
    """The data file (or folder) ``name`` of ``ontologies/``: the one in ``$KG_ONTOLOGIES`` if
    that folder holds it, else kg's own.

    >>> data_path("gazetteer").is_dir()
    True
    """
    override = os.environ.get(ENVIRONMENT)
    if override and Path(override, name).exists():
        return Path(override, name)
    return Path(str(resources.files("kg.ontologies") / name))


def read_yaml(path: Path) -> dict[str, Any]:
    """Parse a YAML data file that must hold a mapping, naming the file on errors."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise DataError(f"{path}: invalid YAML ({err})") from err
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a mapping at the top level")
    return data


def check_keys(
    data: Mapping[str, Any],
    where: str,
    *,
    required: Iterable[str] = (),
    optional: Iterable[str] = (),
) -> None:
    """Raise :class:`~kg.errors.DataError` naming ``where`` and the key if ``data`` lacks a
    ``required`` key or holds one that is neither required nor ``optional``.

    >>> check_keys({"verbs": [], "colour": 1}, "relations.yml: frame 3", optional=["verbs"])
    Traceback (most recent call last):
    kg.errors.DataError: relations.yml: frame 3: unknown key 'colour'; known: verbs
    """
    required, optional = tuple(required), tuple(optional)
    missing = [key for key in required if key not in data]
    if missing:
        raise DataError(f"{where}: lacks {missing[0]!r}")
    unknown = sorted(set(data) - set(required) - set(optional))
    if unknown:
        known = ", ".join(sorted({*required, *optional}))
        raise DataError(f"{where}: unknown key {unknown[0]!r}; known: {known}")


def word_list(value: object, where: str) -> tuple[str, ...]:
    """``value`` as a tuple of words, or a :class:`~kg.errors.DataError` naming ``where``.

    >>> word_list(["a", "b"], "lexicon.yml: honorifics")
    ('a', 'b')
    """
    if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
        raise DataError(f"{where}: must be a list of strings")
    return tuple(value)
