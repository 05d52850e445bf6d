"""The learned relation scorer: a linear model over candidate pairs, combined with the frames.

For every sentence with two candidate arguments (:mod:`kg.extract.candidates`), each pair is
described by hashed features (:mod:`kg.extract.features`) and scored by a softmax classifier
over "no relation" and each predicate in each direction. A pair becomes a fact when the model
is confident enough (``threshold``); a fact of the frames (``kg_relations``) on a pair the
model scored stays when the model gives its predicate at least ``frame_keep`` — so frames and
model vote together — and stays as it is where the model saw no pair (lists, cross-sentence
facts). :func:`decide` is that rule, on plain records, shared by the spaCy component and by
cross-validation.

The weights are data: ``weights.npz`` and ``model.json`` in a directory (:meth:`to_disk`),
made by ``kg train`` (:mod:`kg.extract.training`). kg ships one in ``kg/extract/trained``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.errors import ModelError
from kg.extract.candidates import (
    CandidateWords,
    candidate_pairs,
    load_candidate_words,
    sentence_candidates,
    topic_entity,
)
from kg.extract.features import HASH_BITS, FeatureContext, hashed, pair_features
from kg.extract.found import FoundFact, derive, found_fact
from kg.extract.frames import FrameSet
from kg.model import Entity, Modality

NONE = "none"
ONE_PER_SUBJECT = frozenset({"headquarteredIn"})
"""Relations a subject has with one object: where the frames place a firm's headquarters,
the model adds no other (16 of the 18 it did add in cross-validation were wrong)."""
MAX_CANDIDATES = 30
"""A sentence with more candidate arguments is a list: the classifier does not score its
pairs (their number grows with the square), the frames' list rules do."""
FORMAT_VERSION = 1
SHIPPED_MODEL = Path(__file__).parent / "trained"
"""The model kg ships, trained on ``../shared`` by ``scripts/train_relations.sh``."""


