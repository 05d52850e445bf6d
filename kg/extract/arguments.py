"""Finding the entities a word's arguments name, in a spaCy dependency parse.

The relation rules ask three questions of the parse: *who is the subject of this verb or
noun*, *what is its object*, and *which entities does a noun phrase name* (the last is
:mod:`kg.extract.phrases`'s). The answers follow the habits of news English: "along with",
control verbs ("agreed to cooperate"), passives ("was subsidised by"), support verbs ("Japan
*offers* subsidies"), relative and participle clauses ("chips *made* by TSMC"), framing phrases
("the US, *in coordination* with the UK") and the makers of goods ("*Huawei* equipment").
Every indirection costs (``arguments`` in ``ontologies/costs.yml``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from kg.extract.phrases import (
    MAX_DEPTH,
    Found,
    PhraseFinder,
    prep_objects,
    scaled,
    unique,
)

_SUBJECT_INHERIT = frozenset({"xcomp", "conj", "advcl"})


class ArgumentFinder(PhraseFinder):
    """Answers argument questions for one document."""

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
        if depth >= MAX_DEPTH or verb.head is verb:
            return [], False
        head = verb.head
        if (verb.dep_ in ("acomp", "conj") and head.lemma_ == "be") or verb.dep_ == "acomp":
            # "which is majority-*owned* by TSMC and minority-*owned* by Sony"
            found, _ = self.verb_subjects(head, depth + 1)
            return scaled(found, self.costs.copular_verb), by_phrase
        if verb.dep_ in ("acl", "relcl"):
            passive = verb.tag_ == "VBN"  # "chips made by TSMC", "a company located in China"
            found = self.named_by(head) or self.noun_subjects(head, depth=depth + 1)
            return scaled(found, self.costs.clause_head), passive
        if verb.dep_ == "pcomp" and head.dep_ == "prep":
            controller = [c for c in head.head.children if c.dep_ == "dobj"]
            if controller and head.lower_ == "from":  # "barred *Nvidia* from selling"
                return scaled(self.named_by(controller[0]), self.costs.controller), False
        if verb.dep_ in _SUBJECT_INHERIT or (verb.dep_ == "pcomp" and head.dep_ == "prep"):
            governor = head.head if verb.dep_ == "pcomp" else head
            if governor.pos_ in ("VERB", "AUX"):
                found, passive = self.verb_subjects(governor, depth + 1)
                # a coordinated verb shares its voice ("was founded and funded by"); a
                # controlled one acts itself ("was established to *build* a fab")
                voice = passive and verb.dep_ == "conj" and by_phrase
                return scaled(found, self.costs.governing_verb), voice
            if governor.pos_ in ("NOUN", "PROPN"):
                found = self.noun_subjects(governor, depth=depth + 1)
                return scaled(found, self.costs.governing_verb), False
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
        if found or depth >= MAX_DEPTH:
            return found
        governor = noun.head
        into = noun.dep_ == "pobj" and governor.lower_ == "into"  # "entered *into* a deal"
        if into:
            governor = governor.head
        lemma = governor.lemma_.lower()
        if (
            into or noun.dep_ in ("dobj", "attr", "nsubjpass")
        ) and lemma in self.words.support_verbs:
            subjects, passive = self.verb_subjects(governor, depth + 1)
            return scaled(self.agents(governor) if passive else subjects, self.costs.support_verb)
        if noun.dep_ == "attr" and lemma == "be":
            return scaled(self.verb_subjects(governor, depth + 1)[0], self.costs.copula)
        if noun.dep_ == "pobj" and governor.lower_ in self.words.framing_preps:
            # "the US, *in coordination* with the UK, ..."; "formed *as a joint venture*";
            # "will provide 9.9 billion euros *in subsidies*"
            verb = governor.head
            if verb.dep_ == "dobj" and verb.pos_ in ("NOUN", "NUM"):
                verb = verb.head
            if verb.pos_ in ("VERB", "AUX"):
                return scaled(self.verb_subjects(verb, depth + 1)[0], self.costs.framing_phrase)
        return []

    def along_with(self, token: Token) -> list[Found]:
        """Entities added by "along with" / "together with" under ``token``."""
        found: list[Found] = []
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in self.words.along_words:
                for pobj in prep_objects(child, ("with",)):
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
        for _ in range(MAX_DEPTH):
            if token.dep_ not in ("ccomp", "acl", "relcl", "xcomp", "advcl") or token.head is token:
                return []
            token = token.head
            if token.pos_ in ("NOUN", "PROPN"):
                return scaled(self.noun_subjects(token), self.costs.context)
            subjects, passive = self.verb_subjects(token)
            if subjects and not passive:
                return scaled(subjects, self.costs.context)
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
        return unique(found)

    @staticmethod
    def object_tokens(head: Token, spec: str) -> Iterator[Token]:
        """The tokens in one object position of ``head``."""
        if spec.startswith("prep:"):
            yield from prep_objects(head, (spec[5:],))
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
                found.append((linked, self.costs.maker))
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
                                found.extend(scaled(hits, self.costs.search_step**step))
                    elif child.dep_ in ("relcl", "acl", "dobj", "pcomp"):
                        following.append(child)
            frontier = following
        return unique(found)


def _complements(head: Token) -> Iterator[Token]:
    """Verbs completing ``head``: "from *selling*", "to *sell*"."""
    for child in head.children:
        if child.dep_ == "xcomp":
            yield child
        elif child.dep_ == "prep":
            yield from (g for g in child.children if g.dep_ == "pcomp")
