"""What the entity linker gives each document: its names linked to entities, and the spans
naming offices. Plain records, read by every stage after linking."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from kg.model import Entity


@dataclass(frozen=True, slots=True)
class Linked:
    """A span of a document linked to an entity.

    ``how`` says how the link was made: ``name``, ``demonym``, ``product`` (gazetteer),
    ``acronym``, ``partial``, ``surname`` (same document), ``joined`` (a firm's name and a
    country's, :mod:`kg.extract.joined_names`), ``coref`` or ``ner`` (a new entity).
    """

    span: Span
    entity: Entity
    how: str


@dataclass(frozen=True, slots=True)
class TitleSpan:
    """A span naming an office ("Secretary of Commerce"), kept for the title rules."""

    span: Span
