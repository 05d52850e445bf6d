"""Relation frames: the data that says which words state which relation, read from
``ontologies/relations.yml``.

A frame names a predicate, the words that trigger it (verbs by lemma, nouns by lemma, with
multi-word triggers such as ``export control`` or ``team up``), where its object sits
(direct object, prepositions), and which entity classes its subject and object may have.
How the arguments are found in a dependency parse is the job of :mod:`kg.extract.relations`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from difflib import get_close_matches
from functools import cache
from pathlib import Path
from typing import Any

from kg.data import check_keys, data_path, read_yaml, word_list
from kg.errors import DataError
from kg.model import ENTITY_TYPES, EntityType

MODALITY_CUES = (
    "negating_determiners",
    "conditional_marks",
    "negating_verbs",
    "hypothetical_auxiliaries",
    "hypothetical_verbs",
    "hypothetical_nouns",
    "planned_verbs",
    "planned_nouns",
    "preventing_verbs",
    "reported_words",
)
"""The kinds of modality cue words ``relations.yml`` must give (see :mod:`kg.extract.modality`)."""


@dataclass(frozen=True)
class Words:
    """Word lists that steer argument finding (``words`` in ``ontologies/relations.yml``)."""

    support_verbs: frozenset[str]
    """Verbs whose subject is the agent of their noun object ("Japan *offers* subsidies")."""
    receiving_verbs: frozenset[str]
    """Verbs whose subject is the recipient of their noun object ("Micron *received* a grant")."""
    group_nouns: frozenset[str]
    """Nouns standing for the entity in their "of" phrase ("the *leaders* of the G7")."""
    quantity_nouns: frozenset[str]
    """Nouns measuring what their "of" phrase names ("70 *percent* of the world's cobalt")."""
    located_nouns: frozenset[str]
    """Nouns that, located somewhere, stand for that place's country ("any *person* located in
    Russia") where a frame allows it."""
    product_heads: frozenset[str]
    """Head nouns of product phrases not in the gazetteer ("diffusion *furnaces*")."""
    maker_verbs: frozenset[str]
    """Participles naming who made goods ("goods *produced* by Hoshine")."""
    member_nouns: frozenset[str]
    """Plural nouns for groups whose members a document may list ("five Chinese *entities*")."""
    relative_pronouns: frozenset[str]
    """Pronouns standing for the noun they follow ("Rapidus, *that* is working with IBM")."""
    along_words: frozenset[str]
    """Words adding a partner with "with" ("*along* with", "*together* with")."""
    framing_preps: frozenset[str]
    """Prepositions of a phrase framing its clause ("the US, *in* coordination with the UK")."""
    location_verbs: frozenset[str]
    """Participles placing a noun in a country ("entities *based* in China")."""
    example_preps: frozenset[str]
    """Prepositions naming examples of a group ("36 companies, *including* YMTC")."""


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger word: the lemma of its head and the lemmas its head must govern.

    >>> Trigger.parse("export control", noun=True)
    Trigger(head='control', with_children=('export',))
    >>> Trigger.parse("team up", noun=False)
    Trigger(head='team', with_children=('up',))
    """

    head: str
    with_children: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str, *, noun: bool) -> Trigger:
        words = text.lower().split()
        if noun:  # English noun compounds end in their head: "export control"
            return cls(words[-1], tuple(words[:-1]))
        return cls(words[0], tuple(words[1:]))


@dataclass(frozen=True, slots=True)
class Frame:
    """One way of stating a relation."""

    name: str
    predicate: str
    verbs: tuple[Trigger, ...]
    nouns: tuple[Trigger, ...]
    subject: frozenset[EntityType]
    object: frozenset[EntityType]
    objects: tuple[str, ...]
    """Dependency labels of a verb's object (``dobj``; ``prep:with`` for "with"'s object)."""
    object_nouns: frozenset[str]
    """If set, the direct object must be one of these nouns, and the entity sits in a
    prepositional phrase under it ("reduce *exposure* to China")."""
    symmetric: bool
    swap: bool
    """The relation runs from the object to the subject ("Japan established Rapidus" ->
    Rapidus headquarteredIn Japan)."""
    via_modifier: bool
    """The object may be named by a modifier of the object noun ("*Chinese* supply chains",
    "*US* export controls")."""
    propagate: bool
    """Facts stated by the object noun phrase also hold for this frame's subjects ("Japan
    agreed to match US export controls on China" -> Japan restricts exports to China too)."""
    search: int
    """How many prepositional steps below a noun trigger (or a verb's object noun) the object
    may sit."""
    located: bool
    """A generic noun located in a country may stand for it ("any person located in Russia")."""
    poss_object: bool
    """A noun trigger's possessor is its object, not its subject ("*Apple's* supply chain")."""
    money: bool
    """A verb trigger counts only when it gives money ("awarded $90 million to ...")."""
    maker_subject: bool
    """Without a subject of its own, the maker of the verb's goods is the subject ("a ship
    delivering *ZPMC* cranes")."""
    context: frozenset[str]
    """If set, a verb trigger counts only with one of these nouns as a prepositional object
    ("add ... *to the Entity List*")."""
    confidence: float


