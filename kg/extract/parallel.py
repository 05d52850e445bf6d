"""Extraction on several cores: worker processes each run the pipeline on batches of articles.

The parent reads articles and hands them out in batches; at most two batches per worker are
in flight, so memory stays flat however long the input. Results come back in input order. A
worker sends back only what it found (the article text stays with the parent); a worker that
dies breaks the pool: the batches in flight are lost, each of their articles reported as a
problem that names it, and a fresh pool goes on with the rest.

Workers import kg with this process's ``sys.path``, never with the current folder ahead of
it: run from a folder that holds a folder named ``kg``, a build still uses the installed kg.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from multiprocessing import forkserver
from pathlib import Path

from kg.model import Article, Extraction, Mention, Problem
from kg.model import Fact as _Fact

Found = tuple[tuple[Mention, ...], tuple[_Fact, ...], tuple[Problem, ...]]

_NLP = None
_TIME_LIMIT: float | None = None


def extract_parallel(
    articles: Iterable[Article],
    *,
    jobs: int,
    model: str | None = None,
    gazetteer: Path | None = None,
    relations: str | None = None,
    batch_size: int = 32,
    time_limit: float | None = None,
) -> Iterator[Extraction]:
    """Extract each article with ``jobs`` worker processes, yielding in input order.

    >>> next(extract_parallel([Article("a", "Rapidus is working with IBM.")], jobs=2)).facts[0].key
    ... # doctest: +SKIP
    ('Rapidus', 'partnersWith', 'IBM')
    """
    stream = iter(articles)
    batches = iter(lambda: list(islice(stream, batch_size)), [])
    while True:
        with _pool(jobs, model, gazetteer, relations, time_limit) as pool:
            pending: deque[tuple[list[Article], Future[list[Found]] | None]] = deque()
            try:
                for batch in batches:
                    # In the queue before submitting: if submit finds the pool broken, the
                    # batch is still reported as lost.
                    pending.append((batch, None))
                    pending[-1] = (batch, pool.submit(_work, batch))
                    while len(pending) > 2 * jobs:
                        yield from _collect(pending)
                while pending:
                    yield from _collect(pending)
                return
            except BrokenProcessPool:
                for batch, _ in pending:  # lost with the worker: report, and go on afresh
                    yield from _lost(batch)


def _pool(
    jobs: int,
    model: str | None,
    gazetteer: Path | None,
    relations: str | None,
    time_limit: float | None,
):
    # "forkserver": workers start clean (no copy of the parent's state or threads) but fast.
    # The server imports spaCy once, so that a worker only loads the model: 1.2 s less per
    # worker here (measured). Only spaCy, not kg nor this process's __main__: a worker imports
    # those itself once it has taken this process's sys.path, so it runs the kg we run.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["spacy"])
    _start_forkserver()
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_start,
        initargs=(model, str(gazetteer) if gazetteer else "", relations, time_limit),
    )


def _start_forkserver() -> None:
    """Start the fork server (if it is not running) without the current folder on its path.

    It starts as ``python -c``, which puts the current folder first on ``sys.path``, and
    Python 3.11 to 3.13 do not give it ours: a ``spacy.py`` or a folder named like a package
    there would be imported in its place. ``PYTHONSAFEPATH`` (Python 3.11+) keeps it out.
    """
    before = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        forkserver.ensure_running()
    finally:
        if before is None:
            del os.environ["PYTHONSAFEPATH"]
        else:
            os.environ["PYTHONSAFEPATH"] = before


def _collect(pending: deque[tuple[list[Article], Future[list[Found]] | None]]) -> list[Extraction]:
    """The extractions of the first batch of ``pending``, which leaves it once they are back.

    A broken pool raises BrokenProcessPool with the batch still in ``pending``, to be reported.
    """
    batch, future = pending[0]
    # A batch whose submit failed never gets here: the pool is broken, and all of pending is lost.
    assert future is not None
    try:
        found = future.result()
    except BrokenProcessPool:
        raise
    except Exception as err:  # the batch failed as a whole in the worker
        found = [((), (), (Problem(a.origin or a.id, f"extraction failed: {err}"),)) for a in batch]
    pending.popleft()
    return [
        Extraction(article, mentions, facts, problems)
        for article, (mentions, facts, problems) in zip(batch, found, strict=True)
    ]


def _lost(batch: list[Article]) -> Iterator[Extraction]:
    for article in batch:
        message = f"extraction failed: the worker process died with article {article.id!r}"
        problem = Problem(article.origin or article.id, message)
        yield Extraction(article, problems=(problem,))


def _start(
    model: str | None, gazetteer: str, relations: str | None, time_limit: float | None
) -> None:
    global _NLP, _TIME_LIMIT
    from kg.extract.pipeline import load_pipeline

    threading.Thread(target=_exit_with_parent, daemon=True).start()
    _NLP = load_pipeline(
        model, gazetteer=Path(gazetteer) if gazetteer else None, relations=relations
    )
    _TIME_LIMIT = time_limit


def _work(batch: list[Article]) -> list[Found]:
    from kg.extract.extractor import extract

    return [
        (x.mentions, x.facts, x.problems)
        for x in extract(batch, _NLP, batch_size=len(batch), time_limit=_TIME_LIMIT)  # type: ignore[arg-type]
    ]


def _exit_with_parent() -> None:
    # A parent killed outright (SIGKILL) cannot stop its workers, and a worker waiting for
    # work would wait forever, holding a model in memory. Its parent's end of a pipe closes
    # when the parent dies, whoever (the fork server) started the worker: then it leaves.
    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()
        os._exit(1)
