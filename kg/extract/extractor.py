"""Run the pipeline over articles and hand back plain :class:`~kg.model.Extraction` records.

Long articles are cut at paragraph breaks into pieces the parser handles well (and spaCy's
``max_length`` allows); each piece is reduced to its mentions and facts as soon as it is parsed,
with offsets mapped back to the whole text, so memory does not grow with an article's length.
A piece whose processing fails or runs over the time limit makes its article a
:class:`~kg.model.Problem`; the rest of the batch goes on.
"""

from __future__ import annotations

import functools
import gc
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from types import CodeType, FrameType

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.errors import ExtractionError
from kg.model import Article, Extraction, Fact, Mention, Problem

PIECE_CHARS = 100_000
"""Longest piece of text given to spaCy at once (its own limit is 1,000,000)."""

_BREAKS = ("\n\n", "\n", ". ", " ")


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
    at once; a long C routine (one parse) finishes first. The timer repeats every 50 ms after
    it first fires, and does not raise inside a garbage-collection callback or the unraisable
    hook, where the exception would be swallowed (and the hook itself broken): it raises at
    the next tick outside them.

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

    def expire(signum: int, frame: FrameType | None) -> None:
        if not _in_callback(frame):
            raise ExtractionTimeout(seconds)  # type: ignore[arg-type]

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _in_callback(frame: FrameType | None) -> bool:
    """Whether ``frame`` runs inside a garbage-collection callback or ``sys.unraisablehook``
    (Python calls them from C and swallows what they raise)."""
    codes = {_code_of(callback) for callback in (*gc.callbacks, sys.unraisablehook)}
    while frame is not None:
        if frame.f_code in codes:
            return True
        frame = frame.f_back
    return False


def _code_of(callback: object) -> CodeType | None:
    while isinstance(callback, functools.partial):
        callback = callback.func
    callback = getattr(callback, "__func__", callback)  # a bound method
    return getattr(callback, "__code__", None)


def pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, piece)`` parts of at most ``limit`` characters, at the
    last paragraph break if there is one late enough, else at the last line break, sentence
    end or space, else hard at the limit.

    >>> pieces("one.\\n\\ntwo.", limit=6)
    [(0, 'one.\\n\\n'), (6, 'two.')]
    >>> [p for _, p in pieces("one two.\\n\\nthree four five six", limit=16)]
    ['one two.\\n\\n', 'three four five ', 'six']
    """
    parts: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        ends = (window.rfind(mark) + len(mark) for mark in _BREAKS if mark in window)
        cut = next((end for end in ends if end > limit // 4), limit)
        parts.append((start, text[start : start + cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


@dataclass
class _Found:
    """What the pieces of one article gave so far."""

    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    error: Exception | None = None


def found_in(article: Article, offset: int, doc: Doc) -> tuple[list[Mention], list[Fact]]:
    """The mentions and facts of one processed piece of ``article`` starting at ``offset``."""
    mentions = [
        Mention(m.entity, m.span.text, offset + m.span.start_char, offset + m.span.end_char)
        for m in doc._.kg_mentions or ()
    ]
    facts = []
    for f in sorted(doc._.kg_facts or (), key=lambda f: (f.sentence.start, f.trigger, f.rule)):
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
                context=context_of(f.sentence, f.context),
            )
        )
    return mentions, facts


def context_of(sentence: Span, context: Span | None = None) -> str | None:
    """The sentence that introduces ``sentence``, verbatim, when ``sentence`` states no
    relation by itself: ``context`` if the rules gave one (a list line's group sentence), else,
    for a fragment without a verb, the nearest sentence before it that has one; else None.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> nlp.add_pipe("sentencizer")  # doctest: +ELLIPSIS
    <...>
    >>> doc = nlp("The US sanctioned three firms. Acme Ltd.")
    >>> first, second = doc.sents
    >>> context_of(second, first), context_of(first)
    ('The US sanctioned three firms.', None)
    """
    if context is None and _has_tags(sentence) and not _has_verb(sentence):
        start = sentence.start
        while start > 0 and context is None:
            previous = sentence.doc[start - 1].sent
            context = previous if _has_verb(previous) else None
            start = previous.start
    return (context.text.strip() or None) if context is not None else None


def _has_tags(span: Span) -> bool:
    return span.doc.has_annotation("POS") or span.doc.has_annotation("TAG")


def _has_verb(span: Span) -> bool:
    return any(t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB") for t in span)


def to_extraction(article: Article, docs: Iterable[tuple[int, Doc]]) -> Extraction:
    """The entities and facts of an article's processed pieces ``(offset, doc)``."""
    mentions: list[Mention] = []
    facts: list[Fact] = []
    for offset, doc in docs:
        more_mentions, more_facts = found_in(article, offset, doc)
        mentions += more_mentions
        facts += more_facts
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
    thread of a Unix process; elsewhere it is not applied. A piece caught in a batch that ran
    out of time is tried again alone, so it may get up to twice the limit.)
    """
    stream = iter(articles)
    while batch := list(islice(stream, batch_size)):
        found = [_Found() for _ in batch]
        _process(nlp, batch, found, batch_size, time_limit)
        for article, result in zip(batch, found, strict=True):
            if result.error is not None:
                yield Extraction(article=article, problems=(_problem(article, result.error),))
            else:  # pieces retried alone come late: back into the order of the text
                mentions = sorted(result.mentions, key=lambda m: m.start)
                facts = sorted(result.facts, key=lambda f: f.start)
                yield Extraction(article, tuple(mentions), tuple(facts))


def _problem(article: Article, error: Exception) -> Problem:
    where = article.origin or article.id
    if isinstance(error, ExtractionTimeout):
        return Problem(where, f"extraction took longer than {error.seconds:g} s; skipped")
    return Problem(where, f"extraction failed: {type(error).__name__}: {error}")


def _process(
    nlp: Language,
    batch: list[Article],
    found: list[_Found],
    batch_size: int,
    time_limit: float | None,
) -> None:
    """Process every piece of ``batch`` into ``found``; isolate the pieces that fail."""
    work = [(n, offset, text) for n, a in enumerate(batch) for offset, text in pieces(a.text)]
    done: set[int] = set()
    try:
        with time_limited(time_limit and time_limit * len(work)):
            for number in _pipe(nlp, batch, work, found, batch_size):
                done.add(number)
    except Exception:  # find the culprit: the pieces not done, one at a time
        for number, piece in enumerate(work):
            if number in done or found[piece[0]].error is not None:
                continue
            try:
                with time_limited(time_limit):
                    for _ in _pipe(nlp, batch, [piece], found, 1):
                        pass
            except Exception as err:
                found[piece[0]].error = err


def _pipe(
    nlp: Language,
    batch: list[Article],
    work: list[tuple[int, int, str]],
    found: list[_Found],
    batch_size: int,
) -> Iterator[int]:
    """Parse the pieces ``work`` and record what each gives; yield each piece's number."""
    docs = ((_make_doc(nlp, batch[n], text), k) for k, (n, _, text) in enumerate(work))
    for doc, k in nlp.pipe(docs, as_tuples=True, batch_size=batch_size):
        number, offset, _ = work[k]
        mentions, facts = found_in(batch[number], offset, doc)
        found[number].mentions += mentions
        found[number].facts += facts
        yield k


def _make_doc(nlp: Language, article: Article, text: str) -> Doc:
    """A piece of the article's text, tokenised, knowing who published the article (for "we"
    in press releases)."""
    doc = nlp.make_doc(text)
    doc._.kg_source = article.source
    return doc