_DEFAULTS: dict[str, Any] = {
    "verbs": [],
    "nouns": [],
    "objects": ["dobj"],
    "object_nouns": [],
    "symmetric": False,
    "swap": False,
    "via_modifier": False,
    "propagate": False,
    "search": 0,
    "located": False,
    "poss_object": False,
    "context": [],
    "maker_subject": False,
    "money": False,
    "confidence": 0.8,
}


@dataclass(frozen=True)
class FrameSet:
    """All frames, with indexes by trigger lemma."""

    frames: tuple[Frame, ...]
    words: Words
    modality: dict[str, frozenset[str]]
    # The indexes, made from ``frames`` once (in __post_init__).
    _names: dict[str, Frame] = field(init=False, repr=False, compare=False)
    _lemmas: frozenset[str] = field(init=False, repr=False, compare=False)
    _verbs: dict[str, tuple[tuple[Frame, Trigger], ...]] = field(
        init=False, repr=False, compare=False
    )
    _nouns: dict[str, tuple[tuple[Frame, Trigger], ...]] = field(
        init=False, repr=False, compare=False
    )

    def by_verb(self, lemma: str) -> tuple[tuple[Frame, Trigger], ...]:
        return self._verbs.get(lemma, ())

    def by_noun(self, lemma: str) -> tuple[tuple[Frame, Trigger], ...]:
        return self._nouns.get(lemma, ())

    @property
    def trigger_lemmas(self) -> frozenset[str]:
        """Every lemma that may trigger a frame."""
        return self._lemmas

    def get(self, name: str) -> Frame | None:
        """The frame of that name (``predicate/name``), or None."""
        return self._names.get(name)

    def __post_init__(self) -> None:
        verbs: dict[str, list[tuple[Frame, Trigger]]] = {}
        nouns: dict[str, list[tuple[Frame, Trigger]]] = {}
        for frame in self.frames:
            for trigger in frame.verbs:
                verbs.setdefault(trigger.head, []).append((frame, trigger))
            for trigger in frame.nouns:
                nouns.setdefault(trigger.head, []).append((frame, trigger))
        object.__setattr__(self, "_names", {frame.name: frame for frame in self.frames})
        object.__setattr__(self, "_lemmas", frozenset(verbs) | frozenset(nouns))
        object.__setattr__(self, "_verbs", {k: tuple(v) for k, v in verbs.items()})
        object.__setattr__(self, "_nouns", {k: tuple(v) for k, v in nouns.items()})


