"""Which entities a noun phrase names, in a spaCy dependency parse.

The answers follow the habits of news English: coordination ("Japan and the US"),
appositions ("a new chip maker, Rapidus"), copulas ("Nexperia is a *manufacturer*"), relative
pronouns ("Rapidus, *that* is working with IBM"), group and quantity nouns ("the *leaders* of
the G7", "70 *percent* of the world's cobalt"), places standing for their country ("Hiroshima,
Japan", "a plant in Kumamoto") and product phrases the gazetteer does not know.

Each entity found comes with a cost factor in (0, 1]: 1.0 when the word itself is the name,
less for each indirection (``arguments`` in ``ontologies/costs.yml``), so that a fact's
confidence reflects how far the rule had to reach.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.extract.costs import ArgumentCosts
from kg.extract.frames import Words
from kg.extract.lists import group_entity
from kg.extract.mentions import Linked
from kg.model import Entity

Found = tuple[Linked, float]
"""An entity mention and the cost factor of reaching it."""

_MODIFIERS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
MAX_DEPTH = 4
"""How many steps of the parse a question may take before it gives up."""


@dataclass
class PhraseFinder:
    """Answers "which entities does this phrase name?" for one document."""

    index: Mapping[int, Linked]
    """Token index -> the mention that contains the token."""
    words: Words
    costs: ArgumentCosts
    countries: Mapping[str, Entity] = field(default_factory=dict)
    """Country label -> entity, for places that stand for their country."""

    def mention(self, token: Token) -> Linked | None:
        return self.index.get(token.i)

    # -- noun phrases ----------------------------------------------------------------------

    def named_by(
        self, token: Token, *, modifiers: bool = False, located: bool = False
    ) -> list[Found]:
        """Entities named by the phrase headed by ``token`` and the phrases coordinated with it.

        With ``modifiers``, a noun that names no entity itself may name one through its
        modifiers ("*US* export controls", "*Chinese* supply chains"); with ``located``, a
        generic noun located somewhere names that place's country ("any person located in
        Russia").
        """
        found: list[Found] = []
        for head in (token, *conjuncts(token)):
            found.extend(self._named_by_one(head, modifiers, located, 0))
        return unique(found)

    def _named_by_one(
        self, token: Token, modifiers: bool, located: bool, depth: int
    ) -> list[Found]:
        linked = self.mention(token)
        if linked is not None:
            return self._linked(token, linked, modifiers)
        if depth > MAX_DEPTH:
            return []
        deeper = depth + 1
        if token.lower_ in self.words.relative_pronouns and token.head.dep_ in ("relcl", "acl"):
            # "Rapidus, that is working with IBM": the pronoun stands for the noun it follows
            found = self._named_by_one(token.head.head, modifiers, located, deeper)
            return scaled(found, self.costs.relative_pronoun)
        for child in token.children:
            if child.dep_ == "appos":
                found = self.named_by(child)
                if found:
                    return scaled(found, self.costs.apposition)
        head = token.head
        head_mention = self.mention(head)
        if token.dep_ == "appos" and head_mention is not None:
            return [(head_mention, self.costs.apposition)]
        if token.dep_ == "attr" and head.lemma_ == "be":
            # "Nexperia is a semiconductor *manufacturer*": the noun describes the subject
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            return scaled([f for s in subjects for f in self.named_by(s)], self.costs.copula)
        lemma = token.lemma_.lower()
        if lemma in self.words.member_nouns and token.tag_ == "NN":
            # "the [Korea Daizin Trading] company": the noun after a name stands for it
            for child in token.children:
                linked = self.mention(child) if child.dep_ == "compound" else None
                if linked is not None and linked.entity.type in ("Company", "Organization"):
                    return [(linked, self.costs.apposition)]
        if lemma in self.words.group_nouns or lemma in self.words.quantity_nouns:
            for pobj in prep_objects(token, ("of",)):
                found = [f for f in self._named_by_one(pobj, modifiers, located, deeper)]
                found += [
                    f
                    for c in conjuncts(pobj)
                    for f in self._named_by_one(c, modifiers, located, deeper)
                ]
                if found:
                    return scaled(found, self.costs.group_of)
        if located and lemma in self.words.located_nouns:
            found = self._location_of(token)
            if found:
                return found
        if token.pos_ == "PROPN":
            place = self._place_phrase(token)
            if place is not None:
                return [place]
            named = self._named_within(token)
            if named is not None:
                return [named]
        if lemma in self.words.member_nouns and token.tag_ == "NNS":
            # "36 companies, including YMTC": the members named here; "five Chinese entities":
            # members listed elsewhere (kg.extract.lists)
            examples = _examples(token, self.words.example_preps)
            members = [f for m in examples for f in self.named_by(m)]
            if any(c.dep_ == "nummod" for c in token.children):
                group = Linked(token.doc[token.i : token.i + 1], group_entity(token), "group")
                members.append((group, 1.0))
            if members:
                return members
        return self._modifier_mentions(token) if modifiers else []

    def past_quantity(self, noun: Token) -> Token:
        """The noun a quantity measures: "70 *percent* of its APIs" -> APIs."""
        if noun.lemma_.lower() in self.words.quantity_nouns:
            for pobj in prep_objects(noun, ("of",)):
                return pobj
        return noun

    def _named_within(self, token: Token) -> Found | None:
        """A longer name around a known one that the NER did not take whole: "[Longi] Green
        Energy Technology" -> LONGi."""
        stack = [c for c in token.children if c.dep_ == "compound"]
        while stack:
            child = stack.pop()
            linked = self.mention(child)
            if linked is not None and linked.entity.type in (
                "Company",
                "Organization",
                "GovernmentBody",
            ):
                return linked, self.costs.name_within
            stack.extend(c for c in child.children if c.dep_ == "compound")
        return None

    def _place_phrase(self, token: Token) -> Found | None:
        """A place name the linker only partly caught: "China's [Xinjiang] Uyghur Autonomous
        Region" -> China."""
        children = list(token.children)
        places = [
            m
            for c in children
            if c.dep_ == "compound" and (m := self.mention(c)) and m.entity.type == "Place"
        ]
        if not places:
            return None
        for child in children:
            linked = self.mention(child)
            if (
                child.dep_ in ("poss", "appos")
                and linked is not None
                and linked.entity.type == "Country"
            ):
                return Linked(places[0].span, linked.entity, "place"), self.costs.place_phrase
        country = self._country_of_place(places[0])
        return (country, self.costs.place_phrase) if country is not None else None

    def _linked(self, token: Token, linked: Linked, modifiers: bool) -> list[Found]:
        entity = linked.entity
        if entity.type == "Place":
            country = self._country_of_place(linked)
            return [(country, self.costs.place_country)] if country is not None else [(linked, 1.0)]
        if entity.type == "Product" and modifiers:
            # "dependence on *Chinese* batteries": the product's origin
            return [(linked, 1.0), *self._modifier_mentions(token)]
        return [(linked, 1.0)]

    def _country_of_place(self, place: Linked) -> Linked | None:
        """The country a place lies in: from the gazetteer, or "Hiroshima, *Japan*",
        "*China's* Xinjiang"."""
        country = self.countries.get(place.entity.country or "")
        if country is not None:
            return Linked(place.span, country, "place")
        root = place.span.root
        for child in root.children:
            if child.dep_ in ("appos", "poss", "compound", "npadvmod", "conj"):
                linked = self.mention(child)
                if linked is not None and linked.entity.type == "Country":
                    return Linked(place.span, linked.entity, "place")
        return None

    def _location_of(self, token: Token) -> list[Found]:
        """ "entities *in China*", "any person *located in* Russia" -> the country."""
        places = list(prep_objects(token, ("in",)))
        for child in token.children:
            if child.dep_ == "acl" and child.lemma_ in self.words.location_verbs:
                places += list(prep_objects(child, ("in",)))
        found = [f for place in places for f in self.named_by(place)]
        cost_in = self.costs.located_in
        return [
            (linked, cost * cost_in) for linked, cost in found if linked.entity.type == "Country"
        ]

    def _nested_modifiers(self, token: Token) -> list[Found]:
        found: list[Found] = []
        stack = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
        while stack:
            child = stack.pop()
            linked = self.mention(child)
            if linked is not None:
                found.append((linked, self.costs.modifier))
            else:
                stack.extend(c for c in child.children if c.dep_ in ("compound", "amod", "nmod"))
        return found

    def _modifier_mentions(self, token: Token) -> list[Found]:
        return [
            (linked, self.costs.modifier)
            for child in token.children
            if child.dep_ in _MODIFIERS
            and (linked := self.mention(child)) is not None
            and linked.span.root == child
        ]

    def product_phrase(self, token: Token) -> Found | None:
        """A product class named by a noun phrase the gazetteer does not know: "diffusion
        *furnaces*", "precision heating *equipment*"."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in self.words.product_heads:
            return None
        words = [
            child
            for child in token.lefts
            if child.dep_ == "compound" or (child.dep_ == "amod" and child.tag_ in ("VBG", "NN"))
        ]
        if any(self.mention(w) is not None for w in words):
            return None  # "Huawei equipment" names a maker, not a product class
        label = " ".join([*(w.lower_ for w in words), token.lower_])
        span = token.doc[min([token.i, *(w.i for w in words)]) : token.i + 1]
        return Linked(span, Entity(label, "Product"), "phrase"), self.costs.product_phrase


def _examples(token: Token, preps: Collection[str]) -> Iterator[Token]:
    """The named examples of a plural noun: "companies, *including* YMTC", "firms *such as*
    Huawei"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield pobj
                    yield from pobj.conjuncts


