"""Run the pipeline over articles and hand back plain :class:`~kg.model.Extraction` records.

Long articles are cut at paragraph breaks into pieces the parser handles well (and spaCy's
``max_length`` allows); offsets are mapped back to the whole text. A piece whose processing
fails makes its article a :class:`~kg.model.Problem`; the rest of the batch goes on.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import groupby, islice

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ExtractionError
from kg.model import Article, Extraction, Fact, Mention, Problem

PIECE_CHARS = 100_000
"""Longest piece of text given to spaCy at once (its own limit is 1,000,000)."""

Piece = tuple[int, int, str]


class ExtractionTimeout(ExtractionError):
    """Processing an article took longer than the time limit."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds


@contextmanager
def time_limited(seconds: float | None) -> Iterator[None]:
    """Raise :class:`ExtractionTimeout` in the block once ``seconds`` have passed.

    Uses a POSIX interval timer, so it works in the main thread of a Unix process; elsewhere
    (or with ``seconds`` None) the block runs without a limit. Pure-Python work is interrupted
    at once; a long C routine (one parse) finishes first.

    >>> with time_limited(5):
    ...     1 + 1
    2
    """
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ExtractionTimeout(seconds)  # type: ignore[arg-type]

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


"""(article number in the batch, offset of the piece in the article's text, text)."""


def pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, piece)`` parts of at most ``limit`` characters, preferring
    paragraph breaks, then line breaks, then sentence ends, then spaces.

    >>> pieces("one.\\n\\ntwo.", limit=6)
    [(0, 'one.\\n\\n'), (6, 'two.')]
    """
    parts: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(
            (window.rfind(mark) + len(mark) for mark in ("\n\n", "\n", ". ", " ")),
            default=-1,
        )
        cut = cut if cut > limit // 4 else limit
        parts.append((start, text[start : start + cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


def to_extraction(article: Article, docs: Iterable[tuple[int, Doc]]) -> Extraction:
    """The entities and facts of an article's processed pieces ``(offset, doc)``."""
    mentions: list[Mention] = []
    facts: list[Fact] = []
    for offset, doc in docs:
        mentions += [
            Mention(m.entity, m.span.text, offset + m.span.start_char, offset + m.span.end_char)
            for m in doc._.kg_mentions or ()
        ]
        found = sorted(doc._.kg_facts or (), key=lambda f: (f.sentence.start, f.trigger, f.rule))
        for f in found:
            text = f.sentence.text
            start = offset + f.sentence.start_char + len(text) - len(text.lstrip())
            facts.append(
                Fact(
                    doc=article.id,
                    subject=f.subject,
                    predicate=f.predicate,
                    object=f.object,
                    evidence=text.strip(),
                    start=start,
                    end=start + len(text.strip()),
                    confidence=f.confidence,
                    modality=f.modality,
                    rule=f.rule,
                )
            )
    return Extraction(article=article, mentions=tuple(mentions), facts=tuple(facts))


def extract(
    articles: Iterable[Article],
    nlp: Language,
    *,
    batch_size: int = 32,
    time_limit: float | None = None,
) -> Iterator[Extraction]:
    """Extract entities and facts from each article, in order.

    An article whose processing fails, or takes longer than ``time_limit`` seconds for a piece
    (of at most ``PIECE_CHARS`` characters), yields an :class:`Extraction` carrying a
    :class:`~kg.model.Problem` instead of facts; the others go on. (The limit needs the main
    thread of a Unix process; elsewhere it is not applied.)
    """
    stream = iter(articles)
    while batch := list(islice(stream, batch_size)):
        processed = dict(_process(nlp, batch, batch_size, time_limit))
        for number, article in enumerate(batch):
            outcome = processed[number]
            if isinstance(outcome, Exception):
                yield Extraction(article=article, problems=(_problem(article, outcome),))
            else:
                yield to_extraction(article, outcome)


def _problem(article: Article, error: Exception) -> Problem:
    where = article.origin or article.id
    if isinstance(error, ExtractionTimeout):
        return Problem(where, f"extraction took longer than {error.seconds:g} s; skipped")
    return Problem(where, f"extraction failed: {type(error).__name__}: {error}")


def _process(
    nlp: Language, batch: list[Article], batch_size: int, time_limit: float | None
) -> Iterator[tuple[int, list[tuple[int, Doc]] | Exception]]:
    """Each article's processed pieces, or the exception that stopped one of them."""
    work = [(n, offset, text) for n, a in enumerate(batch) for offset, text in pieces(a.text)]
    try:
        with time_limited(time_limit and time_limit * len(work)):
            done = list(_pipe(nlp, batch, work, batch_size))
    except Exception:  # find the culprit: one piece at a time, each within the limit
        done = []
        for piece in work:
            try:
                with time_limited(time_limit):
                    done += list(_pipe(nlp, batch, [piece], 1))
            except Exception as err:
                done.append((piece[0], piece[1], err))
    for number, group in groupby(done, key=lambda item: item[0]):
        items = list(group)
        failure = next((doc for _, _, doc in items if isinstance(doc, Exception)), None)
        yield number, failure if failure is not None else [(off, doc) for _, off, doc in items]


def _pipe(
    nlp: Language, batch: list[Article], work: list[Piece], batch_size: int
) -> Iterator[tuple[int, int, Doc]]:
    docs = ((_make_doc(nlp, batch[n], text), (n, offset)) for n, offset, text in work)
    for doc, (number, offset) in nlp.pipe(docs, as_tuples=True, batch_size=batch_size):
        yield number, offset, doc


def _make_doc(nlp: Language, article: Article, text: str) -> Doc:
    """A piece of the article's text, tokenised, knowing who published the article (for "we"
    in press releases)."""
    doc = nlp.make_doc(text)
    doc._.kg_source = article.source
    return doc
