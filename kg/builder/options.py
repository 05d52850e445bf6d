"""How a build runs: :class:`BuildOptions`, every setting of :func:`kg.build` in one value."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, get_args

from kg.errors import KgError
from kg.ingest.files import MAX_FILE_BYTES

Inputs = Iterable[str | os.PathLike[str]]
Engine = Literal["local", "dask"]

PARTITION = 200
"""Articles per Dask task (about 70,000 words of news: tens of seconds of work)."""


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Every setting of a build besides its inputs and output (see :func:`kg.build`).

    ``model``, ``gazetteer`` and ``relations`` (a relation model directory, or
    ``"frames-only"``) choose the pipeline; ``strict`` stops at the first problem;
    ``store`` is an on-disk store to add to; ``infer`` adds what the ontology implies;
    ``timestamp`` records the extraction time; ``jobs`` worker processes extract, each article
    within ``time_limit`` seconds per 100,000 characters; ``exclude`` holds glob patterns of
    paths to leave out of folders; files read whole (not JSON Lines) over ``max_bytes`` are
    problems. ``engine="dask"`` extracts on a Dask cluster: the scheduler
    at ``scheduler`` (else a local cluster of ``jobs`` workers), ``partition`` articles a task,
    shards kept in ``shards`` and pushed to ``endpoint`` if given.

    >>> BuildOptions(store="kgstore", exclude=["drafts"]).store
    PosixPath('kgstore')
    >>> BuildOptions(endpoint="http://localhost:7878/store")
    Traceback (most recent call last):
    kg.errors.KgError: --endpoint, --scheduler and --shards need --engine dask
    """

    model: str | None = None
    gazetteer: Path | None = None
    relations: str | None = None
    strict: bool = False
    store: Path | None = None
    infer: bool = False
    timestamp: bool = True
    jobs: int = 1
    time_limit: float | None = None
    engine: Engine = "local"
    scheduler: str | None = None
    shards: Path | None = None
    endpoint: str | None = None
    partition: int = PARTITION
    exclude: tuple[str, ...] = ()
    max_bytes: int = MAX_FILE_BYTES

    def __post_init__(self) -> None:
        # Paths given as text, and any iterable of patterns, are taken as users write them.
        for name in ("gazetteer", "store", "shards"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Path):
                object.__setattr__(self, name, Path(value))
        object.__setattr__(self, "exclude", tuple(self.exclude or ()))
        object.__setattr__(self, "partition", self.partition or PARTITION)
        if self.engine not in get_args(Engine):
            raise KgError(
                f"unknown engine {self.engine!r}; use one of {', '.join(get_args(Engine))}"
            )
        dask_only = (self.endpoint, self.scheduler, self.shards)
        if self.engine != "dask" and any(value is not None for value in dask_only):
            raise KgError("--endpoint, --scheduler and --shards need --engine dask")

    @classmethod
    def of(cls, options: BuildOptions | None = None, **settings: Any) -> BuildOptions:
        """``options`` (else the defaults) with ``settings`` changed; an unknown setting is a
        :class:`TypeError` that names it.

        >>> BuildOptions.of(jobs=4).jobs, BuildOptions.of(BuildOptions(jobs=4), infer=True).jobs
        (4, 4)
        """
        known = {field.name for field in fields(cls)}
        unknown = sorted(set(settings) - known)
        if unknown:
            raise TypeError(f"unknown build setting {unknown[0]!r}; use one of {sorted(known)}")
        return replace(options or cls(), **settings)

    def extraction_time(self) -> datetime | None:
        """This run's time, to record on every new statement, or ``None`` without ``timestamp``."""
        return datetime.now(UTC).replace(microsecond=0) if self.timestamp else None
