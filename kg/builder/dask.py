"""Extraction on a Dask cluster (``kg build --engine dask``), beyond one machine.

This process reads the inputs and hands them out in partitions of articles; a Dask worker
loads kg's pipeline once, extracts a partition and sends back its graph as N-Quads. Each
partition's N-Quads are written to a shard file, then added to the Oxigraph store in one
transaction and/or pushed to a SPARQL endpoint (:mod:`kg.store.remote`). The shards put every triple
in the default graph, so that any triple store's bulk loader puts them where queries look
(``oxigraph load``, Jena's ``tdb2.tdbloader``); kg reads them as graph files too.

What this process holds does not grow with the corpus: at most two partitions per worker
thread are in flight, and a finished shard is loaded and dropped. The store never holds part
of a shard, and articles it holds with the same content are not sent out again, so a build
that was interrupted resumes where it stopped. Articles whose content changed are replaced
(:meth:`kg.store.disk.GraphStore.add_extraction`) before their shard is loaded.

Workers need kg and the spaCy model installed; they get the articles' text from this process,
so they need no shared file system. Run one thread per worker process (``dask worker
--nthreads 1``): a worker's pipeline extracts one partition at a time, and the time limit
per article (a POSIX timer of the main thread) is not applied in worker threads.
"""

from __future__ import annotations

import hashlib
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph

from kg.builder.local import store_extraction
from kg.builder.options import BuildOptions, Inputs
from kg.builder.source import articles_to_extract
from kg.builder.summary import BuildSummary
from kg.errors import KgError
from kg.model import Article, Extraction, Problem
from kg.rdf.build import content_hash, extraction_triples
from kg.store.atomic import atomic_path
from kg.store.oxigraph import graph_over, to_ox_quads

if TYPE_CHECKING:
    from distributed import Client, Future
    from spacy.language import Language

    from kg.store.disk import GraphStore

CONNECT_TIMEOUT = "30s"


@dataclass(frozen=True, slots=True)
class WorkerOptions:
    """What a worker needs besides the articles (sent with every task; small)."""

    model: str | None = None
    gazetteer: str = ""
    time_limit: float | None = None
    extracted_at: datetime | None = None
    relations: str | None = None


@dataclass(frozen=True, slots=True)
class Done:
    """A partition extracted on a worker."""

    name: str
    """The shard's name, derived from the articles' content (the same articles, the same name)."""
    nquads: bytes
    articles: int
    failed: int
    """How many of the articles gave a problem instead of facts."""
    facts: int
    problems: tuple[Problem, ...]
    replaced: tuple[Extraction, ...]
    """The extractions of articles whose earlier version the store holds (to replace it)."""


# --- on a worker -------------------------------------------------------------------------------

_PIPELINES: dict[tuple[str | None, str, str | None], Language] = {}
_PIPELINE_LOCK = threading.Lock()


def extract_partition(
    articles: list[Article], changed: frozenset[str], options: WorkerOptions
) -> Done:
    """Extract ``articles`` with this process's pipeline (loaded on first use); their graph.

    Runs on a Dask worker, or anywhere: ``changed`` names the articles whose extraction is
    also handed back whole, to replace an earlier version.

    >>> done = extract_partition([Article("a1", "Rapidus works with IBM.")], frozenset(),
    ...                          WorkerOptions())  # doctest: +SKIP
    >>> done.facts, done.nquads.count(b"partnersWith")  # doctest: +SKIP
    (1, 2)
    """
    from kg.extract import extract

    with _PIPELINE_LOCK:  # one pipeline per process, used by one task at a time
        nlp = _pipeline(options.model, options.gazetteer, options.relations)
        extractions = list(extract(articles, nlp, time_limit=options.time_limit))
    return Done(
        name=shard_name(articles),
        nquads=_nquads(extractions, options.extracted_at),
        articles=len(extractions),
        failed=sum(bool(x.problems) for x in extractions),
        facts=sum(len(x.facts) for x in extractions),
        problems=tuple(p for x in extractions for p in x.problems),
        replaced=tuple(x for x in extractions if x.article.id in changed),
    )


