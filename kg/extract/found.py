"""What the relation rules hand on: a fact found in a document, before it meets its article.

Every such fact is made by :func:`found_fact`, and every fact derived from another (propagated
to a subject, handed to a list's members, a joint venture's parents) by :func:`derive`: one
place rounds confidences and records the rule that made a fact.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from kg.model import Entity, Modality


@dataclass(frozen=True, slots=True)
class FoundFact:
    """A fact found in a document, before it is tied to an article."""

    subject: Entity
    predicate: str
    object: Entity
    sentence: Span
    confidence: float
    modality: Modality
    rule: str
    trigger: int
    """Index of the token that triggered the fact (for propagation and debugging)."""
    context: Span | None = None
    """The sentence that introduces ``sentence`` when that states no relation by itself (a
    list line): the sentence that states the group's relation."""


def found_fact(
    subject: Entity,
    predicate: str,
    object_: Entity,
    sentence: Span,
    *,
    confidence: float,
    rule: str,
    trigger: int,
    modality: Modality = "asserted",
    context: Span | None = None,
) -> FoundFact:
    """A fact the rules found in ``sentence`` (introduced by ``context``, if given), its
    confidence rounded to three places.

    >>> from spacy.lang.en import English
    >>> doc = English()("Japan subsidises Micron.")
    >>> fact = found_fact(Entity("Japan", "Country"), "subsidises", Entity("Micron", "Company"),
    ...                   doc[:], confidence=0.85 * 0.95, rule="subsidises/verb", trigger=1)
    >>> fact.confidence
    0.807
    """
    return FoundFact(
        subject,
        predicate,
        object_,
        sentence,
        round(confidence, 3),
        modality,
        rule,
        trigger,
        None if context == sentence else context,
    )


def derive(
    fact: FoundFact,
    *,
    rule: str,
    confidence: float,
    subject: Entity | None = None,
    predicate: str | None = None,
    object_: Entity | None = None,
    sentence: Span | None = None,
    context: Span | None = None,
) -> FoundFact:
    """A fact derived from ``fact`` by ``rule``: ``fact`` with the parts given changed, its
    modality, trigger and context kept, ``confidence`` rounded as :func:`found_fact` rounds
    it."""
    return found_fact(
        fact.subject if subject is None else subject,
        fact.predicate if predicate is None else predicate,
        fact.object if object_ is None else object_,
        fact.sentence if sentence is None else sentence,
        confidence=confidence,
        rule=rule,
        trigger=fact.trigger,
        modality=fact.modality,
        context=fact.context if context is None else context,
    )
