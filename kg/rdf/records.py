"""The stable JSON record of a fact, as ``kg extract`` writes it (one per line).

Other tools read this format; its keys do not change::

    {"doc", "subject", "subject_iri", "predicate", "object", "object_iri",
     "evidence", "start", "end", "confidence"}

plus ``modality``, ``rule`` and ``context`` (the sentence introducing evidence that states no
relation by itself, such as a list line; else null), which may be ignored.
"""

from __future__ import annotations

from typing import Any

from kg.model import Fact
from kg.rdf.namespace import entity_iri

FACT_KEYS = (
    "doc",
    "subject",
    "subject_iri",
    "predicate",
    "object",
    "object_iri",
    "evidence",
    "start",
    "end",
    "confidence",
    "modality",
    "rule",
    "context",
)


def fact_record(fact: Fact) -> dict[str, Any]:
    """A fact as a plain JSON-ready dict with the keys of ``FACT_KEYS``.

    >>> from kg.model import Entity
    >>> f = Fact("a1", Entity("Rapidus", "Company"), "partnersWith", Entity("IBM", "Company"),
    ...          "Rapidus is working with IBM.", 0, 28, 0.85)
    >>> r = fact_record(f)
    >>> r["subject_iri"], r["predicate"], r["object"]
    ('https://w3id.org/kg/id/entity/rapidus', 'partnersWith', 'IBM')
    """
    return {
        "doc": fact.doc,
        "subject": fact.subject.label,
        "subject_iri": str(entity_iri(fact.subject.label)),
        "predicate": fact.predicate,
        "object": fact.object.label,
        "object_iri": str(entity_iri(fact.object.label)),
        "evidence": fact.evidence,
        "start": fact.start,
        "end": fact.end,
        "confidence": fact.confidence,
        "modality": fact.modality,
        "rule": fact.rule,
        "context": fact.context,
    }