def pipelines_loaded() -> int:
    """How many pipelines this process has loaded (one per model and gazetteer it was asked for).

    >>> pipelines_loaded()
    0
    """
    return len(_PIPELINES)


def shard_name(articles: Iterable[Article]) -> str:
    """A file name for the shard of ``articles``: the same articles give the same name.

    >>> shard_name([Article("a1", "Text.")]) == shard_name([Article("a1", "Text.")])
    True
    """
    digest = hashlib.sha256("".join(content_hash(a) for a in articles).encode()).hexdigest()
    return f"shard-{digest[:20]}.nq"


def _pipeline(model: str | None, gazetteer: str, relations: str | None) -> Language:
    key = (model, gazetteer, relations)
    if key not in _PIPELINES:
        from kg.extract import load_pipeline

        _PIPELINES[key] = load_pipeline(
            model, gazetteer=Path(gazetteer) if gazetteer else None, relations=relations
        )
    return _PIPELINES[key]


def _nquads(extractions: list[Extraction], extracted_at: datetime | None) -> bytes:
    """Every triple of ``extractions``, once, as N-Quads in the default graph."""
    triples = dict.fromkeys(t for x in extractions for t in extraction_triples(x, extracted_at))
    return ox.serialize(to_ox_quads(triples), format=ox.RdfFormat.N_QUADS) or b""


# --- in this process ---------------------------------------------------------------------------


def build_distributed(
    inputs: Inputs,
    options: BuildOptions,
    summary: BuildSummary,
    extracted_at: datetime | None,
    *,
    store: GraphStore | None = None,
    keep: bool = True,
) -> Graph:
    """Extract ``inputs`` on a Dask cluster and load the result; the graph it went into.

    The cluster is the scheduler at ``options.scheduler`` (``tcp://host:8786``), else a
    ``LocalCluster`` of ``options.jobs`` processes started here. Shards are written to
    ``options.shards`` (kept), else to a temporary folder. They go into ``store`` if given,
    else (with ``keep``) into a graph in memory, and to ``options.endpoint`` if given. Counts
    go into ``summary``.
    """
    try:
        from distributed import as_completed
    except ImportError as error:
        raise KgError(
            "--engine dask needs Dask's distributed scheduler: pip install 'kg[dask]'"
        ) from error

    worker = WorkerOptions(
        options.model,
        str(options.gazetteer or ""),
        options.time_limit,
        extracted_at,
        options.relations,
    )
    target = store.ox if store is not None else ox.Store() if keep else None
    partitions = _partitions(
        articles_to_extract(inputs, options, summary, store), options.partition
    )
    first = next(partitions, None)
    if first is None:  # nothing to extract: no cluster to start
        return _graph(store, target)
    with (
        _shard_folder(options.shards) as folder,
        _client(options.scheduler, options.jobs) as client,
    ):
        loader = _Loader(folder, target, store, options.endpoint, summary, worker, options.strict)
        pending = as_completed()
        limit = 2 * max(1, sum(client.nthreads().values()))
        for articles, changed in chain([first], partitions):
            future = client.submit(extract_partition, articles, changed, worker, pure=False)
            pending.add(future)
            loader.track(future, articles)
            if pending.count() >= limit:
                loader.finish(next(pending))
        for future in pending:
            loader.finish(future)
    return _graph(store, target)


def _graph(store: GraphStore | None, target: ox.Store | None) -> Graph:
    if store is not None:
        return store.graph
    return graph_over(target) if target is not None else Graph()


def _partitions(
    articles: Iterable[tuple[Article, bool]], size: int
) -> Iterator[tuple[list[Article], frozenset[str]]]:
    """The articles to extract, ``size`` at a time, with the ids of those that replace an
    earlier version."""
    batch: list[Article] = []
    changed: set[str] = set()
    for article, replaces in articles:
        if replaces:
            changed.add(article.id)
        batch.append(article)
        if len(batch) == size:
            yield batch, frozenset(changed)
            batch, changed = [], set()
    if batch:
        yield batch, frozenset(changed)


