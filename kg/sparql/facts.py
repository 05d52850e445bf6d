"""A graph's facts as a table, one statement a row, for a spreadsheet or a data frame
(``kg export --facts facts.csv``).

Each row is one statement of a fact as an article made it: subject, predicate and object by
label, the statement's modality, confidence and evidence, and its article's title, date and url
(the article's ``url``, else its ``source``). The graph is read a predicate at a time, never a
query per statement, so that a table of a large store takes time linear in its size.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SDO
from rdflib.term import Node, URIRef

from kg.errors import KgError
from kg.rdf.namespace import KG
from kg.store.atomic import atomic_path
from kg.vocabulary import NAMESPACE

FACT_COLUMNS = (
    "subject",
    "predicate",
    "object",
    "modality",
    "confidence",
    "evidence",
    "context",
    "title",
    "date",
    "url",
)
"""The columns of :func:`fact_rows`; ``iris=True`` adds ``subject_iri``, ``object_iri`` and
``article`` (the article's id)."""
IRI_COLUMNS = ("subject_iri", "object_iri", "article")

FACT_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet"}
"""The file suffixes :func:`write_facts` writes, and their formats."""


def fact_rows(graph: Graph, *, iris: bool = False) -> list[dict[str, object]]:
    """The statements of ``graph`` as dicts of :data:`FACT_COLUMNS` (and :data:`IRI_COLUMNS`
    with ``iris``), by article date, title and position in the article.

    >>> from kg.model import Article, Entity, Extraction, Fact
    >>> from kg.rdf.build import build_graph
    >>> text = "Rapidus partners with IBM."
    >>> fact = Fact("a1", Entity("Rapidus", "Company"), "partnersWith", Entity("IBM", "Company"),
    ...             text, 0, len(text), 0.9)
    >>> article = Article("a1", text, title="Chips", date="2024-01-02", source="Example News")
    >>> row = fact_rows(build_graph([Extraction(article, facts=(fact,))]))[0]
    >>> [row[key] for key in ("subject", "predicate", "object", "confidence", "url")]
    ['Rapidus', 'partnersWith', 'IBM', 0.9, 'Example News']
    """
    columns = {
        name: _column(graph, predicate)
        for name, predicate in (
            ("subject", RDF.subject),
            ("predicate", RDF.predicate),
            ("object", RDF.object),
            ("article", PROV.wasDerivedFrom),
            ("modality", KG.modality),
            ("confidence", KG.confidence),
            ("evidence", KG.evidence),
            ("context", KG.context),
            ("start", KG.start),
        )
    }
    articles = {
        name: _column(graph, predicate)
        for name, predicate in (
            ("id", KG.articleId),
            ("title", DCTERMS.title),
            ("date", DCTERMS.date),
            ("url", SDO.url),
            ("source", DCTERMS.publisher),
        )
    }
    labels = _column(graph, RDFS.label)
    rows = []
    for statement in graph.subjects(RDF.type, RDF.Statement):
        value = {name: column.get(statement) for name, column in columns.items()}
        article = value["article"]

        def about(name: str, article: Node | None = article) -> object:
            return _plain(articles[name].get(article)) if article is not None else None

        row: dict[str, object] = {
            "subject": _label(value["subject"], labels),
            "predicate": _local(value["predicate"]),
            "object": _label(value["object"], labels),
            "modality": _plain(value["modality"]),
            "confidence": _plain(value["confidence"]),
            "evidence": _plain(value["evidence"]),
            "context": _plain(value["context"]),
            "title": about("title"),
            "date": about("date"),
            "url": about("url") or about("source"),
        }
        if iris:
            row["subject_iri"] = _plain(value["subject"])
            row["object_iri"] = _plain(value["object"])
            row["article"] = about("id")
        order = (str(row["date"] or ""), str(row["title"] or ""), str(about("id") or ""))
        start = _plain(value["start"])
        rows.append((order, start if isinstance(start, int) else -1, str(statement), row))
    rows.sort(key=lambda item: item[:3])
    return [row for *_, row in rows]


def write_facts(graph: Graph, path: Path, *, iris: bool = False) -> int:
    """Write :func:`fact_rows` of ``graph`` to ``path`` as CSV, JSON Lines or Parquet, by its
    suffix (:data:`FACT_FORMATS`); return the number of rows. Parquet needs pyarrow (the
    ``kg[parquet]`` extra): without it, a KgError says so before anything is written.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_facts(Graph(), Path(tmp, "facts.csv")), Path(tmp, "facts.csv").read_text()[:16]
    (0, 'subject,predicat')
    """
    fmt = fact_format(path)
    rows = fact_rows(graph, iris=iris)
    columns = [*FACT_COLUMNS, *(IRI_COLUMNS if iris else ())]
    with atomic_path(path) as temporary:
        if fmt == "csv":
            with open(temporary, "w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, columns, lineterminator="\n")
                writer.writeheader()
                writer.writerows({k: "" if v is None else v for k, v in r.items()} for r in rows)
        elif fmt == "jsonl":
            with open(temporary, "w", encoding="utf-8") as handle:
                handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        else:
            import pandas as pd

            pd.DataFrame(rows, columns=columns).to_parquet(temporary, index=False)
    return len(rows)


def fact_format(path: Path) -> str:
    """The format :func:`write_facts` writes ``path`` in, by its suffix; a KgError if there is
    none, or if it is Parquet and pyarrow (the ``kg[parquet]`` extra) is not installed.

    >>> fact_format(Path("facts.jsonl"))
    'jsonl'
    """
    fmt = FACT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        valid = ", ".join(FACT_FORMATS)
        raise KgError(f"{path}: a table of facts is written as {valid}, by suffix")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401  (pandas writes Parquet with it)
        except ImportError:
            raise KgError(
                f"{path}: writing Parquet needs pyarrow, which kg installs with its parquet "
                "extra: pip install 'kg[parquet]' (or write facts.csv or facts.jsonl)"
            ) from None
    return fmt


def _column(graph: Graph, predicate: URIRef) -> dict[Node, Node]:
    """``{subject: object}`` for ``predicate``; of several objects, the least."""
    column: dict[Node, Node] = {}
    for subject, object_ in graph.subject_objects(predicate):
        if subject not in column or str(object_) < str(column[subject]):
            column[subject] = object_
    return column


def _label(node: Node | None, labels: dict[Node, Node]) -> str | None:
    if node is None:
        return None
    label = labels.get(node)
    return str(label) if label is not None else str(node).rsplit("/", 1)[-1]


def _local(node: Node | None) -> str | None:
    return None if node is None else str(node).removeprefix(NAMESPACE)


def _plain(node: Node | None) -> object:
    """A number for a numeric literal, else the node's text; None if missing."""
    if node is None:
        return None
    value = node.toPython() if isinstance(node, Literal) else node
    if isinstance(value, Decimal):
        return float(value)
    return value if isinstance(value, int | float) and not isinstance(value, bool) else str(node)
