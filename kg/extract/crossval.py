"""Document-level cross-validation of the relation scorer (``kg eval --folds``).

The gold articles are split into K folds by document (shuffled with a seed); for each fold a
model is trained on the others (plus any articles always trained on) and its facts on the held
fold are scored, then the held folds' facts are pooled into one report — for the frames with
the model (kg's default), the model alone, and the frames alone.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kg.extract.evaluation import EvalReport, NameMatcher, score
from kg.extract.scorer import RelationModel, decide
from kg.extract.training import (
    DEFAULT_FRAME_KEEP,
    DEFAULT_L2,
    DEFAULT_THRESHOLD,
    DocExamples,
    TrainingReport,
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
        probabilities.reshape(len(examples.records), len(model.classes)),
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
    """Reports of a cross-validation: the model with the frames, and the frames alone."""

    combined: EvalReport
    frames_only: EvalReport
    model_only: EvalReport
    alignment: TrainingReport


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
    threshold: float = DEFAULT_THRESHOLD,
    frame_keep: float = DEFAULT_FRAME_KEEP,
    implicit_optional: bool = True,
    include_planned: bool = False,
) -> CrossValidation:
    """Train on K-1 folds of ``examples`` (plus ``extra``, never scored) and score the held
    fold, for every fold; the held folds' facts are pooled into one report."""
    classes = relation_classes(predicates, symmetric)
    alignment = TrainingReport()
    combined: list[Extraction] = []
    model_only: list[Extraction] = []
    for train_idx, held_idx in folds(examples, k, seed):
        model = train(
            [examples[i] for i in train_idx] + list(extra),
            matcher,
            classes,
            l2=l2,
            report=alignment,
        )
        for i in held_idx:
            doc = examples[i]
            article = doc.article.article
            facts = predicted_facts(doc, model, threshold=threshold, frame_keep=frame_keep)
            combined.append(Extraction(article, facts=tuple(facts)))
            bare = DocExamples(doc.article, doc.records, (), (), doc.sentences)
            alone = predicted_facts(bare, model, threshold=threshold, frame_keep=frame_keep)
            model_only.append(Extraction(article, facts=tuple(alone)))
    frames = [Extraction(d.article.article, facts=tuple(frames_facts(d))) for d in examples]
    gold = [d.article for d in examples]
    options = dict(
        predicates=predicates,
        symmetric=symmetric,
        implicit_optional=implicit_optional,
        include_planned=include_planned,
    )
    return CrossValidation(
        score(gold, combined, matcher, **options),  # type: ignore[arg-type]
        score(gold, frames, matcher, **options),  # type: ignore[arg-type]
        score(gold, model_only, matcher, **options),  # type: ignore[arg-type]
        alignment,
    )