@dataclass(frozen=True)
class RelationModel:
    """Weights of the softmax classifier over hashed features.

    ``classes`` are ``none`` and ``predicate>`` (the first argument in the text is the subject),
    ``predicate<`` (the second is) or ``predicate=`` (symmetric); ``columns`` are the hashed
    feature ids that have weights (sorted), ``weights`` their rows.
    """

    classes: tuple[str, ...]
    columns: np.ndarray
    weights: np.ndarray
    bias: np.ndarray
    threshold: float = 0.5
    frame_keep: float = 0.1
    info: Mapping[str, Any] | None = None

    def probabilities(self, rows: Sequence[Sequence[int]]) -> np.ndarray:
        """Class probabilities, one row per feature-id list.

        >>> m = RelationModel(("none", "subsidises>"), np.array([7]), np.array([[0.0, 2.0]]),
        ...                   np.zeros(2))
        >>> m.probabilities([[7], [8]]).round(2).tolist()
        [[0.12, 0.88], [0.5, 0.5]]
        """
        logits = np.tile(self.bias.astype(np.float64), (len(rows), 1))
        for n, ids in enumerate(rows):
            wanted = np.asarray(ids, dtype=np.int64)
            where = np.searchsorted(self.columns, wanted)
            inside = where < len(self.columns)
            where, wanted = where[inside], wanted[inside]
            hits = where[self.columns[where] == wanted]
            if len(hits):
                logits[n] += self.weights[hits].sum(axis=0, dtype=np.float64)
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def to_disk(self, directory: Path) -> None:
        """Write ``weights.npz`` and ``model.json`` into ``directory`` (made if missing)."""
        directory.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            directory / "weights.npz",
            columns=self.columns.astype(np.int32),
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
        )
        meta = {
            "format": FORMAT_VERSION,
            "hash_bits": HASH_BITS,
            "classes": list(self.classes),
            "threshold": self.threshold,
            "frame_keep": self.frame_keep,
            "info": dict(self.info or {}),
        }
        (directory / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def from_disk(cls, directory: Path) -> RelationModel:
        """Read a model written by :meth:`to_disk`; errors name the file and what is wrong."""
        meta_path, weights_path = directory / "model.json", directory / "weights.npz"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            arrays = np.load(weights_path)
            columns, weights, bias = arrays["columns"], arrays["weights"], arrays["bias"]
        except (OSError, ValueError, KeyError) as err:
            raise ModelError(f"{directory}: not a kg relation model ({err})") from err
        if meta.get("format") != FORMAT_VERSION or meta.get("hash_bits") != HASH_BITS:
            raise ModelError(
                f"{meta_path}: model format {meta.get('format')}/{meta.get('hash_bits')} bits; "
                f"this kg reads format {FORMAT_VERSION} with {HASH_BITS} bits: retrain it"
            )
        classes = tuple(meta["classes"])
        if weights.shape != (len(columns), len(classes)) or bias.shape != (len(classes),):
            raise ModelError(f"{weights_path}: array shapes do not match {meta_path}'s classes")
        return cls(
            classes,
            columns.astype(np.int64),
            weights.astype(np.float32),
            bias.astype(np.float32),
            float(meta["threshold"]),
            float(meta["frame_keep"]),
            meta.get("info") or {},
        )


@dataclass(frozen=True, slots=True)
class PairRecord:
    """A candidate pair of one sentence, featurised: what the classifier sees."""

    sentence: int
    first: Entity
    second: Entity
    columns: tuple[int, ...]
    modality: Modality | None
    """The modality of the word the pair's path turns at (None: negated or hypothetical)."""


@dataclass(frozen=True, slots=True)
class FrameTriple:
    """A fact of the frames, reduced to what :func:`decide` needs."""

    sentence: int
    subject: str
    predicate: str
    object: str


@dataclass(frozen=True, slots=True)
class Decision:
    """A fact the scorer keeps: a new one from the model (``frame`` None) or the frames'
    fact number ``frame``."""

    sentence: int
    subject: Entity | None
    predicate: str
    object: Entity | None
    confidence: float
    modality: Modality
    frame: int | None = None


class Featuriser:
    """Turns a processed document into :class:`PairRecord` lists (one per document)."""

    def __init__(
        self,
        frames: FrameSet,
        countries: Mapping[str, Entity],
        words: CandidateWords | None = None,
        *,
        discourse: bool = True,
    ) -> None:
        """``discourse`` False leaves out the article's topic entity as a candidate for "it"
        and "the company" (for ablation)."""
        self.discourse = discourse
        triggers: dict[str, set[str]] = {}
        for frame in frames.frames:
            for trigger in (*frame.verbs, *frame.nouns):
                triggers.setdefault(trigger.head, set()).add(frame.predicate)
        self.triggers = {k: frozenset(v) for k, v in triggers.items()}
        self.cues = frames.modality
        self.countries = countries
        self.words = words or load_candidate_words()

    def records(self, doc: Doc, facts: Sequence[FoundFact]) -> Featurised:
        """The document's featurised pairs (from sentences with two candidates) and the
        frames' ``facts``."""
        sentences = list(doc.sents)
        mentions = doc._.kg_mentions or []
        topic = topic_entity(mentions) if self.discourse else None
        starts = {s.start: n for n, s in enumerate(sentences)}
        by_sentence: dict[int, list[Any]] = {}
        for m in mentions:
            by_sentence.setdefault(starts[m.span.sent.start], []).append(m)
        frames: list[FrameTriple] = []
        frame_pairs: dict[int, dict[tuple[str, str], set[str]]] = {}
        for f in facts:
            number = starts.get(f.sentence.start, -1)
            frames.append(FrameTriple(number, f.subject.label, f.predicate, f.object.label))
            pairs = frame_pairs.setdefault(number, {})
            pairs.setdefault((f.subject.label, f.object.label), set()).add(f.predicate)
        records: list[PairRecord] = []
        for number, sentence in enumerate(sentences):
            candidates = sentence_candidates(
                sentence,
                by_sentence.get(number, ()),
                topic=topic,
                countries=self.countries,
                words=self.words,
            )
            if not 2 <= len(candidates) <= MAX_CANDIDATES:
                continue  # no pair, or a long list (the frames' list rules read those)
            ctx = FeatureContext(
                self.triggers,
                {k: frozenset(v) for k, v in frame_pairs.get(number, {}).items()},
                self.cues,
            )
            for a, b in candidate_pairs(candidates):
                feats = pair_features(sentence, a, b, ctx)
                modality = _modality(feats)
                records.append(
                    PairRecord(number, a.entity, b.entity, tuple(hashed(feats)), modality)
                )
        return Featurised(sentences, tuple(records), tuple(frames))


@dataclass(frozen=True)
class Featurised:
    """A processed document as the scorer sees it."""

    sentences: list[Span]
    records: tuple[PairRecord, ...]
    frames: tuple[FrameTriple, ...]
    """The frames' facts, in the order given, reduced to labels (for :func:`decide`)."""


def _modality(features: list[str]) -> Modality | None:
    for feature in features:
        if feature.startswith("M="):
            value = feature[2:]
            return None if value == "none" else value  # type: ignore[return-value]
    return "asserted"


def decide(
    records: Sequence[PairRecord],
    probabilities: np.ndarray,
    frames: Sequence[FrameTriple],
    classes: Sequence[str],
    *,
    threshold: float,
    frame_keep: float,
) -> list[Decision]:
    """Which facts a document states: the model's confident pairs, plus the frames' facts the
    model does not contradict.

    The model states no fact where the pair's governing word is negated or hypothetical, nor
    on a pair the frames read (they are the more precise; the model may confirm them). A
    frame fact on a pair the model scored is kept if the model gives its predicate (in its
    direction) at least ``frame_keep``, its confidence then the larger of the two; a frame fact
    on a pair the model never saw is kept as it is (``confidence`` -1 means: the frame's).
    Where the frames give a subject its one object of a relation (:data:`ONE_PER_SUBJECT`:
    a firm's headquarters), the model gives it no other.

    >>> from kg.model import Entity
    >>> a, b = Entity("Japan", "Country"), Entity("Micron", "Company")
    >>> rec = [PairRecord(0, a, b, (), "asserted")]
    >>> probs = np.array([[0.2, 0.8]])
    >>> [d.predicate for d in decide(rec, probs, [], ("none", "subsidises>"),
    ...                              threshold=0.5, frame_keep=0.1)]
    ['subsidises']
    """
    scored: dict[tuple[int, str, str], int] = {}
    out: list[Decision] = []
    column = {c: n for n, c in enumerate(classes)}
    framed = {_pair_key(f.sentence, f.subject, f.object) for f in frames}
    placed = {(f.subject, f.predicate) for f in frames if f.predicate in ONE_PER_SUBJECT}
    for n, (record, row) in enumerate(zip(records, probabilities, strict=True)):
        key = _pair_key(record.sentence, record.first.label, record.second.label)
        scored[key] = n
        best = int(np.argmax(row[1:])) + 1
        if row[best] < threshold or record.modality is None or key in framed:
            continue  # not confident; negated or hypothetical; or the frames read this pair
        predicate, direction = classes[best][:-1], classes[best][-1]
        subject, object_ = (
            (record.second, record.first) if direction == "<" else (record.first, record.second)
        )
        if (subject.label, predicate) in placed:
            continue  # the frames have this firm's one headquarters (the same one or another)
        out.append(
            Decision(
                record.sentence, subject, predicate, object_, float(row[best]), record.modality
            )
        )
    for number, fact in enumerate(frames):
        at = scored.get(_pair_key(fact.sentence, fact.subject, fact.object))
        if at is None:
            out.append(
                Decision(fact.sentence, None, fact.predicate, None, -1.0, "asserted", number)
            )
            continue
        forward = records[at].first.label == fact.subject
        name = fact.predicate + ("=" if f"{fact.predicate}=" in column else ">" if forward else "<")
        p = float(probabilities[at][column[name]]) if name in column else 0.0
        if p >= frame_keep:
            out.append(Decision(fact.sentence, None, fact.predicate, None, p, "asserted", number))
    return out


def _pair_key(sentence: int, a: str, b: str) -> tuple[int, str, str]:
    """Two labels in one sentence, in either order."""
    return (sentence, a, b) if a <= b else (sentence, b, a)


class RelationScorer:
    """spaCy component: rescore the frames' facts and add the model's (``kg_scorer``)."""

    def __init__(self, model: RelationModel, featuriser: Featuriser) -> None:
        self.model = model
        self.featuriser = featuriser

    def __call__(self, doc: Doc) -> Doc:
        facts: list[FoundFact] = list(doc._.kg_facts or [])
        found = self.featuriser.records(doc, facts)
        probabilities = self.model.probabilities([r.columns for r in found.records])
        decisions = decide(
            found.records,
            probabilities,
            found.frames,
            self.model.classes,
            threshold=self.model.threshold,
            frame_keep=self.model.frame_keep,
        )
        kept: list[FoundFact] = []
        for d in decisions:
            if d.frame is not None:
                fact = facts[d.frame]
                confidence = max(fact.confidence, d.confidence)
                rule = fact.rule if d.confidence < 0 else f"{fact.rule}+model"
                kept.append(derive(fact, rule=rule, confidence=confidence))
            else:
                assert d.subject is not None and d.object is not None
                sentence = found.sentences[d.sentence]
                kept.append(
                    found_fact(
                        d.subject,
                        d.predicate,
                        d.object,
                        sentence,
                        confidence=d.confidence,
                        rule=f"{d.predicate}/model",
                        trigger=sentence.root.i,
                        modality=d.modality,
                    )
                )
        doc._.kg_facts = kept
        return doc


def load_relation_model(path: str | Path | None = None) -> RelationModel:
    """The relation model in ``path``, or the one kg ships.

    >>> load_relation_model().classes[0]
    'none'
    """
    return RelationModel.from_disk(Path(path) if path else SHIPPED_MODEL)


def make_featuriser(
    gazetteer: Path | None = None, patterns: Path | None = None, *, discourse: bool = True
) -> Featuriser:
    """A :class:`Featuriser` over kg's frames and gazetteer (or the ones given)."""
    from kg.extract.frames import load_frames
    from kg.extract.gazetteer import load_gazetteer

    gz = load_gazetteer(gazetteer)
    countries = {label: e for label, e in gz.entities.items() if e.type == "Country"}
    return Featuriser(load_frames(patterns), countries, discourse=discourse)


@Language.factory("kg_scorer", default_config={"model": "", "gazetteer": "", "patterns": ""})
def make_relation_scorer(
    nlp: Language, name: str, model: str, gazetteer: str, patterns: str
) -> RelationScorer:
    """spaCy factory: ``nlp.add_pipe("kg_scorer", after="kg_relations")``."""
    featuriser = make_featuriser(
        Path(gazetteer) if gazetteer else None, Path(patterns) if patterns else None
    )
    return RelationScorer(load_relation_model(model or None), featuriser)
