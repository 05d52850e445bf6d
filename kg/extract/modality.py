"""Modality: is a statement asserted, planned, reported — or not a fact at all?

Negated ("did not", "denied"), hypothetical ("could", "considering", "urged to") and merely
proposed statements ("talks on", "a proposal for") yield no fact. Planned ("plans to") and
reported ("reportedly") statements are kept and say so. The cue words are data
(``modality`` in ``ontologies/relations.yml``); this module walks the parse to find them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spacy.tokens import Token

from kg.model import Modality

# Clausal links through which the modality of a governing verb reaches its complement:
# "agreed to *cooperate*", "plans to *invest*", "denied that it *supplies*".
_CLIMB = frozenset({"xcomp", "ccomp", "pcomp", "acl"})
# Links from a noun trigger up to the word that governs it.
_NOUN_UP = frozenset({"dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "appos", "conj"})
_NOMINAL = frozenset({"NOUN", "PROPN", "ADP"})
# How what a preventing verb stops hangs from it: "barred X *from* selling", "blocked the *deal*".
_PREVENTED = frozenset({"pcomp", "xcomp", "prep", "dobj"})


def governing_chain(trigger: Token) -> Iterator[Token]:
    """The trigger, then each word whose modality carries down to it."""
    token = trigger
    yield token
    steps = 0
    while token.dep_ in _CLIMB or (token.pos_ in _NOMINAL and token.dep_ in _NOUN_UP):
        if token.head is token or steps > 8:
            return
        token = token.head
        steps += 1
        yield token


def modality_of(trigger: Token, cues: Mapping[str, frozenset[str]]) -> Modality | None:
    """The modality of the statement a trigger word makes, or None when it is no fact.

    ``cues`` maps each kind of :data:`~kg.extract.frames.MODALITY_CUES` to its words (lemmas,
    or lower-case words for determiners, marks, auxiliaries and reported words). Negation
    proper ("not", "n't", "never") is the parser's ``neg`` label.
    """
    result: Modality = "asserted"
    previous = trigger
    for token in governing_chain(trigger):
        lemma = token.lemma_.lower()
        if token is not trigger:
            if token.pos_ in ("VERB", "AUX") and _verb_cue(token, lemma, cues, "negating_verbs"):
                return None
            if token.pos_ in ("VERB", "AUX") and _verb_cue(
                token, lemma, cues, "hypothetical_verbs"
            ):
                return None
            if token.pos_ == "NOUN" and lemma in cues.get("hypothetical_nouns", ()):
                return None
            if token.pos_ == "NOUN" and lemma in cues.get("planned_nouns", ()):
                result = "planned"  # "Intel's *plan* to build a plant"
            if token.pos_ == "VERB" and lemma in cues.get("planned_verbs", ()):
                result = "planned"
            if lemma in cues.get("preventing_verbs", ()) and previous.dep_ in _PREVENTED:
                return None  # "barred Nvidia from *selling*": the sale does not happen
        for child in token.children:
            word = child.lower_
            if child.dep_ == "neg" or (
                child.dep_ == "det" and word in cues["negating_determiners"]
            ):
                return None
            if child.dep_ == "aux" and word in cues.get("hypothetical_auxiliaries", ()):
                return None
            if child.dep_ == "mark" and word in cues["conditional_marks"]:
                return None
            if child.dep_ == "amod" and child.lemma_ in cues.get("hypothetical_verbs", ()):
                return None  # "proposed subsidies"
            if child.dep_ == "amod" and child.lemma_ in cues.get("planned_verbs", ()):
                result = "planned"  # "planned investment"
            if word in cues.get("reported_words", ()) and result == "asserted":
                result = "reported"
        previous = token
    return result


def _verb_cue(token: Token, lemma: str, cues: Mapping[str, frozenset[str]], kind: str) -> bool:
    words = cues.get(kind, frozenset())
    if not words.isdisjoint(_verb_forms(token, lemma)):
        return True
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    return particle is not None and f"{lemma} {particle}" in words


def _verb_forms(token: Token, lemma: str) -> set[str]:
    """The lemma, and the stems the word's inflection gives: the lemmatizer sometimes errs
    ("hopes" -> "hop"), and a missed cue turns a hope into a fact."""
    word = token.lower_
    forms = {lemma, word}
    third_person = token.tag_ == "VBZ" and word.endswith("s")
    if third_person or (token.tag_ in ("VBD", "VBN") and word.endswith("ed")):
        forms |= {word[:-1], word[:-2]}
    elif token.tag_ == "VBG" and word.endswith("ing"):
        forms |= {word[:-3], word[:-3] + "e"}
    return forms
