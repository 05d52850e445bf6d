"""Finding the entities a word's arguments name, in a spaCy dependency parse.

The relation rules ask two questions of the parse: *who is the subject of this verb or noun*
and *which entities does this noun phrase name*. Both follow the habits of news English:
coordination ("Japan and the US"), "along with", appositions ("a new chip maker, Rapidus"),
relative pronouns ("Rapidus, that is working with IBM"), control verbs ("agreed to cooperate"),
passives ("was subsidised by"), group nouns ("the leaders of the G7") and places qualified by
their country ("Hiroshima, Japan").

Each entity found comes with a cost factor in (0, 1]: 1.0 when the word itself is the name, less
for each indirection, so that confidence reflects how far the rule had to reach.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.linking import Linked
from kg.model import Entity, Modality

Found = tuple[Linked, float]
"""An entity mention and the cost factor of reaching it."""


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


_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
_MODIFIERS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
_SUBJECT_INHERIT = frozenset({"xcomp", "conj", "advcl"})
_ALONG = frozenset({"along", "together"})


@dataclass
class ArgumentFinder:
    """Answers argument questions for one document."""

    index: Mapping[int, Linked]
    """Token index -> the mention that contains the token."""
    group_nouns: frozenset[str]

    def mention(self, token: Token) -> Linked | None:
        return self.index.get(token.i)

    # -- noun phrases ----------------------------------------------------------------------

    def named_by(self, token: Token, *, modifiers: bool = False) -> list[Found]:
        """Entities named by the phrase headed by ``token`` and the phrases coordinated with it.

        With ``modifiers``, a noun that names no entity itself may name one through its
        modifiers ("*US* export controls", "*Chinese* supply chains").
        """
        found: list[Found] = []
        for head in (token, *_conjuncts(token)):
            found.extend(self._named_by_one(head, modifiers))
        return _unique(found)

    def _named_by_one(self, token: Token, modifiers: bool, depth: int = 0) -> list[Found]:
        linked = self.mention(token)
        if linked is not None and (linked.entity.type != "Product" or not modifiers):
            return [(linked, 1.0)]
        if linked is not None:  # "dependence on *Chinese* batteries": the product's origin
            return [(linked, 1.0), *self._modifier_mentions(token)]
        if depth > 3:
            return []
        if token.lower_ in _RELATIVE and token.head.dep_ in ("relcl", "acl"):
            # "Rapidus, that is working with IBM": the pronoun stands for the noun it follows
            return _scaled(self._named_by_one(token.head.head, modifiers, depth + 1), 0.95)
        for child in token.children:
            if child.dep_ == "appos":
                found = self.named_by(child)
                if found:
                    return _scaled(found, 0.95)
        if token.dep_ == "appos" and self.mention(token.head) is not None:
            return [(self.mention(token.head), 0.95)]  # type: ignore[list-item]
        if token.lemma_.lower() in self.group_nouns:
            for pobj in _prep_objects(token, ("of",)):
                found = self.named_by(pobj)
                if found:
                    return _scaled(found, 0.9)
        return self._modifier_mentions(token) if modifiers else []

    def _modifier_mentions(self, token: Token) -> list[Found]:
        return [
            (linked, 0.85)
            for child in token.children
            if child.dep_ in _MODIFIERS
            and (linked := self.mention(child)) is not None
            and linked.span.root == child
        ]

    # -- subjects ---------------------------------------------------------------------------

    def verb_subjects(self, verb: Token, depth: int = 0) -> tuple[list[Found], bool]:
        """Subjects of a verb and whether the clause is passive (subject = patient).

        A verb without a subject of its own takes that of the verb it depends on ("Japan has
        agreed to *match*"); a relative or participle clause takes the noun it modifies.
        """
        passive = False
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                return self.named_by(child) + self.along_with(verb), False
            if child.dep_ == "nsubjpass":
                return self.named_by(child) + self.along_with(verb), True
        if verb.dep_ in ("acl", "relcl"):
            passive = verb.tag_ == "VBN"  # "chips made by TSMC", "a company located in China"
            return _scaled(self.named_by(verb.head), 0.95), passive
        if verb.dep_ in _SUBJECT_INHERIT and depth < 3 and verb.head is not verb:
            found, passive = self.verb_subjects(verb.head, depth + 1)
            return _scaled(found, 0.9), passive
        return [], passive

    def along_with(self, token: Token) -> list[Found]:
        """Entities added by "along with" / "together with" under ``token``."""
        found: list[Found] = []
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in _ALONG:
                for pobj in _prep_objects(child, ("with",)):
                    found.extend(self.named_by(pobj))
        return found

    def agents(self, verb: Token) -> list[Found]:
        """The by-phrase of a passive verb: "was subsidised *by Japan*"."""
        return [
            found
            for child in verb.children
            if child.dep_ == "agent"
            for pobj in child.children
            if pobj.dep_ == "pobj"
            for found in self.named_by(pobj)
        ]

    # -- objects ----------------------------------------------------------------------------

    def objects(self, head: Token, specs: Iterable[str], *, modifiers: bool = False) -> list[Found]:
        """Entities in the object positions ``specs`` of ``head`` (``dobj``, ``prep:with``, ...)."""
        found: list[Found] = []
        for spec in specs:
            for token in self.object_tokens(head, spec):
                found.extend(self.named_by(token, modifiers=modifiers))
        return _unique(found)

    @staticmethod
    def object_tokens(head: Token, spec: str) -> Iterator[Token]:
        """The tokens in one object position of ``head``."""
        if spec.startswith("prep:"):
            yield from _prep_objects(head, (spec[5:],))
            return
        yield from (child for child in head.children if child.dep_ == spec)

    def search(self, head: Token, preps: Iterable[str], steps: int) -> list[Found]:
        """Entities in prepositional phrases up to ``steps`` prepositions below ``head``.

        Follows relative clauses and objects on the way: "export controls that will limit the
        sale of some chipmaking tools *in China*".
        """
        wanted = frozenset(preps)
        found: list[Found] = []
        frontier = [head]
        for step in range(steps):
            following: list[Token] = []
            for token in frontier:
                for child in token.children:
                    if child.dep_ == "prep" and child.lower_ in wanted:
                        for pobj in _prep_objects(token, (child.lower_,)):
                            found.extend(_scaled(self.named_by(pobj), 0.9**step))
                    if child.dep_ in ("relcl", "acl", "dobj", "pobj", "prep", "pcomp"):
                        following.append(child)
            frontier = following
        return _unique(found)


def _conjuncts(token: Token) -> tuple[Token, ...]:
    return token.conjuncts if token.dep_ != "appos" else ()


def _prep_objects(head: Token, words: Iterable[str]) -> Iterator[Token]:
    """Objects of the prepositions ``words`` under ``head`` ("working *with* IBM")."""
    wanted = frozenset(words)
    for child in head.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in wanted:
            for grandchild in child.children:
                if grandchild.dep_ in ("pobj", "pcomp"):
                    yield grandchild
                elif grandchild.dep_ == "prep":  # "away from China", "along with"
                    yield from (g for g in grandchild.children if g.dep_ == "pobj")


def _scaled(found: list[Found], factor: float) -> list[Found]:
    return [(linked, cost * factor) for linked, cost in found]


def _unique(found: list[Found]) -> list[Found]:
    """Keep the best-scored occurrence of each mention, in order of first appearance."""
    best: dict[int, Found] = {}
    for linked, cost in found:
        key = linked.span.start
        if key not in best or best[key][1] < cost:
            best[key] = (linked, cost)
    return list(best.values())
