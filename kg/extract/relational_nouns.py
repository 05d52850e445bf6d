"""Relational nouns: "OPEC's *members* are A, B and C", "its *customers* include A and B".

A relational noun (``ontologies/relational_nouns.yml``) ties the entities it describes to the
entity that owns it, and lists are the rule, not the exception::

    OPEC's members are Algeria, Angola and Nigeria.            (possessor; copula's attribute)
    Chile, Peru and Bolivia are members of the alliance.       (copula's subject; "of" phrase)
    Members of the Quad include Japan, India and Australia.    (subject of "include")
    Japan, a member of the G7, backed the plan.                (apposition)
    ... notified by fourteen Member States: Austria, ...       (apposition to "member states")
    six major subsidiaries, including SK On and SK Earthon     ("including" phrase)

The owner is the noun's possessor, a modifier before it ("NATO members") or its "of" phrase.
Where a list of member states names none, it is the alliance of the gazetteer whose members
include every country listed and that the document names, or else that the list covers a
third of — never a guess among several. A negated or hypothetical clause states nothing
("Ukraine is not a member of NATO").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Token

from kg.data import check_keys, data_path, read_yaml, word_list
from kg.errors import DataError
from kg.extract.found import FoundFact, found_fact
from kg.extract.gazetteer import Gazetteer
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Linked
from kg.extract.modality import modality_of
from kg.extract.spans import tokens_among
from kg.model import ENTITY_TYPES, Entity
from kg.vocabulary import RELATIONS

CONFIDENCE = 0.8
_LINKING_VERBS = frozenset({"be", "become", "remain", "include", "comprise"})
_OWNER_DEPS = frozenset({"poss", "compound", "nmod", "amod"})
_LIST_PREPOSITIONS = frozenset({"including", "like", "among"})


@dataclass(frozen=True)
class RelationalNoun:
    """One entry of ``relational_nouns.yml``."""

    words: frozenset[str]
    predicate: str
    described_is_subject: bool
    described_types: frozenset[str]
    owner_types: frozenset[str]


@dataclass(frozen=True)
class RelationalNounData:
    """The file's entries, and the nouns that name members as a kind ("Member *States*")."""

    nouns: tuple[RelationalNoun, ...]
    member_kinds: frozenset[str]


@cache
def load_relational_nouns(path: Path | None = None) -> RelationalNounData:
    """Read and check ``relational_nouns.yml``; errors name the file and the entry.

    >>> "customers" in load_relational_nouns().nouns[3].words
    True
    """
    path = path or data_path("relational_nouns.yml")
    data = read_yaml(path)
    check_keys(data, str(path), required=["nouns", "member_kinds"])
    if not isinstance(data["nouns"], list):
        raise DataError(f"{path}: nouns: must be a list of entries")
    nouns: list[RelationalNoun] = []
    seen: dict[str, int] = {}
    keys = ["words", "predicate", "described", "described_types", "owner_types"]
    for number, entry in enumerate(data["nouns"], start=1):
        where = f"{path}: nouns #{number}"
        if not isinstance(entry, dict):
            raise DataError(f"{where}: must be a mapping")
        check_keys(entry, where, required=keys)
        if entry["predicate"] not in RELATIONS:
            raise DataError(f"{where}: {entry['predicate']!r} is no relation of kg.ttl")
        if entry["described"] not in ("subject", "object"):
            raise DataError(f"{where}: described must be 'subject' or 'object'")
        types = {k: frozenset(word_list(entry[k], f"{where}: {k}")) for k in keys[3:]}
        for key, classes in types.items():
            if not classes <= set(ENTITY_TYPES):
                raise DataError(f"{where}: {key}: {sorted(classes - set(ENTITY_TYPES))} unknown")
        words = frozenset(w.lower() for w in word_list(entry["words"], f"{where}: words"))
        twice = sorted(words & seen.keys())
        if twice:
            raise DataError(f"{where}: {twice[0]!r} is already a word of nouns #{seen[twice[0]]}")
        seen.update(dict.fromkeys(words, number))
        nouns.append(
            RelationalNoun(
                words,
                entry["predicate"],
                entry["described"] == "subject",
                types["described_types"],
                types["owner_types"],
            )
        )
    kinds = word_list(data["member_kinds"], f"{path}: member_kinds")
    return RelationalNounData(tuple(nouns), frozenset(w.lower() for w in kinds))


