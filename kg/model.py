"""Plain, immutable records handed from one stage to the next.

ingest -> :class:`Article` (and :class:`Skipped` for the files it leaves out); extract ->
:class:`Entity`, :class:`Mention`, :class:`Fact` (gathered per article in :class:`Extraction`);
problems along the way -> :class:`Problem`. No stage hands another anything but these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal[
    "Country",
    "Company",
    "GovernmentBody",
    "Alliance",
    "Person",
    "Product",
    "Organization",
    "Place",
]
"""Local names of the ontology classes an entity can have (``ontologies/kg.ttl``)."""

ENTITY_TYPES: tuple[EntityType, ...] = EntityType.__args__  # type: ignore[attr-defined]

Modality = Literal["asserted", "planned", "reported"]
"""How firmly the source states a fact; negated and hypothetical statements are dropped."""


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: its text and what is known about it.

    >>> Article(id="a1", text="Japan subsidises Micron.").title is None
    True
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None
    """Where the article was read from, as ``path`` or ``path:line``."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A bad input item or a failed article, reported and skipped while the batch goes on.

    >>> str(Problem("news.jsonl:3", "invalid JSON"))
    'news.jsonl:3: invalid JSON'
    """

    where: str
    message: str

    def __str__(self) -> str:
        return f"{printable(self.where)}: {printable(self.message)}"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or folder met in a folder that is left out on purpose, and why.

    >>> str(Skipped("examples/a.gold.jsonl", "gold file"))
    'examples/a.gold.jsonl (gold file)'
    """

    where: str
    reason: Literal["gold file", "excluded", "folder read already"]

    def __str__(self) -> str:
        return f"{printable(self.where)} ({self.reason})"


def printable(text: str) -> str:
    """``text`` with every control, format and line-separator character escaped (``\\n``,
    ``\\x1b``, ``\\u202e``), so that a file name holding a newline cannot forge a line of a
    report, nor an escape sequence or a bidi override recolour or reorder it.

    >>> printable("a\\nproblem: forged.txt"), printable("ok.txt")
    ('a\\\\nproblem: forged.txt', 'ok.txt')
    """
    if text.isprintable():
        return text
    return "".join(
        char if char.isprintable() or char == " " else char.encode("unicode_escape").decode()
        for char in text
    )


@dataclass(frozen=True, slots=True)
class Entity:
    """A real-world thing, by its canonical label (which is its identity in the graph).

    >>> Entity("Micron Technology", "Company", country="United States").label
    'Micron Technology'
    """

    label: str
    type: EntityType
    qid: str | None = None
    """Wikidata identifier, when the gazetteer knows it."""
    country: str | None = None
    """Canonical label of the entity's country (home country of a company or body)."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of an article's text that names an entity."""

    entity: Entity
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Fact:
    """One relation stated by one sentence of one article.

    ``predicate`` is the ontology's local name (``partnersWith``); ``start`` and ``end`` are the
    character offsets of ``evidence`` in the article text.
    """

    doc: str
    subject: Entity
    predicate: str
    object: Entity
    evidence: str
    start: int
    end: int
    confidence: float
    modality: Modality = "asserted"
    rule: str = ""
    """Name of the pattern that produced the fact, for tracing a fact to its origin."""
    context: str | None = None
    """When ``evidence`` states no relation by itself (a list line, a fragment), the sentence
    of the article that introduces it, verbatim."""

    @property
    def key(self) -> tuple[str, str, str]:
        """``(subject, predicate, object)`` labels: the fact regardless of its evidence."""
        return (self.subject.label, self.predicate, self.object.label)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What extraction found in one article."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    facts: tuple[Fact, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
