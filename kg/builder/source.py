"""The articles a build extracts, read once for both engines (local and Dask).

Reading counts in the summary what it cannot hand on: bad items (``problems``; with
``strict`` the first raises), files folders leave out (``skipped``) and articles the store
already holds with the same content (``unchanged``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.builder.options import BuildOptions, Inputs
from kg.builder.summary import BuildSummary
from kg.errors import IngestError
from kg.model import Article, Problem
from kg.rdf.build import content_hash

if TYPE_CHECKING:
    from kg.store.disk import GraphStore


def articles_to_extract(
    inputs: Inputs, options: BuildOptions, summary: BuildSummary, store: GraphStore | None = None
) -> Iterator[tuple[Article, bool]]:
    """Each article of ``inputs`` to extract, and whether it replaces an earlier version that
    ``store`` holds. Folders are read without their gold files and the paths ``options.exclude``
    matches (:func:`~kg.ingest.read_articles`).

    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = Path(tmp, "a.txt").write_text("Rapidus is working with IBM.")
    ...     _ = Path(tmp, "b.gold.jsonl").write_text("")
    ...     summary = BuildSummary()
    ...     found = [a.id for a, _ in articles_to_extract([tmp], BuildOptions(), summary)]
    ...     len(found), [s.reason for s in summary.skipped]
    (1, ['gold file'])
    """
    from kg.ingest import read_articles

    items = read_articles(
        inputs,
        strict=options.strict,
        exclude=options.exclude,
        on_skip=summary.skipped.append,
        max_bytes=options.max_bytes,
    )
    for item in items:
        if isinstance(item, Problem):
            summary.problems.append(item)
            continue
        if store is None:
            yield item, False
            continue
        clash = store.clash(item)
        if clash is not None:  # never a replacement of another article
            problem = Problem(item.origin or item.id, clash)
            if options.strict:
                raise IngestError(str(problem))
            summary.problems.append(problem)
            continue
        stored = store.article_hash(item.id)
        elsewhere = bool(store.stored_elsewhere(item.id))
        if stored == content_hash(item) and not elsewhere:
            summary.unchanged += 1
            continue
        yield item, stored is not None or elsewhere
