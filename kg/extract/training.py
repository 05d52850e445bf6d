"""Train the relation scorer on gold files (``kg train``; cross-validation is
:mod:`kg.extract.crossval`).

Gold files are the format of ``kg eval`` (an article a line with its ``triples``). Each gold
article is parsed once by the frames-only pipeline and reduced to plain records
(:class:`DocExamples`): its featurised candidate pairs and the frames' facts. A pair is
labelled with the gold fact it states — the same two names (after the scorer's normalisation
and aliases) in a sentence the fact's evidence overlaps — else "none"; a pair whose fact the
gold gives with evidence elsewhere is left out rather than taught as false. Gold facts no pair
can express are counted (:attr:`TrainingReport.unaligned`).

The classifier is multinomial logistic regression with an L2 penalty, fitted by L-BFGS over
the hashed columns that occur at least ``min_count`` times.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize
from spacy.language import Language

from kg.errors import DataError
from kg.extract.evaluation import (
    GoldArticle,
    GoldFact,
    NameMatcher,
    merge_aliases,
    normalise_name,
    read_gold,
)
from kg.extract.scorer import (
    NONE,
    Featuriser,
    FrameTriple,
    PairRecord,
    RelationModel,
)
from kg.model import Entity, Modality

DEFAULT_L2 = 1.0
DEFAULT_THRESHOLD = 0.6
DEFAULT_FRAME_KEEP = 0.0
"""Defaults chosen by 5-fold cross-validation over trainset + devset (``bench/RESULTS.md``).
The threshold: 0.6 keeps precision above 0.70 (0.728) for 0.004 of F1 against 0.5."""


@dataclass(frozen=True)
class DocExamples:
    """One gold article reduced to what training and scoring need."""

    article: GoldArticle
    records: tuple[PairRecord, ...]
    frames: tuple[FrameTriple, ...]
    frame_facts: tuple[tuple[Entity, str, Entity, Modality, float], ...]
    """The frames' facts: subject, predicate, object, modality, confidence."""
    sentences: tuple[tuple[int, int], ...]
    """Character span of each sentence."""


@dataclass
class TrainingReport:
    """What the alignment of gold facts to candidate pairs found."""

    examples: int = 0
    positives: int = 0
    masked: int = 0
    unaligned: list[tuple[str, str, str, str]] = field(default_factory=list)
    """Gold facts (doc, subject, predicate, object) that no candidate pair of theirs states."""


def relation_classes(predicates: Iterable[str], symmetric: Iterable[str]) -> tuple[str, ...]:
    """The classifier's classes: ``none``, then each predicate in each direction.

    >>> relation_classes(["subsidises", "partnersWith"], ["partnersWith"])
    ('none', 'partnersWith=', 'subsidises>', 'subsidises<')
    """
    sym = set(symmetric)
    out = [NONE]
    for p in sorted(predicates):
        out += [f"{p}="] if p in sym else [f"{p}>", f"{p}<"]
    return tuple(out)


def featurise(
    nlp: Language, gold: Sequence[GoldArticle], featuriser: Featuriser
) -> list[DocExamples]:
    """Parse each gold article with ``nlp`` (the frames-only pipeline) into records."""
    docs = nlp.pipe((g.article.text for g in gold), batch_size=16)
    out = []
    for item, doc in zip(gold, docs, strict=True):
        facts = list(doc._.kg_facts or [])
        found = featuriser.records(doc, facts)
        frame_facts = tuple(
            (f.subject, f.predicate, f.object, f.modality, f.confidence) for f in facts
        )
        spans = tuple((s.start_char, s.end_char) for s in found.sentences)
        out.append(DocExamples(item, found.records, found.frames, frame_facts, spans))
    return out