class _Loader:
    """Takes finished partitions: writes the shard, loads and pushes it, keeps count."""

    def __init__(
        self,
        folder: Path,
        target: ox.Store | None,
        store: GraphStore | None,
        endpoint: str | None,
        summary: BuildSummary,
        options: WorkerOptions,
        strict: bool,
    ) -> None:
        self.folder, self.target, self.store, self.endpoint = folder, target, store, endpoint
        self.summary, self.options, self.strict = summary, options, strict
        self.where: dict[object, list[str]] = {}
        """Where each in-flight partition's articles came from, to report a lost partition."""

    def track(self, future: Future, articles: list[Article]) -> None:
        self.where[future.key] = [a.origin or a.id for a in articles]

    def finish(self, future: Future) -> None:
        """Take the finished ``future``: count, write, load and push its shard."""
        done = self._result(future)
        if done is None:
            return
        self.summary.extracted(
            done.articles, done.facts, done.problems, failed=done.failed, strict=self.strict
        )
        shard = self.folder / done.name
        with atomic_path(shard) as temporary:
            Path(temporary).write_bytes(done.nquads)
        self.summary.shards += 1
        self._load(done, shard)
        if self.endpoint is not None:
            self.summary.pushed += push_shard(shard, self.endpoint)

    def _result(self, future: Future) -> Done | None:
        """The partition extracted, or ``None`` (its articles reported) if its worker died."""
        from distributed import KilledWorker

        where = self.where.pop(future.key)
        try:
            return future.result()
        except KilledWorker as error:  # Dask tried it on other workers before giving up
            message = f"extraction failed: the Dask worker died ({error})"
            lost = [Problem(w, message) for w in where]  # handed to extraction, and lost: failed
            self.summary.extracted(len(where), 0, lost, failed=len(where), strict=False)
            return None
        finally:
            future.release()

    def _load(self, done: Done, shard: Path) -> None:
        for extraction in done.replaced:  # first, so that the shard adds to the new version
            assert self.store is not None  # only a store has earlier versions
            store_extraction(self.store, extraction, self.options.extracted_at, self.summary)
        if self.target is not None:
            load_shard(self.target, shard)
        if self.store is not None:  # the replaced ones were counted as they were added
            self.store.wrote(done.articles - len(done.replaced))


def load_shard(target: ox.Store, path: Path) -> int:
    """Add the triples of the N-Quads shard at ``path`` to ``target``'s default graph, in one
    transaction; how many.

    Triples of named graphs go into the default graph too.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     shard = Path(tmp, "shard.nq")
    ...     _ = shard.write_text("<https://x.test/a> <https://x.test/p> <https://x.test/b> "
    ...                          "<https://x.test/g> .\\n")
    ...     store = ox.Store()
    ...     load_shard(store, shard), len(store)
    (1, 1)
    """
    quads = [
        ox.Quad(q.subject, q.predicate, q.object)
        for q in ox.parse(path=path, format=ox.RdfFormat.N_QUADS)
    ]
    target.extend(quads)
    return len(quads)


def push_shard(path: Path, endpoint: str) -> int:
    """Push the triples of the shard at ``path`` to the SPARQL endpoint; how many were sent."""
    from kg.store.remote import push

    memory = ox.Store()
    load_shard(memory, path)
    return push(graph_over(memory), endpoint).triples


@contextmanager
def _shard_folder(shards: Path | None) -> Iterator[Path]:
    if shards is not None:
        shards.mkdir(parents=True, exist_ok=True)
        yield shards
        return
    with tempfile.TemporaryDirectory(prefix="kg-shards-") as folder:
        yield Path(folder)


@contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, else of a new local cluster."""
    from distributed import Client, LocalCluster

    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        with cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except OSError as error:
        raise KgError(f"{scheduler}: cannot reach the Dask scheduler: {error}") from error
    with client:
        yield client
