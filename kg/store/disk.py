"""kg's graph in an on-disk Oxigraph store (``kg build --store DIR``).

The store's default graph holds exactly the triples that a graph file of the same articles
holds, so SPARQL, exports and analysis see the same graph either way. Each article carries its
``kg:contentHash``: adding an article whose content is already stored changes nothing, and an
article whose content changed replaces what its previous version stated. Adding an article is
one transaction (pyoxigraph's ``extend``, or one SPARQL Update for a replacement), so a store
never holds half an article.

>>> import tempfile
>>> from kg.model import Article, Extraction
>>> with tempfile.TemporaryDirectory() as tmp, GraphStore(tmp) as store:
...     first = store.add_extraction(Extraction(Article("a1", "No facts.")))
...     again = store.add_extraction(Extraction(Article("a1", "No facts.")))
...     print(first, again, len(store))
added unchanged 3
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import weakref
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import DCTERMS

from kg.errors import GraphFormatError, KgError
from kg.model import Article, Extraction
from kg.rdf.build import content_hash, extraction_triples
from kg.rdf.namespace import KG, article_iri
from kg.store.files import format_for
from kg.store.oxigraph import (
    OX_FORMATS,
    OX_PREFIXES,
    Opened,
    graph_over,
    oxigraph_of,
    to_ox_quads,
)

FLUSH_EVERY = 1000
"""Articles written to a store between flushes of its write buffers to disk. Left to itself,
RocksDB (under Oxigraph) keeps up to about a gigabyte of them in memory (measured: +790 MB
after 40,000 articles); flushed this often, about 80 MB, the same at 60,000."""

# Removes what an earlier version of an article stated, in one transaction: the plain triples no
# other article's statement supports, the entities no other article mentions (nor the country
# of one it mentions), the article's statements, then the article itself. ?article is given
# by a VALUES block holding one IRI term, serialised by pyoxigraph.
_REMOVE_ARTICLE = """
DELETE {{ ?s ?p ?o }} WHERE {{
  VALUES ?article {{ {article} }}
  ?statement prov:wasDerivedFrom ?article ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  FILTER NOT EXISTS {{
    ?other rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?source .
    FILTER(?source != ?article)
  }}
}} ;
DELETE {{ ?entity ?p ?o }} WHERE {{
  VALUES ?article {{ {article} }}
  {{ ?statement prov:wasDerivedFrom ?article ; rdf:subject|rdf:object ?entity }}
  UNION
  {{ ?statement prov:wasDerivedFrom ?article ; rdf:subject|rdf:object/kg:country ?entity }}
  FILTER NOT EXISTS {{
    ?other prov:wasDerivedFrom ?source ; rdf:subject|rdf:object|(rdf:subject|rdf:object)/kg:country
      ?entity .
    FILTER(?source != ?article)
  }}
  ?entity ?p ?o .
}} ;
DELETE {{ ?statement ?p ?o }} WHERE {{
  VALUES ?article {{ {article} }}
  ?statement prov:wasDerivedFrom ?article ; ?p ?o .
}} ;
DELETE {{ ?article ?p ?o }} WHERE {{
  VALUES ?article {{ {article} }}
  ?article ?p ?o .
}}
"""


class Change(StrEnum):
    """What adding an article did to a store."""

    added = "added"
    replaced = "replaced"
    unchanged = "unchanged"


class GraphStore:
    """An on-disk Oxigraph store holding a kg graph in its default graph.

    ``read_only`` opens an existing store without taking its write lock, so that queries,
    exports and ``kg serve`` can read while no build runs. Use as a context manager, or call
    :meth:`close`.
    """

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        self.path = Path(path)
        # how the store's files stand before it is opened (a missing store: _open says so)
        state = store_state(self.path) if read_only and (self.path / "CURRENT").is_file() else None
        self.ox = _open(self.path, read_only)
        opened = Opened(self.path, state) if state is not None else None
        self.graph: Graph = graph_over(self.ox, opened=opened)
        """An rdflib view of the store (for kg's analysis and rdflib-based tools)."""
        self._unflushed = 0

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self.ox)

    def close(self) -> None:
        """Release the store (its write lock, if held); its graph can no longer be read."""
        self.graph.store.close()
        del self.graph, self.ox

    def article_hash(self, article_id: str) -> str | None:
        """The ``kg:contentHash`` stored for the article ``article_id``, if it is stored."""
        return self._value(article_iri(article_id), KG.contentHash)

    def clash(self, article: Article) -> str | None:
        """Why ``article`` cannot go into the store, or None: its IRI holds another article id.

        Distinct ids get distinct IRIs (:func:`~kg.rdf.namespace.article_iri`), but a store
        written by an older kg slugged ids (``Reuters/AB12`` and ``reuters-ab12`` shared one
        IRI there); adding the second would have replaced the first.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp, GraphStore(tmp) as store:
        ...     _ = store.add_extraction(Extraction(Article("a1", "No facts.", origin="x:1")))
        ...     store.clash(Article("a1", "Other.")) is None
        True
        """
        iri = article_iri(article.id)
        stored = self._value(iri, KG.articleId)
        if stored is None or stored == article.id:
            return None
        origin = self._value(iri, DCTERMS.source) or "an earlier build"
        return (
            f"id {article.id!r} has the article IRI <{iri}> of the stored article {stored!r} "
            f"(read from {origin}); not added, the stored one is kept. The store was written by "
            "an older kg, which slugged ids: rebuild it into a new folder"
        )

    def holds(self, article: Article) -> bool:
        """Whether ``article`` is stored with exactly this content (so need not be extracted)."""
        return self.article_hash(article.id) == content_hash(article)

    def stored_elsewhere(self, article_id: str) -> list[ox.NamedNode]:
        """Articles stored with the id ``article_id`` under another IRI than kg gives it now
        (stores of older kg versions): adding the article replaces them.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp, GraphStore(tmp) as store:
        ...     _ = store.add_extraction(Extraction(Article("Nikkei/7", "No facts.")))
        ...     store.stored_elsewhere("Nikkei/7")
        []
        """
        iri = ox.NamedNode(article_iri(article_id))
        quads = self.ox.quads_for_pattern(
            None, ox.NamedNode(KG.articleId), ox.Literal(article_id), ox.DefaultGraph()
        )
        subjects = (quad.subject for quad in quads)
        return [s for s in subjects if isinstance(s, ox.NamedNode) and s != iri]

    def add_extraction(
        self, extraction: Extraction, *, extracted_at: datetime | None = None
    ) -> Change:
        """Add one article and its facts, unless the store already holds that content.

        Raises :class:`~kg.errors.KgError` when :meth:`clash` says the article's IRI holds
        another article: that one is never replaced.
        """
        article = extraction.article
        clash = self.clash(article)
        if clash is not None:
            raise KgError(f"{article.origin or article.id}: {clash}")
        stored = self.article_hash(article.id)
        elsewhere = self.stored_elsewhere(article.id)
        if stored == content_hash(article) and not elsewhere:
            return Change.unchanged
        quads = list(to_ox_quads(extraction_triples(extraction, extracted_at)))
        if stored is None and not elsewhere:
            self.ox.extend(quads)
            change = Change.added
        else:
            old = [ox.NamedNode(article_iri(article.id)), *elsewhere]
            removal = " ;\n".join(_REMOVE_ARTICLE.format(article=iri) for iri in old)
            nquads = (ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"").decode()
            self.ox.update(f"{removal} ;\nINSERT DATA {{\n{nquads}}}", prefixes=OX_PREFIXES)
            change = Change.replaced
        self.wrote(1)
        return change

    def _value(self, subject: str, predicate: str) -> str | None:
        """The first literal ``subject predicate ?value`` stored, as text."""
        quads = self.ox.quads_for_pattern(
            ox.NamedNode(subject), ox.NamedNode(predicate), None, ox.DefaultGraph()
        )
        values = (quad.object.value for quad in quads if isinstance(quad.object, ox.Literal))
        return next(values, None)

    def wrote(self, articles: int) -> None:
        """Count ``articles`` written to the store (by :meth:`add_extraction`, or in bulk by
        the caller), flushing its write buffers to disk every :data:`FLUSH_EVERY` articles."""
        self._unflushed += articles
        if self._unflushed >= FLUSH_EVERY:
            self.ox.flush()
            self._unflushed = 0

    def load(self, path: str | os.PathLike[str]) -> None:
        """Add every triple of the graph file at ``path`` (quads merged into the default graph).

        Loads in bulk, without holding the file in memory; not one transaction.
        """
        path = Path(path)
        fmt = OX_FORMATS[format_for(path)]
        try:
            parsed = ox.parse(path=path, format=fmt)
            self.ox.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in parsed)
        except SyntaxError as error:
            raise GraphFormatError(f"{path}: not valid {fmt.name}: {error}") from error
        except OSError as error:
            raise GraphFormatError(f"{path}: cannot read: {error}") from error


