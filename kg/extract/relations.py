"""Relation extraction: dependency patterns (``ontologies/relations.yml``) -> facts.

For every sentence that names an entity, each verb or noun whose lemma triggers a frame is
checked: its subject and object are looked up in the parse (:mod:`kg.extract.arguments`),
filtered by the classes the frame allows, and kept if the statement is asserted, planned or
reported (:mod:`kg.extract.modality`). Rules that need no trigger word — titles ("US Secretary
of Commerce Gina Raimondo") and descriptions ("US memory maker Micron") — live in
:mod:`kg.extract.descriptions`.

Facts are stored in ``doc._.kg_facts`` as :class:`FoundFact` records; :func:`kg.extract.extract`
turns them into :class:`kg.model.Fact` with the article's id.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping
from itertools import combinations, product

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.arguments import ArgumentFinder, Found
from kg.extract.costs import Costs
from kg.extract.descriptions import DescriptionRules
from kg.extract.found import FoundFact, derive, found_fact
from kg.extract.frames import Frame, FrameSet, Trigger
from kg.extract.lexicon import Lexicon
from kg.extract.lists import expand_groups
from kg.extract.mentions import Linked
from kg.extract.modality import modality_of
from kg.extract.relational_nouns import RelationalNounRules
from kg.model import Entity

_NAMED_TYPES = frozenset({"Company", "Country", "Place", "Person", "GovernmentBody", "Alliance"})
MAX_MUTUAL = 5
"""The most parties a symmetric frame relates pairwise ("X, Y and Z agreed to cooperate"). The
gold corpora state mutual relations among up to five parties named together, never among six or
more: "12 Member States - Austria, Belgium, ... - will join forces" relates each to the project,
not each to the 11 others (66 pairs)."""


class RelationExtractor:
    """spaCy component: finds the facts each sentence states."""

    def __init__(
        self,
        frames: FrameSet,
        descriptions: DescriptionRules,
        countries: Mapping[str, Entity],
        lexicon: Lexicon,
        costs: Costs,
        relational_nouns: RelationalNounRules,
    ) -> None:
        self.frames = frames
        self.descriptions = descriptions
        self.relational_nouns = relational_nouns
        self.countries = countries
        self.lexicon = lexicon
        self.costs = costs

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Linked] = doc._.kg_mentions or []
        index = {token.i: linked for linked in mentions for token in linked.span}
        finder = ArgumentFinder(index, self.frames.words, self.costs.arguments, self.countries)
        facts: list[FoundFact] = []
        sentences = list(doc.sents)
        starts = [sentence.start for sentence in sentences]
        named = {bisect_right(starts, linked.span.start) - 1 for linked in mentions}
        triggers = self._trigger_positions(doc)
        for number in sorted(named):
            sentence = sentences[number]
            here = [
                i for i in triggers[bisect_left(triggers, sentence.start) :] if i < sentence.end
            ]
            if here:
                facts.extend(self._sentence_facts(sentence, [doc[i] for i in here], finder))
        facts.extend(self.descriptions.facts(doc, finder))
        facts.extend(self.relational_nouns.facts(doc, index))
        facts = expand_groups(doc, facts, index, self.frames.words, self.lexicon, self.costs)
        doc._.kg_facts = _deduplicate(facts)
        return doc

    def _trigger_positions(self, doc: Doc) -> list[int]:
        """Indexes of the tokens whose lemma triggers some frame (read from arrays: making a
        Token object for every word would cost more than the rules themselves)."""
        strings = doc.vocab.strings
        lemmas = doc.to_array("LEMMA")
        return [
            i
            for i, lemma in enumerate(lemmas)
            if strings[int(lemma)].lower() in self.frames.trigger_lemmas
        ]

    def _sentence_facts(
        self, sentence: Span, tokens: list[Token], finder: ArgumentFinder
    ) -> list[FoundFact]:
        found: list[FoundFact] = []
        for token in tokens:
            lemma = token.lemma_.lower()
            if token.pos_ in ("VERB", "AUX"):
                for frame, trigger in self.frames.by_verb(lemma):
                    if _has_children(token, trigger):
                        found.extend(self._verb_facts(token, frame, finder))
            elif token.pos_ in ("NOUN", "PROPN") and not _inside_name(token, finder):
                for frame, trigger in self.frames.by_noun(lemma):
                    if _has_children(token, trigger):
                        found.extend(self._noun_facts(token, frame, trigger, finder))
        found += list(self._propagate(found, sentence, finder))
        found += list(self._joint_venture_partners(found))
        return found

    # -- verbs ------------------------------------------------------------------------------

    def _verb_facts(self, verb: Token, frame: Frame, finder: ArgumentFinder) -> list[FoundFact]:
        if frame.context and not _in_context(verb, frame.context):
            return []
        if frame.money and not _pays(verb, self.lexicon.money_words):
            return []
        subjects, passive = finder.verb_subjects(verb)
        transitive = "dobj" in frame.objects or bool(frame.object_nouns)
        specs = [spec for spec in frame.objects if spec != "dobj"]
        objects = finder.objects(verb, specs, modifiers=frame.via_modifier, located=frame.located)
        patients = finder.patients(verb)
        if passive and transitive:
            # "Micron was subsidised by Japan": the grammatical subject is the patient
            if not frame.object_nouns:
                objects += subjects
            subjects = finder.agents(verb) or finder.context_subjects(verb)
        elif passive:
            # "a mine operated by Glencore in Congo": the by-phrase names who does it; without
            # one ("ABB is based in Switzerland") the grammatical subject does
            subjects = finder.agents(verb) or subjects
        elif "dobj" in frame.objects:
            objects += self._patient_objects(patients, frame, finder)
        if frame.object_nouns:
            objects += self._object_noun_objects(patients, frame, finder)
        elif not passive:  # "supplies batteries to Tesla": the phrase may hang off the object
            for noun in patients:
                objects += finder.objects(noun, specs)
        if frame.maker_subject and not subjects:
            # "a cargo ship delivering *ZPMC* cranes to the Port of Baltimore"
            subjects = [found for noun in patients for found in finder.makers(noun)]
        return self._emit(frame, verb, subjects, objects)

    def _patient_objects(
        self, patients: list[Token], frame: Frame, finder: ArgumentFinder
    ) -> list[Found]:
        found: list[Found] = []
        for token in patients:
            named = finder.named_by(token, modifiers=frame.via_modifier, located=frame.located)
            if not named and "Product" in frame.object:
                phrase = finder.product_phrase(token)
                named = [phrase] if phrase else []
            found += named
        return found

    def _object_noun_objects(
        self, patients: list[Token], frame: Frame, finder: ArgumentFinder
    ) -> list[Found]:
        """ "reduce *exposure* to China", "prohibit the *importation* of nickel of Russian origin",
        "goods produced by Hoshine will be *prohibited*"."""
        specs = [spec for spec in frame.objects if spec != "dobj"]
        preps = [spec[5:] for spec in specs if spec.startswith("prep:")]
        found: list[Found] = []
        for noun in (finder.past_quantity(p) for p in patients):
            if (
                noun.lemma_.lower() not in frame.object_nouns
                and noun.lower_ not in frame.object_nouns
            ) or _inside_name(noun, finder):  # "buy GaN *Systems*" is a firm, not goods
                continue
            found += finder.objects(
                noun, specs, modifiers=frame.via_modifier, located=frame.located
            )
            if frame.search:
                found += finder.search(
                    noun, preps, frame.search, modifiers=frame.via_modifier, located=frame.located
                )
            if frame.via_modifier and not specs:
                found += finder.named_by(noun, modifiers=True)
        return found

    # -- nouns ------------------------------------------------------------------------------

    def _noun_facts(
        self, noun: Token, frame: Frame, trigger: Trigger, finder: ArgumentFinder
    ) -> list[FoundFact]:
        if frame.context and not _in_context(noun, frame.context):
            return []
        specs = list(frame.objects)
        if frame.poss_object:
            subjects = finder.noun_subjects(noun.head) if noun.dep_ == "pobj" else []
            subjects = subjects or _governing_subjects(noun, finder)
        else:
            subjects = finder.noun_subjects(noun, trigger.with_children)
            specs = [spec for spec in specs if spec != "poss"]
        objects = finder.objects(noun, specs, modifiers=frame.via_modifier, located=frame.located)
        governor = noun.head
        if (
            not objects
            and noun.dep_ == "dobj"
            and governor.lemma_.lower() in self.frames.words.support_verbs
        ):
            objects = finder.objects(governor, specs)  # "imposed export controls *on China*"
        if not objects and frame.search:
            preps = [spec[5:] for spec in specs if spec.startswith("prep:")]
            objects = finder.search(noun, preps, frame.search, located=frame.located)
        if noun.dep_ == "dobj" and governor.lemma_.lower() in self.frames.words.receiving_verbs:
            # "Micron received subsidies from Japan": the verb's subject is the recipient
            objects = objects + finder.verb_subjects(governor)[0]
        if noun.dep_ == "nsubj" and governor.lemma_ == "be":
            # "Our first loan ... was the Syrah Resources Project"
            objects = objects + [
                f for c in governor.children if c.dep_ == "attr" for f in finder.named_by(c)
            ]
        subject_keys = {linked.span.start for linked, _ in subjects}
        objects = [
            (linked, cost) for linked, cost in objects if linked.span.start not in subject_keys
        ]
        return self._emit(frame, noun, subjects, objects)

    # -- emitting facts ---------------------------------------------------------------------

    def _emit(
        self, frame: Frame, trigger: Token, subjects: list[Found], objects: list[Found]
    ) -> list[FoundFact]:
        if not subjects and not objects:
            return []
        modality = modality_of(trigger, self.frames.modality)
        if modality is None:
            return []
        pairs: Iterator[tuple[Found, Found]]
        if subjects and objects:
            pairs = product(subjects, objects)
        elif frame.symmetric and len(subjects or objects) <= MAX_MUTUAL:
            # "Japan and the US agreed to cooperate"; "a deal between X and Y"
            pairs = combinations(subjects or objects, 2)
        else:
            return []
        facts = []
        for (subj, subj_cost), (obj, obj_cost) in pairs:
            if frame.swap:
                subj, obj = obj, subj
            if subj.entity == obj.entity:
                continue
            if subj.entity.type not in frame.subject or obj.entity.type not in frame.object:
                continue
            facts.append(
                found_fact(
                    subj.entity,
                    frame.predicate,
                    obj.entity,
                    trigger.sent,
                    confidence=frame.confidence * subj_cost * obj_cost,
                    rule=frame.name,
                    trigger=trigger.i,
                    modality=modality,
                )
            )
        return facts

    def _propagate(
        self, found: list[FoundFact], sentence: Span, finder: ArgumentFinder
    ) -> Iterator[FoundFact]:
        """Copy the facts of an object noun phrase to the subjects of a propagating frame.

        "Japan agreed to match US export controls [on China]": the controls state
        United States restrictsExportsTo China; matching them, Japan restricts exports too.
        """
        by_trigger: dict[int, list[FoundFact]] = defaultdict(list)
        for fact in found:
            by_trigger[fact.trigger].append(fact)
        for fact in found:
            frame = self.frames.get(fact.rule)
            if frame is None or not frame.propagate:
                continue
            verb = sentence.doc[fact.trigger]
            for noun in finder.object_tokens(verb, "dobj"):
                for stated in by_trigger.get(noun.i, ()):
                    if stated.subject == fact.object and stated.object != fact.subject:
                        least = min(fact.confidence, stated.confidence)
                        yield derive(
                            fact,
                            rule=f"{stated.rule}+{fact.rule}",
                            confidence=least * self.costs.derived.propagated,
                            predicate=stated.predicate,
                            object_=stated.object,
                            sentence=stated.sentence,
                        )

    def _joint_venture_partners(self, found: list[FoundFact]) -> Iterator[FoundFact]:
        """The parents of a joint venture partner with one another (each pair once)."""
        owners: dict[tuple[int, str], list[FoundFact]] = defaultdict(list)
        words = self.lexicon.joint_venture_words
        for fact in found:
            if fact.predicate == "ownsStake" and any(w in fact.sentence.text for w in words):
                owners[fact.sentence.start, fact.object.label].append(fact)
        for facts in owners.values():
            parents = list({f.subject.label: f for f in facts}.values())
            for a, b in combinations(parents, 2):
                yield derive(
                    a,
                    rule="partnersWith/joint-venture",
                    confidence=min(a.confidence, b.confidence) * self.costs.derived.joint_venture,
                    predicate="partnersWith",
                    object_=b.subject,
                )


def _governing_subjects(noun: Token, finder: ArgumentFinder) -> list[Found]:
    """The subject of the clause a noun sits in: "TEPL ... expanding its footprint *in Apple's
    supply chain*"."""
    token = noun
    for _ in range(4):
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return finder.verb_subjects(token)[0]
        if token.head is token:
            break
    return []


