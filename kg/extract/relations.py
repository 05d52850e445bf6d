"""Relation extraction: dependency patterns (``ontologies/relations.yml``) -> facts.

For every sentence that names an entity, each verb or noun whose lemma triggers a frame is
checked: its subject and object are looked up in the parse (:mod:`kg.extract.arguments`),
filtered by the classes the frame allows, and kept if the statement is asserted, planned or
reported (:mod:`kg.extract.modality`). Rules that need no trigger word — titles
("US Secretary of Commerce Gina Raimondo") and descriptions ("US memory maker Micron") — live
in :mod:`kg.extract.descriptions`.

Facts are stored in ``doc._.kg_facts`` as :class:`Found` records; :func:`kg.extract.extract`
turns them into :class:`kg.model.Fact` with the article's id.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations, product

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.arguments import ArgumentFinder, Found, FoundFact
from kg.extract.descriptions import DescriptionRules
from kg.extract.frames import Frame, FrameSet, Trigger
from kg.extract.linking import Linked
from kg.extract.modality import modality_of


class RelationExtractor:
    """spaCy component: finds the facts each sentence states."""

    def __init__(self, frames: FrameSet, descriptions: DescriptionRules) -> None:
        self.frames = frames
        self.descriptions = descriptions

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Linked] = doc._.kg_mentions or []
        index = {token.i: linked for linked in mentions for token in linked.span}
        finder = ArgumentFinder(index, self.frames.group_nouns)
        facts: list[FoundFact] = []
        named = {linked.span.sent.start for linked in mentions}
        for sentence in doc.sents:
            if sentence.start in named:
                facts.extend(self._sentence_facts(sentence, finder))
        facts.extend(self.descriptions.facts(doc, finder))
        doc._.kg_facts = _deduplicate(facts)
        return doc

    def _sentence_facts(self, sentence: Span, finder: ArgumentFinder) -> list[FoundFact]:
        found: list[FoundFact] = []
        for token in sentence:
            lemma = token.lemma_.lower()
            if token.pos_ in ("VERB", "AUX"):
                for frame, trigger in self.frames.by_verb(lemma):
                    if _has_children(token, trigger):
                        found.extend(self._verb_facts(token, frame, finder))
            elif token.pos_ in ("NOUN", "PROPN"):
                for frame, trigger in self.frames.by_noun(lemma):
                    if _has_children(token, trigger):
                        found.extend(self._noun_facts(token, frame, finder))
        return found + list(self._propagate(found, sentence, finder))

    # -- verbs ------------------------------------------------------------------------------

    def _verb_facts(self, verb: Token, frame: Frame, finder: ArgumentFinder) -> list[FoundFact]:
        subjects, passive = finder.verb_subjects(verb)
        if passive and "dobj" in frame.objects:
            # "Micron was subsidised by Japan": the grammatical subject is the patient
            objects, subjects = subjects, finder.agents(verb)
        else:
            objects = self._verb_objects(verb, frame, finder)
        return self._emit(frame, verb, subjects, objects)

    def _verb_objects(self, verb: Token, frame: Frame, finder: ArgumentFinder) -> list[Found]:
        if frame.object_nouns:
            preps = [spec for spec in frame.objects if spec.startswith("prep:")]
            found: list[Found] = []
            for noun in finder.object_tokens(verb, "dobj"):
                if noun.lemma_.lower() in frame.object_nouns or noun.lower_ in frame.object_nouns:
                    found += finder.objects(noun, preps, modifiers=frame.via_modifier)
                    if frame.via_modifier and not preps:
                        found += finder.named_by(noun, modifiers=True)
            return found
        found = finder.objects(verb, frame.objects, modifiers=frame.via_modifier)
        if not found:  # "sell chips to China": the phrase may hang off the direct object
            preps = [spec for spec in frame.objects if spec.startswith("prep:")]
            for noun in finder.object_tokens(verb, "dobj"):
                found += finder.objects(noun, preps)
        return found

    # -- nouns ------------------------------------------------------------------------------

    def _noun_facts(self, noun: Token, frame: Frame, finder: ArgumentFinder) -> list[FoundFact]:
        subjects = self._noun_subjects(noun, frame, finder)
        preps = [spec for spec in frame.objects if spec.startswith("prep:")]
        objects = finder.objects(noun, preps)
        if (
            not objects
            and noun.dep_ == "dobj"
            and noun.head.lemma_.lower() in self.frames.support_verbs
        ):
            objects = finder.objects(noun.head, preps)  # "imposed export controls *on China*"
        if not objects and frame.search:
            objects = finder.search(noun, (spec[5:] for spec in preps), frame.search)
        governor = noun.head
        if noun.dep_ == "dobj" and governor.lemma_.lower() in self.frames.receiving_verbs:
            # "Micron received subsidies from Japan": the verb's subject is the recipient
            recipients, _ = finder.verb_subjects(governor)
            objects = objects + recipients
        subject_keys = {linked.span.start for linked, _ in subjects}
        objects = [
            (linked, cost) for linked, cost in objects if linked.span.start not in subject_keys
        ]
        return self._emit(frame, noun, subjects, objects)

    def _noun_subjects(self, noun: Token, frame: Frame, finder: ArgumentFinder) -> list[Found]:
        trigger_words = {
            w for f, t in self.frames.by_noun(noun.lemma_.lower()) for w in t.with_children
        }
        found: list[Found] = []
        for child in noun.children:
            if (
                child.dep_ in ("poss", "compound", "amod", "nmod")
                and child.lower_ not in trigger_words
            ):
                found += finder.named_by(child)
            elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
                found += [
                    f
                    for pobj in child.children
                    if pobj.dep_ == "pobj"
                    for f in finder.named_by(pobj)
                ]
        if found:
            return found
        governor = noun.head
        if noun.dep_ in ("dobj", "attr") and governor.lemma_.lower() in self.frames.support_verbs:
            subjects, passive = finder.verb_subjects(governor)
            return [
                (linked, cost * 0.9)
                for linked, cost in (finder.agents(governor) if passive else subjects)
            ]
        return []

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
        elif frame.symmetric:  # "Japan and the US agreed to cooperate"; "a deal between X and Y"
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
                FoundFact(
                    subject=subj.entity,
                    predicate=frame.predicate,
                    object=obj.entity,
                    sentence=trigger.sent,
                    confidence=round(frame.confidence * subj_cost * obj_cost, 3),
                    modality=modality,
                    rule=frame.name,
                    trigger=trigger.i,
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
        by_trigger: dict[int, list[FoundFact]] = {}
        for fact in found:
            by_trigger.setdefault(fact.trigger, []).append(fact)
        for fact in found:
            frame = self.frames.get(fact.rule)
            if frame is None or not frame.propagate:
                continue
            verb = sentence.doc[fact.trigger]
            for noun in finder.object_tokens(verb, "dobj"):
                for stated in by_trigger.get(noun.i, ()):
                    if stated.subject == fact.object and stated.object != fact.subject:
                        yield FoundFact(
                            subject=fact.subject,
                            predicate=stated.predicate,
                            object=stated.object,
                            sentence=stated.sentence,
                            confidence=round(min(fact.confidence, stated.confidence) * 0.9, 3),
                            modality=fact.modality,
                            rule=f"{stated.rule}+{fact.rule}",
                            trigger=fact.trigger,
                        )


def _has_children(token: Token, trigger: Trigger) -> bool:
    if not trigger.with_children:
        return True
    words = {child.lemma_.lower() for child in token.children} | {c.lower_ for c in token.children}
    return all(word in words for word in trigger.with_children)


def _deduplicate(facts: list[FoundFact]) -> list[FoundFact]:
    """One fact per (subject, predicate, object, sentence): the most confident."""
    best: dict[tuple, FoundFact] = {}
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

    from kg.extract.frames import load_frames
    from kg.extract.gazetteer import load_gazetteer
    from kg.extract.lexicon import load_lexicon
    from kg.extract.linking import register_extensions

    register_extensions()
    gz = load_gazetteer(Path(gazetteer) if gazetteer else None)
    return RelationExtractor(
        load_frames(Path(patterns) if patterns else None),
        DescriptionRules(gz, load_lexicon()),
    )
