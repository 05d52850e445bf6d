"""Finding the entities a word's arguments name, in a spaCy dependency parse.

The relation rules ask three questions of the parse: *who is the subject of this verb or
noun*, *what is its object*, and *which entities does a noun phrase name*. The answers follow
the habits of news English: coordination ("Japan and the US"), "along with", appositions ("a
new chip maker, Rapidus"), copulas ("Nexperia is a *manufacturer*"), relative pronouns
("Rapidus, *that* is working with IBM"), control verbs ("agreed to cooperate"), passives ("was
subsidised by"), support verbs ("Japan *offers* subsidies"), group and quantity nouns ("the
*leaders* of the G7", "70 *percent* of the world's cobalt") and places standing for their
country ("Hiroshima, Japan", "a plant in Kumamoto").

Each entity found comes with a cost factor in (0, 1]: 1.0 when the word itself is the name,
less for each indirection, so that a fact's confidence reflects how far the rule had to reach.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.extract.linking import Linked
from kg.extract.lists import group_entity
from kg.model import Entity

Found = tuple[Linked, float]
"""An entity mention and the cost factor of reaching it."""


@dataclass(frozen=True)
class Words:
    """Word lists that steer argument finding (``words`` in ``ontologies/relations.yml``)."""

    support_verbs: frozenset[str] = frozenset()
    """Verbs whose subject is the agent of their noun object ("Japan *offers* subsidies")."""
    receiving_verbs: frozenset[str] = frozenset()
    """Verbs whose subject is the recipient of their noun object ("Micron *received* a grant")."""
    group_nouns: frozenset[str] = frozenset()
    """Nouns standing for the entity in their "of" phrase ("the *leaders* of the G7")."""
    quantity_nouns: frozenset[str] = frozenset()
    """Nouns measuring what their "of" phrase names ("70 *percent* of the world's cobalt")."""
    located_nouns: frozenset[str] = frozenset()
    """Nouns that, located somewhere, stand for that place's country ("any *person* located in
    Russia") where a frame allows it."""
    product_heads: frozenset[str] = frozenset()
    """Head nouns of product phrases not in the gazetteer ("diffusion *furnaces*")."""
    maker_verbs: frozenset[str] = frozenset()
    """Participles naming who made goods ("goods *produced* by Hoshine")."""
    member_nouns: frozenset[str] = frozenset()
    """Plural nouns for groups whose members a document may list ("five Chinese *entities*")."""


_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
_MODIFIERS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
_SUBJECT_INHERIT = frozenset({"xcomp", "conj", "advcl"})
_ALONG = frozenset({"along", "together"})
_FRAMING_PREPS = frozenset({"in", "as", "through", "under", "via", "with"})
_MAX_DEPTH = 4