def _inside_name(token: Token, finder: ArgumentFinder) -> bool:
    """Whether a noun is part of a name ("Newport Wafer *Fab*"), not a word of the sentence."""
    linked = finder.mention(token)
    return linked is not None and linked.entity.type in _NAMED_TYPES


def _pays(verb: Token, money_words: Collection[str]) -> bool:
    """Whether a verb gives money: "awarded *$8.5 billion*", "will provide *9.9 billion euros*
    in subsidies"."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    return any(
        t.ent_type_ == "MONEY" or t.lower_ in money_words for o in objects for t in o.subtree
    )


def _in_context(head: Token, nouns: frozenset[str]) -> bool:
    """Whether a prepositional object of ``head`` is one of ``nouns`` ("added ... *to the Entity
    List*", "the addition of five entities *to the Entity List*")."""
    for child in head.children:
        if child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in nouns:
                    return True
    return False


def _has_children(token: Token, trigger: Trigger) -> bool:
    """Whether ``token`` governs the other words of a multi-word trigger: a verb's particle or
    object ("team *up*", "join *forces*"), a noun's modifiers, however nested ("*Withhold*
    *Release* Order")."""
    if not trigger.with_children:
        return True
    words: set[str] = set()
    stack = list(token.children)
    while stack:
        child = stack.pop()
        words.update((child.lemma_.lower(), child.lower_))
        if child.dep_ in ("compound", "amod", "nmod") and child.i < token.i:
            stack.extend(child.children)
    return all(word in words for word in trigger.with_children)


def _deduplicate(facts: list[FoundFact]) -> list[FoundFact]:
    """One fact per (subject, predicate, object, sentence): the most confident."""
    best: dict[tuple[str, str, str, int], FoundFact] = {}
    for fact in facts:
        key = (fact.subject.label, fact.predicate, fact.object.label, fact.sentence.start)
        if key not in best or best[key].confidence < fact.confidence:
            best[key] = fact
    return list(best.values())


@Language.factory("kg_relations", default_config={"gazetteer": "", "patterns": ""})
def make_relation_extractor(
    nlp: Language, name: str, gazetteer: str, patterns: str
) -> RelationExtractor:
    """spaCy factory: ``nlp.add_pipe("kg_relations", last=True)``."""
    from pathlib import Path

    from kg.extract.costs import load_costs
    from kg.extract.frames import load_frames
    from kg.extract.gazetteer import load_gazetteer
    from kg.extract.lexicon import load_lexicon
    from kg.extract.linking import register_extensions

    register_extensions()
    gz = load_gazetteer(Path(gazetteer) if gazetteer else None)
    frames = load_frames(Path(patterns) if patterns else None)
    lexicon, costs = load_lexicon(), load_costs()
    countries = {label: e for label, e in gz.entities.items() if e.type == "Country"}
    descriptions = DescriptionRules(gz, lexicon, frames.words, costs.descriptions)
    relational_nouns = RelationalNounRules(gz, lexicon, frames.modality)
    return RelationExtractor(frames, descriptions, countries, lexicon, costs, relational_nouns)
