"""Document-level cross-validation of the relation scorer (``kg eval --folds``).

The gold articles are split into K folds by document (shuffled with a seed); for each fold a
model is trained on the others (plus any articles always trained on) and its facts on the held
fold are scored, then the held folds' facts are pooled into one report — for the frames with
the model (kg's default), the model alone, and the frames alone.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from kg.extract.evaluation import EvalReport, NameMatcher, score
from kg.extract.scorer import RelationModel, decide
from kg.extract.training import (
    DEFAULT_FRAME_KEEP,
    DEFAULT_L2,
    DEFAULT_THRESHOLD,
    DocExamples,
    relation_classes,
    train,
)
from kg.model import Extraction, Fact


def predicted_facts(
    examples: DocExamples, model: RelationModel, *, threshold: float, frame_keep: float
) -> list[Fact]:
    """The facts the model and frames together give for one article (for scoring)."""
    probabilities = model.probabilities([r.columns for r in examples.records])
    article = examples.article.article
    facts = []
    for d in decide(
        examples.records,
        probabilities,
        examples.frames,
        model.classes,
        threshold=threshold,
        frame_keep=frame_keep,
    ):
        if d.frame is not None:
            subject, predicate, object_, modality, confidence = examples.frame_facts[d.frame]
        else:
            assert d.subject is not None and d.object is not None
            subject, predicate, object_, modality, confidence = (
                d.subject,
                d.predicate,
                d.object,
                d.modality,
                d.confidence,
            )
        cs, ce = examples.sentences[d.sentence] if d.sentence >= 0 else (0, 0)
        evidence = article.text[cs:ce]
        facts.append(
            Fact(article.id, subject, predicate, object_, evidence, cs, ce, confidence, modality)
        )
    return facts


def frames_facts(examples: DocExamples) -> list[Fact]:
    """The frames' facts of one article, as the frames-only mode gives them (for scoring)."""
    article = examples.article.article
    return [
        Fact(article.id, s, p, o, "", 0, 0, confidence, modality)
        for s, p, o, modality, confidence in examples.frame_facts
    ]


def folds(items: Sequence[DocExamples], k: int, seed: int) -> Iterator[tuple[list[int], list[int]]]:
    """Document-level K-fold split: ``(train, held)`` index lists, shuffled with ``seed``.

    >>> [held for _, held in folds(list(range(4)), 2, seed=1)]  # doctest: +SKIP
    """
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    for fold in range(k):
        held = sorted(order[fold::k])
        chosen = set(held)
        yield [i for i in order if i not in chosen], held


@dataclass
class CrossValidation:
    """Reports of a cross-validation at one threshold: the frames with the model (kg's
    default), the model alone, and the frames alone."""

    threshold: float
    combined: EvalReport
    model_only: EvalReport
    frames_only: EvalReport


def cross_validate(
    examples: Sequence[DocExamples],
    matcher: NameMatcher,
    *,
    predicates: Sequence[str],
    symmetric: Sequence[str],
    k: int = 5,
    seed: int = 13,
    extra: Sequence[DocExamples] = (),
    l2: float = DEFAULT_L2,
    thresholds: Sequence[float] = (DEFAULT_THRESHOLD,),
    frame_keep: float = DEFAULT_FRAME_KEEP,
    implicit_optional: bool = True,
    include_planned: bool = False,
) -> list[CrossValidation]:
    """Train on K-1 folds of ``examples`` (plus ``extra``, never scored) and score the held
    fold, for every fold; the held folds' facts are pooled into one report per threshold
    (each fold's model is trained once for all ``thresholds``)."""
    classes = relation_classes(predicates, symmetric)
    combined: dict[float, list[Extraction]] = {t: [] for t in thresholds}
    model_only: dict[float, list[Extraction]] = {t: [] for t in thresholds}
    for train_idx, held_idx in folds(examples, k, seed):
        model = train([examples[i] for i in train_idx] + list(extra), matcher, classes, l2=l2)
        for i in held_idx:
            doc = examples[i]
            bare = replace(doc, frames=(), frame_facts=())
            for t in thresholds:
                for given, out in ((doc, combined), (bare, model_only)):
                    facts = predicted_facts(given, model, threshold=t, frame_keep=frame_keep)
                    out[t].append(Extraction(doc.article.article, facts=tuple(facts)))
    gold = [d.article for d in examples]

    def report(extractions: list[Extraction]) -> EvalReport:
        return score(
            gold,
            extractions,
            matcher,
            predicates=predicates,
            symmetric=symmetric,
            implicit_optional=implicit_optional,
            include_planned=include_planned,
        )

    frames_only = report(
        [Extraction(d.article.article, facts=tuple(frames_facts(d))) for d in examples]
    )
    return [
        CrossValidation(t, report(combined[t]), report(model_only[t]), frames_only)
        for t in thresholds
    ]