def conjuncts(token: Token) -> tuple[Token, ...]:
    """The phrases coordinated with ``token`` ("Japan *and the US*"); none for an apposition."""
    return token.conjuncts if token.dep_ != "appos" else ()


def prep_objects(head: Token, words: Iterable[str]) -> Iterator[Token]:
    """Objects of the prepositions ``words`` under ``head`` ("working *with* IBM")."""
    wanted = frozenset(words)
    for child in head.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in wanted:
            for grandchild in child.children:
                if grandchild.dep_ in ("pobj", "pcomp"):
                    yield grandchild
                elif grandchild.dep_ == "prep":  # "away from China", "along with"
                    yield from (g for g in grandchild.children if g.dep_ == "pobj")


def scaled(found: list[Found], factor: float) -> list[Found]:
    """``found`` with every cost multiplied by ``factor`` (one more indirection)."""
    return [(linked, cost * factor) for linked, cost in found]


def unique(found: list[Found]) -> list[Found]:
    """Keep the best-scored occurrence of each entity mention, in order of first appearance."""
    best: dict[tuple[int, str], Found] = {}
    for linked, cost in found:
        key = (linked.span.start, linked.entity.label)
        if key not in best or best[key][1] < cost:
            best[key] = (linked, cost)
    return list(best.values())
