"""What the relation rules hand on: a fact found in a document, before it meets its article."""

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