def labels_of(
    examples: DocExamples, matcher: NameMatcher, classes: Sequence[str], report: TrainingReport
) -> list[str | None]:
    """The class of each record of ``examples`` (None: leave it out of training); gold facts
    of predicates outside ``classes`` are ignored."""
    sym = {c[:-1] for c in classes if c.endswith("=")}
    known = {c[:-1] for c in classes if c != NONE}
    text = examples.article.article.text
    gold: list[_Gold] = []
    for g in examples.article.facts:
        if g.predicate not in known:
            continue
        start = text.find(g.evidence) if g.evidence else -1
        where = (start, start + len(g.evidence)) if start >= 0 else (0, len(text))
        objects = {matcher.key(g.object), matcher.key(g.object_country or g.object)}
        gold.append((matcher.key(g.subject), g.predicate, objects, where, g))
    found: set[int] = set()
    labels: list[str | None] = []
    for record in examples.records:
        a, b = matcher.key(record.first.label), matcher.key(record.second.label)
        cs, ce = examples.sentences[record.sentence]
        label: str | None = NONE
        for n, (s, p, objects, (es, ee), _) in enumerate(gold):
            if s == a and b in objects:
                name = f"{p}=" if p in sym else f"{p}>"
            elif s == b and a in objects:
                name = f"{p}=" if p in sym else f"{p}<"
            else:
                continue
            if es < ce and cs < ee:
                label = name
                found.add(n)
                break
            label = None  # stated elsewhere: neither taught as true nor as false
        if label == NONE and _near_miss(record, (cs, ce), gold, matcher):
            label = None
        labels.append(label)
        report.examples += label is not None
        report.positives += label not in (None, NONE)
        report.masked += label is None
    for n, (*_, g) in enumerate(gold):
        if n not in found:
            report.unaligned.append((g.doc, g.subject, g.predicate, g.object))
    return labels


_GLUE = frozenset({"of", "and", "the", "for", "in", "on", "de"})


_Gold = tuple[str, str, set[str], tuple[int, int], GoldFact]
"""A gold fact as :func:`labels_of` matches it: subject key, predicate, object keys, the
character span of its evidence, the fact."""


def _near_miss(
    record: PairRecord, sentence: tuple[int, int], gold: Sequence[_Gold], matcher: NameMatcher
) -> bool:
    """Whether the record pairs one argument of a gold fact stated in its sentence with a
    name that shares the other's head word ("Tata Steel Europe" for "Tata Steel", "steel"
    for "rolled steel"): a boundary the candidates drew differently, not a negative."""
    sides = (
        (matcher.key(record.first.label), record.second.label),
        (matcher.key(record.second.label), record.first.label),
    )
    cs, ce = sentence
    for s, _, objects, (es, ee), g in gold:
        if es < ce and cs < ee:
            for key, other in sides:
                if (key == s and _same_head(other, g.object)) or (
                    key in objects and _same_head(other, g.subject)
                ):
                    return True
    return False


def _same_head(x: str, y: str) -> bool:
    """Whether one name's last word is a word of the other (glue words aside)."""
    wx, wy = ([w for w in normalise_name(n).split() if w not in _GLUE] for n in (x, y))
    return bool(wx and wy) and (wx[-1] in wy or wy[-1] in wx)


def fit(
    rows: Sequence[Sequence[int]],
    labels: Sequence[str],
    classes: Sequence[str],
    *,
    l2: float = 1.0,
    min_count: int = 2,
    max_iter: int = 200,
    info: dict | None = None,
) -> RelationModel:
    """Fit the softmax classifier on feature-id ``rows`` and their class names ``labels``.

    >>> m = fit([[1], [2], [1], [2]], ["a>", "none", "a>", "none"], ("none", "a>"), min_count=1)
    >>> int(m.probabilities([[1]])[0].argmax())
    1
    """
    counts = Counter(c for row in rows for c in set(row))
    columns = np.array(sorted(c for c, n in counts.items() if n >= min_count), dtype=np.int64)
    index = {int(c): i for i, c in enumerate(columns)}
    indptr: list[int] = [0]
    indices: list[int] = []
    for row in rows:
        indices.extend(sorted(index[c] for c in row if c in index))  # one order in every process
        indptr.append(len(indices))
    X = sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(columns)))
    class_index = {c: i for i, c in enumerate(classes)}
    y = np.array([class_index[label] for label in labels])
    n_features, n_classes = len(columns), len(classes)
    Y = sparse.csr_matrix((np.ones(len(y)), (np.arange(len(y)), y)), shape=(len(y), n_classes))
    XT = X.T.tocsr()

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        W = theta[: n_features * n_classes].reshape(n_features, n_classes)
        b = theta[n_features * n_classes :]
        logits = X @ W + b
        logits -= logits.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(logits).sum(axis=1, keepdims=True))
        log_p = logits - log_norm
        value = -log_p[np.arange(len(y)), y].sum() + 0.5 * l2 * float((W * W).sum())
        diff = np.exp(log_p) - Y
        grad_w = XT @ diff + l2 * W
        return value, np.concatenate(
            [np.asarray(grad_w).ravel(), np.asarray(diff.sum(axis=0)).ravel()]
        )

    theta0 = np.zeros(n_features * n_classes + n_classes)
    result = minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": max_iter})
    W = result.x[: n_features * n_classes].reshape(n_features, n_classes)
    bias = result.x[n_features * n_classes :]
    keep = np.abs(W).max(axis=1) >= 1e-3  # columns that barely move any class: not worth shipping
    return RelationModel(
        tuple(classes),
        columns[keep],
        W[keep].astype(np.float32),
        bias.astype(np.float32),
        info=dict(info or {}, examples=len(rows), columns=int(keep.sum()), l2=l2),
    )