def store_state(path: str | os.PathLike[str]) -> str:
    """A digest of the files of the on-disk store at ``path`` (names, sizes, modification
    times), which changes whenever anything is written to the store.

    Oxigraph keeps a store in RocksDB, which never rewrites a file in place: every write
    appends to its write-ahead log or adds a table file (and a flush or compaction adds files
    and a new manifest). Opening a store read-only changes no file; opening it for writing
    does, even without a write, which makes the state change when nothing did (harmless for
    :mod:`kg.analysis.summary`: its summary is then made again). Left out: RocksDB's
    informational ``LOG`` files, its ``LOCK``, and kg's own files in the folder (``kg-*``,
    and hidden ones: :func:`~kg.store.atomic.atomic_path`'s temporaries).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with GraphStore(tmp) as store:
    ...         _ = store.add_extraction(Extraction(Article("a1", "No facts.")))
    ...     before = store_state(tmp)
    ...     GraphStore(tmp, read_only=True).close()
    ...     unchanged = store_state(tmp) == before
    ...     with GraphStore(tmp) as store:
    ...         _ = store.add_extraction(Extraction(Article("a2", "No facts.")))
    ...     unchanged, store_state(tmp) == before
    (True, False)
    """
    files = []
    with os.scandir(path) as entries:
        for entry in entries:
            if entry.name.startswith(_NOT_STATE):
                continue
            stat = entry.stat()
            files.append((entry.name, stat.st_size, stat.st_mtime_ns))
    return hashlib.sha256(json.dumps(sorted(files)).encode()).hexdigest()