@dataclass
class ArgumentFinder:
    """Answers argument questions for one document."""

    index: Mapping[int, Linked]
    """Token index -> the mention that contains the token."""
    words: Words = field(default_factory=Words)
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
        for head in (token, *_conjuncts(token)):
            found.extend(self._named_by_one(head, modifiers, located, 0))
        return _unique(found)

    def _named_by_one(
        self, token: Token, modifiers: bool, located: bool, depth: int
    ) -> list[Found]:
        linked = self.mention(token)
        if linked is not None:
            return self._linked(token, linked, modifiers)
        if depth > _MAX_DEPTH:
            return []
        deeper = depth + 1
        if token.lower_ in _RELATIVE and token.head.dep_ in ("relcl", "acl"):
            # "Rapidus, that is working with IBM": the pronoun stands for the noun it follows
            return _scaled(self._named_by_one(token.head.head, modifiers, located, deeper), 0.95)
        for child in token.children:
            if child.dep_ == "appos":
                found = self.named_by(child)
                if found:
                    return _scaled(found, 0.95)
        head = token.head
        if token.dep_ == "appos" and self.mention(head) is not None:
            return [(self.mention(head), 0.95)]  # type: ignore[list-item]
        if token.dep_ == "attr" and head.lemma_ == "be":
            # "Nexperia is a semiconductor *manufacturer*": the noun describes the subject
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            return _scaled([f for s in subjects for f in self.named_by(s)], 0.9)
        lemma = token.lemma_.lower()
        if lemma in self.words.group_nouns or lemma in self.words.quantity_nouns:
            for pobj in _prep_objects(token, ("of",)):
                found = [f for f in self._named_by_one(pobj, modifiers, located, deeper)]
                found += [
                    f
                    for c in _conjuncts(pobj)
                    for f in self._named_by_one(c, modifiers, located, deeper)
                ]
                if found:
                    return _scaled(found, 0.9)
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
            members = [f for m in _examples(token) for f in self.named_by(m)]
            if any(c.dep_ == "nummod" for c in token.children):
                group = Linked(token.doc[token.i : token.i + 1], group_entity(token), "group")
                members.append((group, 1.0))
            if members:
                return members
        return self._modifier_mentions(token) if modifiers else []

    def past_quantity(self, noun: Token) -> Token:
        """The noun a quantity measures: "70 *percent* of its APIs" -> APIs."""
        if noun.lemma_.lower() in self.words.quantity_nouns:
            for pobj in _prep_objects(noun, ("of",)):
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
                return linked, 0.9
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
                return Linked(places[0].span, linked.entity, "place"), 0.85
        country = self._country_of_place(places[0])
        return (country, 0.85) if country is not None else None

    def _linked(self, token: Token, linked: Linked, modifiers: bool) -> list[Found]:
        entity = linked.entity
        if entity.type == "Place":
            country = self._country_of_place(linked)
            return [(country, 0.9)] if country is not None else [(linked, 1.0)]
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
        places = list(_prep_objects(token, ("in",)))
        for child in token.children:
            if child.dep_ == "acl" and child.lemma_ in ("locate", "base", "headquarter"):
                places += list(_prep_objects(child, ("in",)))
        found = [f for place in places for f in self.named_by(place)]
        return [(linked, cost * 0.8) for linked, cost in found if linked.entity.type == "Country"]

    def _nested_modifiers(self, token: Token) -> list[Found]:
        found: list[Found] = []
        stack = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
        while stack:
            child = stack.pop()
            linked = self.mention(child)
            if linked is not None:
                found.append((linked, 0.85))
            else:
                stack.extend(c for c in child.children if c.dep_ in ("compound", "amod", "nmod"))
        return found

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
        agreed to *match*", "by *prohibiting*"); a relative or participle clause takes the noun
        it modifies, or that noun's own subject ("a measure *to support* Northvolt").
        """
        # a by-phrase makes a participle passive, also as a complement: "is owned by TSMC"
        by_phrase = any(child.dep_ == "agent" for child in verb.children)
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                return self.named_by(child) + self.along_with(verb), by_phrase
            if child.dep_ == "nsubjpass":
                return self.named_by(child) + self.along_with(verb), True
        if depth >= _MAX_DEPTH or verb.head is verb:
            return [], False
        head = verb.head
        if (verb.dep_ in ("acomp", "conj") and head.lemma_ == "be") or verb.dep_ == "acomp":
            # "which is majority-*owned* by TSMC and minority-*owned* by Sony"
            found, _ = self.verb_subjects(head, depth + 1)
            return _scaled(found, 0.95), by_phrase
        if verb.dep_ in ("acl", "relcl"):
            passive = verb.tag_ == "VBN"  # "chips made by TSMC", "a company located in China"
            found = self.named_by(head) or self.noun_subjects(head, depth=depth + 1)
            return _scaled(found, 0.95), passive
        if verb.dep_ == "pcomp" and head.dep_ == "prep":
            controller = [c for c in head.head.children if c.dep_ == "dobj"]
            if controller and head.lower_ == "from":  # "barred *Nvidia* from selling"
                return _scaled(self.named_by(controller[0]), 0.9), False
        if verb.dep_ in _SUBJECT_INHERIT or (verb.dep_ == "pcomp" and head.dep_ == "prep"):
            governor = head.head if verb.dep_ == "pcomp" else head
            if governor.pos_ in ("VERB", "AUX"):
                found, passive = self.verb_subjects(governor, depth + 1)
                # a coordinated verb shares its voice ("was founded and funded by"); a
                # controlled one acts itself ("was established to *build* a fab")
                return _scaled(found, 0.9), passive and verb.dep_ == "conj" and by_phrase
            if governor.pos_ in ("NOUN", "PROPN"):
                return _scaled(self.noun_subjects(governor, depth=depth + 1), 0.9), False
        return [], False

    def noun_subjects(self, noun: Token, skip: Iterable[str] = (), depth: int = 0) -> list[Found]:
        """Who does what a noun names: "*Japan's* subsidies", "*US* export controls", "loans
        *from* DOE", "the loan *that LPO provided*", "*Japan* is offering subsidies",
        "*the US*, in coordination with ..."."""
        skipped = frozenset(skip)
        found: list[Found] = []
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.lower_ not in skipped:
                found += self.named_by(child)
            elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
                found += [
                    f for pobj in child.children if pobj.dep_ == "pobj" for f in self.named_by(pobj)
                ]
            elif child.dep_ == "relcl" and child.lemma_.lower() in self.words.support_verbs:
                found += [f for s in child.children if s.dep_ == "nsubj" for f in self.named_by(s)]
        found = [f for f in found if f[0].entity.type != "Product"]  # "a *minerals* agreement"
        if found or depth >= _MAX_DEPTH:
            return found
        governor = noun.head
        lemma = governor.lemma_.lower()
        if noun.dep_ in ("dobj", "attr", "nsubjpass") and lemma in self.words.support_verbs:
            subjects, passive = self.verb_subjects(governor, depth + 1)
            return _scaled(self.agents(governor) if passive else subjects, 0.9)
        if noun.dep_ == "attr" and lemma == "be":
            return _scaled(self.verb_subjects(governor, depth + 1)[0], 0.9)
        if noun.dep_ == "pobj" and governor.lower_ in _FRAMING_PREPS:
            # "the US, *in coordination* with the UK, ..."; "formed *as a joint venture*";
            # "will provide 9.9 billion euros *in subsidies*"
            verb = governor.head
            if verb.dep_ == "dobj" and verb.pos_ in ("NOUN", "NUM"):
                verb = verb.head
            if verb.pos_ in ("VERB", "AUX"):
                return _scaled(self.verb_subjects(verb, depth + 1)[0], 0.9)
        return []

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

    def context_subjects(self, verb: Token) -> list[Found]:
        """Who acts in the clause a passive verb without agent depends on: "CBP will apply a
        presumption that goods ... *will be prohibited*" -> CBP."""
        token = verb
        for _ in range(_MAX_DEPTH):
            if token.dep_ not in ("ccomp", "acl", "relcl", "xcomp", "advcl") or token.head is token:
                return []
            token = token.head
            if token.pos_ in ("NOUN", "PROPN"):
                return _scaled(self.noun_subjects(token), 0.8)
            subjects, passive = self.verb_subjects(token)
            if subjects and not passive:
                return _scaled(subjects, 0.8)
        return []

    # -- objects ----------------------------------------------------------------------------

    @staticmethod
    def patients(verb: Token) -> list[Token]:
        """What a verb acts on: its direct object, or the subject of a passive clause, or the
        noun a passive participle modifies ("goods *made* by X")."""
        deps = ("nsubjpass",) if any(c.dep_ == "nsubjpass" for c in verb.children) else ("dobj",)
        tokens = [child for child in verb.children if child.dep_ in deps]
        if not tokens and verb.dep_ == "acl" and verb.tag_ == "VBN":
            tokens = [verb.head]
        return tokens

    def objects(
        self, head: Token, specs: Iterable[str], *, modifiers: bool = False, located: bool = False
    ) -> list[Found]:
        """Entities in the object positions ``specs`` of ``head`` (``dobj``, ``prep:with``,
        ``poss``, ``maker`` ...)."""
        found: list[Found] = []
        for spec in specs:
            if spec == "maker":
                found.extend(self.makers(head))
                continue
            if spec == "modifier":  # "an *iPhone* manufacturing facility"
                found.extend(self._nested_modifiers(head))
                continue
            if spec.startswith("complement:"):  # "barred Nvidia from *selling* chips *to China*"
                for verb in _complements(head):
                    found.extend(
                        self.objects(verb, (spec[11:],), modifiers=modifiers, located=located)
                    )
                continue
            for token in self.object_tokens(head, spec):
                found.extend(self.named_by(token, modifiers=modifiers, located=located))
        return _unique(found)

    @staticmethod
    def object_tokens(head: Token, spec: str) -> Iterator[Token]:
        """The tokens in one object position of ``head``."""
        if spec.startswith("prep:"):
            yield from _prep_objects(head, (spec[5:],))
            return
        for child in head.children:
            if child.dep_ == spec and child.pos_ == "ADP":  # a dative "to": its object
                yield from (g for g in child.children if g.dep_ == "pobj")
            elif child.dep_ == spec:
                yield child

    def makers(self, goods: Token, depth: int = 0) -> list[Found]:
        """Who made goods: "goods *produced by* Hoshine", "*Huawei* equipment",
        "*ZPMC's* cranes", "equipment *from Huawei*", "the sale of *Huawei* equipment"."""
        found: list[Found] = []
        for child in goods.children:
            if child.dep_ == "acl" and child.lemma_.lower() in self.words.maker_verbs:
                found += self.agents(child)
            elif child.dep_ == "prep" and child.lower_ == "from":
                found += [f for p in child.children if p.dep_ == "pobj" for f in self.named_by(p)]
            elif child.dep_ == "prep" and child.lower_ == "of" and depth < 2:
                found += [
                    f for p in child.children if p.dep_ == "pobj" for f in self.makers(p, depth + 1)
                ]
            elif (
                child.dep_ in ("compound", "poss", "nmod")
                and (linked := self.mention(child)) is not None
                and linked.entity.type in ("Company", "Organization")
            ):
                found.append((linked, 0.9))
        return found

    def search(
        self,
        head: Token,
        preps: Iterable[str],
        steps: int,
        *,
        modifiers: bool = False,
        located: bool = False,
    ) -> list[Found]:
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
                    if child.dep_ in ("prep", "dative"):
                        objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                        following += objects
                        if child.lower_ in wanted:
                            for pobj in objects:
                                hits = self.named_by(pobj, modifiers=modifiers, located=located)
                                found.extend(_scaled(hits, 0.9**step))
                    elif child.dep_ in ("relcl", "acl", "dobj", "pcomp"):
                        following.append(child)
            frontier = following
        return _unique(found)

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
        return Linked(span, Entity(label, "Product"), "phrase"), 0.8


