"""The entity graph without evidence sentences, kept as columns in a file next to its store.

Reading an on-disk Oxigraph store costs a term lookup for every IRI and literal it hands out
(about 160,000 quads a second on 2 cores; 45-60 s for the 270,000 statements of 100,000
entities), and every ``kg analyze`` would pay it. What :func:`kg.analysis.projection.entity_graph`
reads with ``evidence=False`` — the entities' attributes, each relation triple and, per
statement of it, its article's id and date — is kept in ``kg-projection.npz`` in the store's
folder: plain columns of integers (indexes into one table of values), which load in a fraction
of a second.

The store is the source of truth, and the summary is only ever derived from it: it records the
state of the store's files it was made from (:func:`kg.store.disk.store_state`) and is used
only by a graph over the store opened read-only at that very state. Any write to the store
(``kg build --store``, ``kg serve``'s loads, another tool) changes the state, so a summary made
before is *stale*: it is not read, the store is, and a new summary is written for the next
reader. :func:`read_summary` says why a summary was not used.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     state = store_state(tmp)
...     _ = write_summary(Path(tmp), "an older state", Summary.of([("a", {"label": "A"})], []))
...     print(read_summary(Path(tmp), state))
(None, 'the store changed since its summary was made')
"""

from __future__ import annotations

import json
import logging
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import numpy as np
import numpy.typing as npt

from kg.store.atomic import atomic_path
from kg.store.disk import store_state

FILE_NAME = "kg-projection.npz"
"""The summary's file, in the store's folder (:func:`kg.store.disk.store_state` skips it)."""

FORMAT = 1
"""The layout of the file; a file of another layout is not read."""

NODE_FIELDS = ("label", "type", "country", "qid")
"""An entity's attributes, in the projection's order."""

EVIDENCE_FIELDS = (
    "text", "context", "doc", "title", "url", "source", "date", "confidence", "start", "end",
)  # fmt: skip
"""The fields of an evidence dict, in the projection's order; without sentences only ``doc``
and ``date`` are set."""

EDGE_COLUMNS = 7
"""The columns of :attr:`Summary.edges`: subject, object, key, predicate, polarity, first and
last seen."""

Value = str | int | float | bool
"""A value as the projection reads it: text, or a number of a numeric literal."""

_KINDS: tuple[type, ...] = (str, int, float, bool)
_NONE = -1

log = logging.getLogger(__name__)

Node = tuple[str, dict[str, object]]
"""An entity: its id and attributes (:data:`NODE_FIELDS`)."""
Edge = tuple[str, str, str, dict[str, object]]
"""A relation: subject, object, key and attributes (:data:`EDGE_FIELDS`)."""