def _types(value: Any, groups: dict[str, list[str]], where: str) -> frozenset[EntityType]:
    names = [value] if isinstance(value, str) else list(value)
    out: set[str] = set()
    for name in names:
        out.update(groups.get(name, [name]))
    unknown = out - set(ENTITY_TYPES)
    if unknown:
        raise DataError(f"{where}: unknown entity class(es) {sorted(unknown)}")
    return frozenset(out)  # type: ignore[arg-type]


def parse_frame(
    raw: dict[str, Any], groups: dict[str, list[str]], predicates: tuple[str, ...], where: str
) -> Frame:
    """Validate one frame record of ``relations.yml``."""
    check_keys(raw, where, required=("name", "predicate", "subject", "object"), optional=_DEFAULTS)
    predicate = raw["predicate"]
    if predicate not in predicates:
        hint = get_close_matches(predicate, predicates, n=1)
        suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
        raise DataError(f"{where}: {predicate!r} is not an ontology predicate{suggestion}")
    spec = {**_DEFAULTS, **raw}
    if not spec["verbs"] and not spec["nouns"]:
        raise DataError(f"{where}: frame {raw['name']!r} has no verbs or nouns")
    return Frame(
        name=f"{predicate}/{raw['name']}",
        predicate=predicate,
        verbs=tuple(Trigger.parse(v, noun=False) for v in spec["verbs"]),
        nouns=tuple(Trigger.parse(n, noun=True) for n in spec["nouns"]),
        subject=_types(raw["subject"], groups, where),
        object=_types(raw["object"], groups, where),
        objects=tuple(spec["objects"]),
        object_nouns=frozenset(spec["object_nouns"]),
        symmetric=bool(spec["symmetric"]),
        swap=bool(spec["swap"]),
        via_modifier=bool(spec["via_modifier"]),
        propagate=bool(spec["propagate"]),
        search=int(spec["search"]),
        located=bool(spec["located"]),
        poss_object=bool(spec["poss_object"]),
        context=frozenset(word.lower() for word in spec["context"]),
        maker_subject=bool(spec["maker_subject"]),
        money=bool(spec["money"]),
        confidence=float(spec["confidence"]),
    )


def _expand(raw: dict[str, Any], macros: dict[str, list[str]]) -> dict[str, Any]:
    """A frame with word-list names (``@product_heads``) replaced by the lists' words."""
    return {
        key: [w for item in value for w in macros.get(item, [item])]
        if isinstance(value, list)
        else value
        for key, value in raw.items()
    }


@cache
def load_frames(path: Path | None = None) -> FrameSet:
    """Read and validate the relation frames (default: :func:`~kg.data.data_path`'s
    ``relations.yml``): every frame, word list and modality cue; a missing or unknown key is a
    :class:`~kg.errors.DataError` naming the file and the key.

    >>> frames = load_frames()
    >>> any(f.predicate == "subsidises" for f, _ in frames.by_noun("subsidy"))
    True
    """
    from kg.vocabulary import RELATIONS

    path = path or data_path("relations.yml")
    data = read_yaml(path)
    check_keys(data, str(path), required=("classes", "words", "modality", "frames"))
    groups = data["classes"]
    words = _mapping(data["words"], f"{path}: words", [f.name for f in fields(Words)])
    modality = _mapping(data["modality"], f"{path}: modality", MODALITY_CUES)
    macros = {f"@{name}": list(values) for name, values in words.items()}
    frames = tuple(
        parse_frame(_expand(raw, macros), groups, RELATIONS, f"{path}: frame {number}")
        for number, raw in enumerate(data["frames"], start=1)
    )
    return FrameSet(
        frames=frames,
        words=Words(**{name: frozenset(values) for name, values in words.items()}),
        modality={name: frozenset(values) for name, values in modality.items()},
    )


def _mapping(raw: object, where: str, keys: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """``raw``, a mapping of exactly ``keys`` to lists of words, checked."""
    if not isinstance(raw, dict):
        raise DataError(f"{where}: must map names to lists of words")
    check_keys(raw, where, required=keys)
    return {name: word_list(value, f"{where}: {name}") for name, value in raw.items()}
