"""Features of a candidate pair for the learned relation scorer, as strings.

What a linear model needs to tell "Japan subsidises Micron" from "Micron thanked Japan":
the dependency path between the two arguments (lifted over coordination and apposition, so
that every member of "Japan and the US" sees the verb), the word where the path turns, the
words between, the words that introduce the second argument and follow the first, the
classes of the two arguments and the head word of a product ("steel", "chips"), frame trigger
words on the path, what the frames themselves concluded for the pair, and the modality cues of
the governing word. Each string is hashed to a column (:func:`hashed`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from zlib import crc32

from spacy.tokens import Span, Token

from kg.extract.candidates import Candidate
from kg.extract.modality import modality_of

HASH_BITS = 20
"""Columns of the hashed feature space: 2**20."""
_LIFT = frozenset({"conj", "appos"})
MAX_PATH = 7
"""Longest dependency path spelled out word by word; longer paths give only their length."""
MAX_BETWEEN = 10


@dataclass(frozen=True)
class FeatureContext:
    """What features are computed against, for one sentence."""

    triggers: Mapping[str, frozenset[str]]
    """Lemma -> predicates of the frames it triggers."""
    frame_facts: Mapping[tuple[str, str], frozenset[str]]
    """(subject label, object label) -> predicates the frames found in the sentence."""
    modality_cues: Mapping[str, frozenset[str]]


def pair_features(sentence: Span, a: Candidate, b: Candidate, ctx: FeatureContext) -> list[str]:
    """The feature strings of the pair ``(a, b)`` (``a`` first in the text) in ``sentence``.

    >>> import spacy
    >>> from kg.model import Entity
    >>> nlp = spacy.blank("en")
    >>> doc = nlp("Japan subsidises Micron")
    >>> a = Candidate(Entity("Japan", "Country"), 0, 1, "name")
    >>> b = Candidate(Entity("Micron", "Company"), 2, 3, "name")
    >>> ctx = FeatureContext({}, {}, {})
    >>> "T=Country>Company" in pair_features(doc[:], a, b, ctx)
    True
    """
    doc = sentence.doc
    types = f"{a.entity.type}>{b.entity.type}"
    feats = [f"T={types}", f"H={a.how}>{b.how}"]
    ra, rb = a.head(doc), b.head(doc)
    ha, hb = _lift(ra, sentence), _lift(rb, sentence)
    up, down = _path(ha, hb)
    if (ha, hb) != (ra, rb):  # lifted: the path as parsed tells attachment inside a list
        raw_up, raw_down = _path(ra, rb)
        feats.append(f"RPD={_deps(raw_up, raw_down)}")
    turn = up[-1] if up else (down[0] if down else ha)
    path_deps = _deps(up, down)
    words = [t.lemma_.lower() for t in (*up[1:], *down[1:-1])]
    turn_lemma = turn.lemma_.lower()
    feats += [
        f"PD={path_deps}",
        f"TPD={types}|{path_deps}",
        f"L={turn_lemma}",
        f"TL={types}|{turn_lemma}",
        f"LD={turn_lemma}|{path_deps}",
        f"DA={ha.dep_}",
        f"DB={hb.dep_}",
    ]
    if len(up) + len(down) <= MAX_PATH:
        feats.append(f"P={path_deps}|{'/'.join(words)}")
    else:
        feats.append(f"PLEN={min(len(up) + len(down), 12)}")
    feats += [f"PW={w}" for w in words]
    between = doc[a.end : b.start]
    if len(between) <= MAX_BETWEEN:
        feats += [f"B={t.lemma_.lower()}" for t in between if not t.is_punct]
        feats.append(f"BN={len(between)}")
    else:
        feats.append("BN=far")
    if a.start > sentence.start:
        feats.append(f"W-1={doc[a.start - 1].lemma_.lower()}")
    if b.end < sentence.end:
        feats.append(f"W+1={doc[b.end].lemma_.lower()}")
    if b.start > a.end:  # what introduces the second and what follows the first
        feats += [f"BW-1={doc[b.start - 1].lemma_.lower()}", f"AW+1={doc[a.end].lemma_.lower()}"]
    for side, candidate, head in (("A", a, ra), ("B", b, rb)):
        if candidate.entity.type == "Product":  # the goods themselves: steel, chips, vaccines
            feats.append(f"{side}PH={head.lemma_.lower()}")
    for word in sorted({*words, turn_lemma}):  # sorted: the same rows in every process
        for predicate in ctx.triggers.get(word, ()):
            feats += [f"TRIG={predicate}", f"TTRIG={types}|{predicate}"]
    for t in between:
        for predicate in ctx.triggers.get(t.lemma_.lower(), ()):
            feats.append(f"BTRIG={predicate}")
    key_ab, key_ba = (a.entity.label, b.entity.label), (b.entity.label, a.entity.label)
    for predicate in ctx.frame_facts.get(key_ab, ()):
        feats += [f"FR={predicate}>", "FR"]
    for predicate in ctx.frame_facts.get(key_ba, ()):
        feats += [f"FR={predicate}<", "FR"]
    if ctx.modality_cues:
        feats.append(f"M={path_modality([*up, *down[1:]], ctx.modality_cues) or 'none'}")
    return feats


def path_modality(path: list[Token], cues: Mapping[str, frozenset[str]]) -> str | None:
    """The modality of what a dependency path states: None if any word on it is negated or
    hypothetical ("said it did *not plan* to supply"), planned or reported if any is so."""
    found = "asserted"
    for token in path[1:-1] or path:
        modality = modality_of(token, cues)
        if modality is None:
            return None
        if modality != "asserted" and found == "asserted":
            found = modality
    return found


def hashed(features: list[str]) -> list[int]:
    """The column of each feature string.

    >>> hashed(["T=Country>Company"]) == hashed(["T=Country>Company"])
    True
    """
    mask = (1 << HASH_BITS) - 1
    return [crc32(f.encode()) & mask for f in features]


def _deps(up: list[Token], down: list[Token]) -> str:
    """The dependency labels of a path: up to the common ancestor, then down."""
    return "^".join(t.dep_ for t in up[:-1]) + "|" + "v".join(t.dep_ for t in down[1:])


def _lift(token: Token, sentence: Span) -> Token:
    """The first conjunct or the noun an apposition describes: where the phrase attaches."""
    steps = 0
    while token.dep_ in _LIFT and token.head.i != token.i and steps < 6:
        token = token.head
        steps += 1
    while token.dep_ == "compound" and token.head.i != token.i and steps < 8:
        token = token.head
        steps += 1
    return token


def _path(a: Token, b: Token) -> tuple[list[Token], list[Token]]:
    """The dependency path from ``a`` up to the lowest common ancestor, and from it down to
    ``b``: ``up`` ends at the ancestor, ``down`` starts there."""
    ancestors_a = [a, *a.ancestors]
    positions = {t.i: n for n, t in enumerate(ancestors_a)}
    up_b: list[Token] = []
    for t in (b, *b.ancestors):
        up_b.append(t)
        if t.i in positions:
            return ancestors_a[: positions[t.i] + 1], list(reversed(up_b))
    return ancestors_a, list(reversed(up_b))  # different sentences' roots: no common ancestor