class RelationalNounRules:
    """Finds the facts relational nouns state (see the module's docstring)."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        lexicon: Lexicon,
        cues: Mapping[str, frozenset[str]],
        data: RelationalNounData | None = None,
    ) -> None:
        data = data or load_relational_nouns()
        self.lexicon = lexicon
        self.by_word = {word: noun for noun in data.nouns for word in noun.words}
        self.kinds = data.member_kinds
        self.alliances = {
            label: members
            for label, members in gazetteer.members.items()
            if label in gazetteer.entities
        }
        self.entities = gazetteer.entities
        self.cues = cues

    def facts(self, doc: Doc, index: Mapping[int, Linked]) -> list[FoundFact]:
        """The facts of ``doc``'s relational nouns; ``index`` maps tokens to their mentions.

        >>> from kg.extract.pipeline import load_pipeline, FRAMES_ONLY
        >>> doc = load_pipeline(relations=FRAMES_ONLY)("OPEC's members are Algeria and Angola.")
        >>> sorted((f.subject.label, f.object.label) for f in doc._.kg_facts
        ...        if f.predicate == "memberOf")
        [('Algeria', 'OPEC'), ('Angola', 'OPEC')]
        """
        mentioned = {linked.entity.label for linked in index.values()}
        found: list[FoundFact] = []
        for token in tokens_among(doc, "LOWER", self.by_word):
            noun = self.by_word[token.lower_]
            if token.pos_ in ("NOUN", "PROPN"):
                found += self._noun_facts(token, noun, index, mentioned)
        return found

    def _noun_facts(
        self, token: Token, noun: RelationalNoun, index: Mapping[int, Linked], mentioned: set[str]
    ) -> list[FoundFact]:
        kind = self._kind(token, noun)
        head = token.head if kind is not None and kind == token.head else token
        modality = modality_of(head, self.cues)
        if modality is None:
            return []  # "not a member", "hopes to become a member"
        owner = _owner(token, head, index, noun.owner_types)
        if owner is not None and self.lexicon.is_legal_designator(owner.label):
            return []  # "subsidiaries of the Group": a legal word the linker took for a name
        described = [
            e
            for e in dict.fromkeys(_entities(_described(head), index))
            if e.type in noun.described_types
            and e != owner
            and not self.lexicon.is_legal_designator(e.label)
        ]
        if owner is None and kind is not None and len(described) >= 2:
            owner = self._alliance_of(described, mentioned)
        if owner is None:
            return []
        facts = []
        for entity in described:
            subject, object_ = (entity, owner) if noun.described_is_subject else (owner, entity)
            facts.append(
                found_fact(
                    subject,
                    noun.predicate,
                    object_,
                    token.sent,
                    confidence=CONFIDENCE,
                    rule=f"{noun.predicate}/relational-noun",
                    trigger=token.i,
                    modality=modality,
                )
            )
        return facts

    def _kind(self, token: Token, noun: RelationalNoun) -> Token | None:
        """The kind of member a membership noun names ("Member *States*"), if it names one."""
        if noun.predicate != "memberOf" or token.i + 1 >= len(token.doc):
            return None
        after = token.doc[token.i + 1]
        return after if after.lower_ in self.kinds else None

    def _alliance_of(self, members: list[Entity], mentioned: set[str]) -> Entity | None:
        """The alliance whose members include every country listed: the one the document
        names, else the smallest one the list covers at least a third of (fifteen EU states
        are members of the OECD too, but fill more of the EU) — never a guess between two of
        one size, nor one barely covered ("France, Japan and Brazil" are members of the G20,
        and of more)."""
        labels = {m.label for m in members}
        if any(m.type != "Country" for m in members):
            return None
        fits = [label for label, known in self.alliances.items() if labels <= known]
        named = [label for label in fits if label in mentioned]
        if len(named) == 1:
            return self.entities[named[0]]
        covered = sorted(
            (len(self.alliances[label]), label)
            for label in named or fits
            if 3 * len(labels) >= len(self.alliances[label])
        )
        if not covered or (len(covered) > 1 and covered[0][0] == covered[1][0]):
            return None
        return self.entities[covered[0][1]]


def _owner(
    token: Token, head: Token, index: Mapping[int, Linked], types: frozenset[str]
) -> Entity | None:
    """The entity the noun belongs to: its possessor, a modifier, or its "of" phrase."""
    for noun in dict.fromkeys((head, token)):
        for child in noun.children:
            if child.dep_ in _OWNER_DEPS and child.i < noun.i:
                candidates: Iterable[Token] = (child,)
            elif child.dep_ == "prep" and child.lower_ == "of":
                candidates = [t for t in child.children if t.dep_ == "pobj"]
            else:
                continue
            for entity in _entities(candidates, index):
                if entity.type in types:
                    return entity
    return None


def _described(head: Token) -> list[Token]:
    """The tokens naming the entities the noun ``head`` describes, with their conjuncts."""
    found: list[Token] = []
    verb = head.head
    if head.dep_ == "attr" and verb.lemma_.lower() in _LINKING_VERBS:
        found += [t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")]
    elif head.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() in _LINKING_VERBS:
        found += [t for t in verb.children if t.dep_ in ("attr", "dobj")]
    elif head.dep_ == "appos" or (head.dep_ in ("nmod", "compound") and verb.i > head.i):
        found.append(verb)  # "Japan, a member of the G7"; "Member States - Austria, ..."
    for child in head.children:
        if child.dep_ == "appos":
            found.append(child)
        elif child.dep_ == "prep" and _lists(child):
            found += [t for t in child.children if t.dep_ == "pobj"]
    return [t for start in found for t in _with_conjuncts(start)]


def _lists(preposition: Token) -> bool:
    """ "including", "like", "among", or "such as": a preposition that lists examples."""
    word = preposition.lower_
    return word in _LIST_PREPOSITIONS or (
        word == "as" and any(c.lower_ == "such" for c in preposition.children)
    )


def _with_conjuncts(token: Token) -> Iterator[Token]:
    """``token`` and the items listed with it: conjuncts, and the appositions a long list
    is often parsed as ("Member States - Austria, Belgium, Croatia, ...")."""
    yield token
    for child in token.children:
        if child.dep_ in ("conj", "appos"):
            yield from _with_conjuncts(child)


def _entities(tokens: Iterable[Token], index: Mapping[int, Linked]) -> Iterator[Entity]:
    """The entities linked at ``tokens`` (a token inside a name stands for it)."""
    for token in tokens:
        linked = index.get(token.i)
        if linked is not None:
            yield linked.entity