def train(
    examples: Sequence[DocExamples],
    matcher: NameMatcher,
    classes: Sequence[str],
    *,
    l2: float = DEFAULT_L2,
    threshold: float = DEFAULT_THRESHOLD,
    frame_keep: float = DEFAULT_FRAME_KEEP,
    report: TrainingReport | None = None,
) -> RelationModel:
    """Label the records of ``examples`` and fit a model on them."""
    report = report if report is not None else TrainingReport()
    rows: list[tuple[int, ...]] = []
    labels: list[str] = []
    for doc in examples:
        for record, label in zip(
            doc.records, labels_of(doc, matcher, classes, report), strict=True
        ):
            if label is not None:
                rows.append(record.columns)
                labels.append(label)
    model = fit(rows, labels, classes, l2=l2, info={"documents": len(examples)})
    return replace(model, threshold=threshold, frame_keep=frame_keep)


@dataclass(frozen=True)
class GoldCorpus:
    """Gold files read, parsed and featurised once, with the name matcher of their aliases."""

    examples: tuple[DocExamples, ...]
    matcher: NameMatcher


def read_corpus(
    gold_paths: Sequence[Path],
    alias_paths: Sequence[Path] = (),
    *,
    model: str | None = None,
    gazetteer: Path | None = None,
    discourse: bool = True,
) -> GoldCorpus:
    """Read gold files and featurise their articles with the frames-only pipeline
    (``discourse`` as :class:`~kg.extract.scorer.Featuriser` takes it).

    Article ids must be unique across the files (a repeated id names both places).
    """
    from kg.extract.gazetteer import load_gazetteer
    from kg.extract.pipeline import FRAMES_ONLY, load_pipeline
    from kg.extract.scorer import make_featuriser

    gold: list[GoldArticle] = []
    seen: dict[str, str] = {}
    for path in gold_paths:
        for item in read_gold(path):
            where = item.article.origin or str(path)
            if item.article.id in seen:
                raise DataError(
                    f"{where}: article id {item.article.id!r} also at {seen[item.article.id]}"
                )
            seen[item.article.id] = where
            gold.append(item)
    nlp = load_pipeline(model, gazetteer=gazetteer, relations=FRAMES_ONLY)
    examples = featurise(nlp, gold, make_featuriser(gazetteer, discourse=discourse))
    matcher = NameMatcher.from_sources(load_gazetteer(gazetteer), merge_aliases(alias_paths))
    return GoldCorpus(tuple(examples), matcher)


def train_model(
    corpus: GoldCorpus,
    *,
    l2: float = DEFAULT_L2,
    threshold: float = DEFAULT_THRESHOLD,
    frame_keep: float = DEFAULT_FRAME_KEEP,
) -> tuple[RelationModel, TrainingReport]:
    """Train a relation model on every article of ``corpus`` (``kg train``)."""
    from kg.vocabulary import RELATIONS, SYMMETRIC

    report = TrainingReport()
    classes = relation_classes(RELATIONS, SYMMETRIC)
    model = train(
        corpus.examples,
        corpus.matcher,
        classes,
        l2=l2,
        threshold=threshold,
        frame_keep=frame_keep,
        report=report,
    )
    return model, report