_NOT_STATE = ("LOG", "LOCK", "kg-", ".")
"""Names of files in a store's folder that :func:`store_state` leaves out."""


def temporary_graph() -> Graph:
    """A new, empty graph over an Oxigraph store in a temporary folder (``kg-build-*``), which
    is removed when the graph is garbage-collected, or at exit.

    For builds that write a graph file: the triples wait on disk, not in memory, and the file
    is written from the store by Oxigraph (:func:`kg.store.files.export_graph`).

    >>> graph = temporary_graph()
    >>> merge_extractions(graph, [Extraction(Article("a1", "No facts."))])
    1
    >>> len(graph)
    3
    """
    folder = tempfile.mkdtemp(prefix="kg-build-")
    graph = graph_over(ox.Store(folder))
    weakref.finalize(graph, shutil.rmtree, folder, ignore_errors=True)
    return graph


def merge_extractions(
    graph: Graph, extractions: Iterable[Extraction], *, extracted_at: datetime | None = None
) -> int:
    """Add the triples of ``extractions`` to ``graph``, a graph over a store of one's own (such
    as :func:`temporary_graph`'s), as a graph in memory adds them
    (:func:`kg.rdf.build.add_extraction`): their union with what it holds, nothing checked
    against or replaced. Loaded in bulk, :data:`MERGE_BATCH` articles at a time, not in
    transactions (twice as fast): a reader could see part of a batch. How many were added.
    """
    store = oxigraph_of(graph)
    if store is None:
        raise KgError("merge_extractions adds to a graph over an Oxigraph store")
    batch: list[ox.Quad] = []
    done = 0
    for done, extraction in enumerate(extractions, start=1):
        batch += to_ox_quads(extraction_triples(extraction, extracted_at))
        if done % MERGE_BATCH == 0:
            store.bulk_extend(batch)
            batch = []
    if batch:
        store.bulk_extend(batch)
    return done


MERGE_BATCH = 500
"""Articles whose triples :func:`merge_extractions` loads at once (some 50,000 triples)."""


def _open(path: Path, read_only: bool) -> ox.Store:
    """Open the store at ``path``, turning RocksDB's errors into messages naming the folder."""
    if read_only and not (path / "CURRENT").is_file():
        raise KgError(f"{path}: no kg store here (kg build ... --store {path} makes one)")
    if not read_only and path.is_dir() and any(path.iterdir()) and not (path / "CURRENT").exists():
        raise KgError(f"{path}: not a kg store, and not empty; give a new or empty folder")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as error:
        if "lock" in str(error).lower():
            raise KgError(
                f"{path}: the store is open for writing by another process (a running kg build?)"
            ) from error
        raise KgError(f"{path}: cannot open the store: {error}") from error