def _examples(token: Token) -> Iterator[Token]:
    """The named examples of a plural noun: "companies, *including* YMTC", "firms *such as*
    Huawei"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("including", "include", "as"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield pobj
                    yield from pobj.conjuncts


def _complements(head: Token) -> Iterator[Token]:
    """Verbs completing ``head``: "from *selling*", "to *sell*"."""
    for child in head.children:
        if child.dep_ == "xcomp":
            yield child
        elif child.dep_ == "prep":
            yield from (g for g in child.children if g.dep_ == "pcomp")


def _conjuncts(token: Token) -> tuple[Token, ...]:
    return token.conjuncts if token.dep_ != "appos" else ()


def _prep_objects(head: Token, words: Iterable[str]) -> Iterator[Token]:
    """Objects of the prepositions ``words`` under ``head`` ("working *with* IBM")."""
    wanted = frozenset(words)
    for child in head.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in wanted:
            for grandchild in child.children:
                if grandchild.dep_ in ("pobj", "pcomp"):
                    yield grandchild
                elif grandchild.dep_ == "prep":  # "away from China", "along with"
                    yield from (g for g in grandchild.children if g.dep_ == "pobj")


def _scaled(found: list[Found], factor: float) -> list[Found]:
    return [(linked, cost * factor) for linked, cost in found]


def _unique(found: list[Found]) -> list[Found]:
    """Keep the best-scored occurrence of each entity mention, in order of first appearance."""
    best: dict[tuple[int, str], Found] = {}
    for linked, cost in found:
        key = (linked.span.start, linked.entity.label)
        if key not in best or best[key][1] < cost:
            best[key] = (linked, cost)
    return list(best.values())