@dataclass(frozen=True)
class Summary:
    """An entity graph without evidence sentences, as columns.

    ``values`` holds every distinct value (ids, attributes, relation names, article ids and
    dates); the other columns are indexes into it (-1: None), or into ``nodes``: ``nodes``
    (n, 5): id, label, type, country, qid; ``edges`` (m, 7): subject and object (node
    indexes), key, predicate, polarity, first and last seen; ``evidence_ends`` (m,): where each
    edge's evidence ends in ``evidence`` (k, 2): doc and date; ``article_ends`` (m,): where its
    articles end in ``articles`` (a,). An edge's count is its number of evidence records.
    """

    values: tuple[Value, ...]
    nodes: npt.NDArray[np.int32]
    edges: npt.NDArray[np.int32]
    evidence_ends: npt.NDArray[np.int64]
    evidence: npt.NDArray[np.int32]
    article_ends: npt.NDArray[np.int64]
    articles: npt.NDArray[np.int32]

    @classmethod
    def of(cls, nodes: Iterable[Node], edges: Iterable[Edge]) -> Summary:
        """The summary of ``nodes`` and ``edges`` (as :func:`kg.analysis.projection.entity_graph`
        gives them without evidence: an evidence dict sets only ``doc`` and ``date``), in order.

        >>> summary = Summary.of([("a", {"label": "A"}), ("b", {})],
        ...                      [("a", "b", "suppliesTo", {"predicate": "suppliesTo",
        ...                        "evidence": [{"doc": "d1", "date": "2024-01-02"}],
        ...                        "count": 1, "articles": ("d1",)})])
        >>> summary.values, summary.edges.tolist(), summary.evidence.tolist()
        (('a', 'A', 'b', 'suppliesTo', 'd1', '2024-01-02'), [[0, 1, 3, 3, -1, -1, -1]], [[4, 5]])

        Raises ``ValueError`` for an evidence dict with other fields set (a projection with
        evidence sentences), or a count that is not the number of evidence records.
        """
        index: dict[tuple[type, Value], int] = {}

        def at(value: object) -> int:
            if value is None:
                return _NONE
            if not isinstance(value, _KINDS):
                value = str(value)
            assert isinstance(value, Value)  # for mypy: str(), or one of _KINDS
            return index.setdefault((type(value), value), len(index))

        node_rows: list[list[int]] = []
        position: dict[str, int] = {}
        for node, attributes in nodes:
            position[node] = len(node_rows)
            node_rows.append([at(node), *(at(attributes.get(f)) for f in NODE_FIELDS)])
        edge_rows: list[list[int]] = []
        evidence_rows: list[list[int]] = []
        evidence_ends: list[int] = []
        article_rows: list[int] = []
        article_ends: list[int] = []
        for subject, object_, key, attributes in edges:
            edge_rows.append(
                [position[subject], position[object_], at(key)]
                + [at(attributes.get(f)) for f in ("predicate", "polarity")]
                + [at(attributes.get(f)) for f in ("first_seen", "last_seen")]
            )
            items = list(cast(Iterable[dict[str, object]], attributes.get("evidence") or ()))
            if attributes.get("count") != len(items):
                raise ValueError(f"{subject} {key} {object_}: a count of {len(items)} records")
            for item in items:
                if any(item.get(f) is not None for f in EVIDENCE_FIELDS if f not in _KEPT):
                    raise ValueError(f"{subject} {key} {object_}: evidence with sentences")
                evidence_rows.append([at(item.get("doc")), at(item.get("date"))])
            evidence_ends.append(len(evidence_rows))
            article_rows += (at(a) for a in cast(Iterable[str], attributes.get("articles") or ()))
            article_ends.append(len(article_rows))
        return cls(
            values=tuple(value for _, value in index),
            nodes=np.array(node_rows, dtype=np.int32).reshape(-1, 1 + len(NODE_FIELDS)),
            edges=np.array(edge_rows, dtype=np.int32).reshape(-1, EDGE_COLUMNS),
            evidence_ends=np.array(evidence_ends, dtype=np.int64),
            evidence=np.array(evidence_rows, dtype=np.int32).reshape(-1, 2),
            article_ends=np.array(article_ends, dtype=np.int64),
            articles=np.array(article_rows, dtype=np.int32),
        )

    def graph_parts(self) -> tuple[list[Node], list[Edge]]:
        """The nodes and edges, in order, with their attributes, as :meth:`of` was given them
        (with every evidence dict's fields, None but ``doc`` and ``date``)."""
        values: list[object] = [*self.values, None]  # index -1: None
        nodes: list[Node] = [
            (str(values[row[0]]), dict(zip(NODE_FIELDS, [values[i] for i in row[1:]], strict=True)))
            for row in self.nodes.tolist()
        ]
        ids = [node for node, _ in nodes]
        bare = dict.fromkeys(EVIDENCE_FIELDS)
        evidence = [
            dict(bare, doc=values[doc], date=values[day]) for doc, day in self.evidence.tolist()
        ]
        articles = [str(values[i]) for i in self.articles.tolist()]
        # A column at a time: each a list comprehension, then one dict display per edge (an
        # empty table of shape (0, 7) gives seven empty columns too).
        columns = self.edges.T.tolist()
        subjects, objects = ([ids[i] for i in column] for column in columns[:2])
        keys = [str(values[i]) for i in columns[2]]
        predicates, polarities, firsts, lasts = ([values[i] for i in c] for c in columns[3:])
        evidence_ends = self.evidence_ends.tolist()
        article_ends = self.article_ends.tolist()
        evidence_starts = [0, *evidence_ends][: len(evidence_ends)]
        article_starts = [0, *article_ends][: len(article_ends)]
        rows = zip(subjects, objects, keys, predicates, polarities, firsts, lasts, strict=True)
        spans = zip(evidence_starts, evidence_ends, article_starts, article_ends, strict=True)
        edges: list[Edge] = [
            (
                u,
                v,
                key,
                {
                    "predicate": predicate,
                    "polarity": polarity,
                    "evidence": evidence[start:end],
                    "count": end - start,
                    "first_seen": first_seen,
                    "last_seen": last_seen,
                    "articles": tuple(articles[first:last]),
                },
            )
            for (u, v, key, predicate, polarity, first_seen, last_seen), (
                start,
                end,
                first,
                last,
            ) in zip(rows, spans, strict=True)
        ]
        return nodes, edges


_KEPT = ("doc", "date")
"""The evidence fields a summary keeps."""


def write_summary(folder: Path, state: str, summary: Summary) -> Path:
    """Write ``summary``, made from the store in ``folder`` at ``state``, into that folder (a
    whole file or none, :func:`~kg.store.atomic.atomic_path`); its path."""
    text = [str(value) for value in summary.values]
    header = {"format": FORMAT, "state": state, "values": len(text)}
    path = folder / FILE_NAME
    with atomic_path(path) as temporary, open(temporary, "wb") as out:
        np.savez(
            out,
            header=np.frombuffer(json.dumps(header).encode(), dtype=np.uint8),
            text=np.frombuffer("".join(text).encode("utf-8", "surrogatepass"), dtype=np.uint8),
            ends=np.cumsum([len(value) for value in text], dtype=np.int64),
            kinds=np.array([_KINDS.index(type(v)) for v in summary.values], dtype=np.int8),
            nodes=summary.nodes,
            edges=summary.edges,
            evidence_ends=summary.evidence_ends,
            evidence=summary.evidence,
            article_ends=summary.article_ends,
            articles=summary.articles,
        )
    return path


def read_summary(folder: Path, state: str) -> tuple[Summary | None, str]:
    """The summary in ``folder`` if it was made from the store there at ``state`` (how its
    files stood when it was opened) and the store is still at ``state``; else None, and why.

    >>> read_summary(Path("/nonexistent"), "state")
    (None, 'no summary in /nonexistent')
    """
    path = folder / FILE_NAME
    if not path.is_file():
        return None, f"no summary in {folder}"
    try:
        if store_state(folder) != state:
            return None, "the store changed since it was opened"
        with np.load(path, allow_pickle=False) as saved:
            header = json.loads(saved["header"].tobytes())
            if header.get("format") != FORMAT:
                return None, f"{path}: summary of another layout ({header.get('format')})"
            if header.get("state") != state:
                return None, "the store changed since its summary was made"
            summary = _summary(saved, header["values"])
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as error:
        return None, f"{path}: unreadable summary ({error})"
    return summary, "made from the store as it is"


def _summary(saved: np.lib.npyio.NpzFile, count: int) -> Summary:
    """The :class:`Summary` in an opened file, checked: every index within its column."""
    text = saved["text"].tobytes().decode("utf-8", "surrogatepass")
    ends = saved["ends"].tolist()
    kinds = saved["kinds"].tolist()
    if len(ends) != count or len(kinds) != count or (ends and ends[-1] != len(text)):
        raise ValueError("its table of values is cut short")
    starts = [0, *ends[:-1]]
    values = tuple(
        _value(text[start:end], kind) for start, end, kind in zip(starts, ends, kinds, strict=True)
    )
    summary = Summary(
        values=values,
        nodes=saved["nodes"],
        edges=saved["edges"],
        evidence_ends=saved["evidence_ends"],
        evidence=saved["evidence"],
        article_ends=saved["article_ends"],
        articles=saved["articles"],
    )
    nodes, edges = summary.nodes, summary.edges
    if nodes.ndim != 2 or nodes.shape[1] != 1 + len(NODE_FIELDS):
        raise ValueError("columns of the wrong shape")
    if edges.ndim != 2 or edges.shape[1] != EDGE_COLUMNS:
        raise ValueError("columns of the wrong shape")
    for column in (nodes, edges[:, 2:], summary.evidence, summary.articles):
        if column.size and not (column.min() >= -1 and column.max() < count):
            raise ValueError("an index beyond the table of values")
    if nodes.size and nodes[:, 0].min() < 0:
        raise ValueError("a node without id")
    if edges.size and not (edges[:, :2].min() >= 0 and edges[:, :2].max() < len(nodes)):
        raise ValueError("an edge of a node it does not hold")
    for ends, column in (
        (summary.evidence_ends, summary.evidence),
        (summary.article_ends, summary.articles),
    ):
        if len(ends) != len(edges) or (len(ends) and ends[-1] != len(column)):
            raise ValueError("evidence or articles that do not add up")
        if len(ends) and (ends[0] < 0 or (np.diff(ends) < 0).any()):
            raise ValueError("evidence or articles that do not add up")
    return summary


def _value(text: str, kind: int) -> Value:
    if kind == 0:
        return text
    if kind == 1:
        return int(text)
    if kind == 2:
        return float(text)
    if kind == 3:
        return text == "True"
    raise ValueError(f"a value of unknown kind {kind}")
