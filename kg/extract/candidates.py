"""Candidate arguments for the learned relation scorer: who and what a sentence may relate.

Four sources, per sentence:

- the entities the linker found (``doc._.kg_mentions``, coreferences included), a place
  standing for its country ("a plant in Kumamoto" -> Japan: facts are scored at country level),
  a name the NER cut short kept whole ("[Renesas] Technology");
- runs of proper nouns no mention covers ("SK Geo Centric"), never a date or a legal word alone;
  two names with nothing between them, the second not the gazetteer's, joined into one
  ("[Airbus] [Safran Launchers]");
- product phrases the gazetteer does not know, read from the parse: the noun a phrase is about
  with its noun modifiers ("lithium-ion battery cells"), and the goods of a maker noun
  ("a South Korean *steel* manufacturer");
- the article's topic entity — its most often named company — where a sentence refers to it
  without a name ("*It* also makes ...", "*the company* said"), and, placed at the main verb,
  in a sentence that neither names nor refers to it (the scorer learns when such a sentence is
  still about it: ``how`` is ``implicit``).

The word lists are data (``ontologies/candidates.yml``). Pairs of candidates are what
:mod:`kg.extract.scorer` classifies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from kg.data import check_keys, data_path, read_yaml, word_list
from kg.extract.lexicon import load_lexicon
from kg.extract.mentions import Linked
from kg.extract.spans import glosses
from kg.model import Entity, EntityType

_ACTORS = frozenset({"Company", "Organization", "GovernmentBody", "Alliance", "Country", "Person"})
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
"""Entity labels of the NER that mark a capitalised word as no name ("April", "Monday")."""
MAX_PRODUCT_WORDS = 4
"""Longest product phrase kept; longer noun phrases are descriptions, not product names."""


@dataclass(frozen=True, slots=True)
class CandidateWords:
    """The lists of ``candidates.yml`` (what each is for is said there)."""

    agent_nouns: frozenset[str]
    agent_suffixes: frozenset[str]
    not_products: frozenset[str]
    not_product_adjectives: frozenset[str]
    topic_pronouns: frozenset[str]
    topic_nouns: frozenset[str]
    legal_words: frozenset[str] = frozenset()
    """Words of legal designators ("Co.", "Ltd.", from the lexicon): never a name alone."""


@cache
def load_candidate_words(path: Path | None = None) -> CandidateWords:
    """Read and check ``candidates.yml``.

    >>> "maker" in load_candidate_words().agent_nouns
    True
    """
    path = path or data_path("candidates.yml")
    data = read_yaml(path)
    keys = tuple(f.name for f in fields(CandidateWords) if f.name != "legal_words")
    check_keys(data, str(path), required=keys)
    lists = {k: frozenset(w.lower() for w in word_list(data[k], f"{path}: {k}")) for k in keys}
    return CandidateWords(**lists, legal_words=load_lexicon().legal_words())


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible argument of a fact: an entity and the tokens ``[start, end)`` naming it."""

    entity: Entity
    start: int
    end: int
    how: str
    """How it was found: the linker's ``how``, ``product`` (from the parse) or ``topic``."""

    def head(self, doc: Doc) -> Token:
        """The token the candidate's phrase hangs from."""
        return doc[self.start : self.end].root


def topic_entity(mentions: Sequence[Linked]) -> Entity | None:
    """The entity a document is mostly about: its most often named company or organisation
    (the first named, on a tie), or None if it names none.

    >>> topic_entity([]) is None
    True
    """
    firms = [m.entity for m in mentions if m.entity.type in ("Company", "Organization")]
    if not firms:
        return None
    counts = Counter(e.label for e in firms)
    best = max(counts.values())
    return next(e for e in firms if counts[e.label] == best)


def sentence_candidates(
    sentence: Span,
    mentions: Sequence[Linked],
    *,
    topic: Entity | None,
    countries: Mapping[str, Entity],
    words: CandidateWords,
) -> list[Candidate]:
    """The candidate arguments of one sentence, in text order.

    ``mentions`` are the linker's mentions inside the sentence; ``countries`` maps a country's
    label to its entity (for places standing for their country).
    """
    found: list[Candidate] = []
    known: set[tuple[int, int]] = set()
    for m in mentions:
        entity = m.entity
        if entity.type == "Place" and entity.country in countries:
            entity = countries[entity.country]  # type: ignore[index]
        if entity.type == "Product":
            known.add((m.span.start, m.span.end))
        found.append(Candidate(entity, m.span.start, m.span.end, m.how))
    found = _extend_names(sentence, found, words)
    names = {i for c in found if c.entity.type != "Product" for i in range(c.start, c.end)}
    glossed = glosses(sentence)  # a name's own name in another script is no second name
    found = [c for c in found if c.start not in glossed]
    found.extend(
        _unlinked_names(
            sentence, names | glossed | {i for s, e in known for i in range(s, e)}, words
        )
    )
    found = _join_adjacent_names(sentence, found)
    names.update(i for c in found if c.how in ("propn", "joined") for i in range(c.start, c.end))
    found.extend(_products(sentence, names, known, words))
    if topic is not None:
        taken = names | {i for c in found for i in range(c.start, c.end)}
        found.extend(_topic_references(sentence, taken, topic, words))
        root = sentence.root
        if root.i not in taken and all(c.entity != topic for c in found):
            # a sentence that names its subject nowhere is often still about the topic
            # ("Sheet mills that produce rolled steel."): the topic stands at the main verb
            found.append(Candidate(topic, root.i, root.i + 1, "implicit"))
    return sorted(found, key=lambda c: (c.start, c.end))


def candidate_pairs(candidates: Sequence[Candidate]) -> Iterator[tuple[Candidate, Candidate]]:
    """Pairs ``(a, b)`` with ``a`` first in the text that could state a fact: two different
    entities, at least one of them an actor, a product never before an actor it is paired
    with as subject (the scorer decides the direction)."""
    for i, a in enumerate(candidates):
        for b in candidates[i + 1 :]:
            if a.entity.label == b.entity.label:
                continue
            if a.entity.type in _ACTORS or b.entity.type in _ACTORS:
                yield a, b


def _extend_names(sentence: Span, found: list[Candidate], words: CandidateWords) -> list[Candidate]:
    """A name the NER cut short keeps the proper nouns right after it: "[Renesas] Technology"
    -> "Renesas Technology", "[Adani] Logistics" -> "Adani Logistics" (a new entity)."""
    doc = sentence.doc
    taken = {i for c in found for i in range(c.start, c.end)}
    out = []
    for c in found:
        end = c.end
        while (
            end < sentence.end
            and end not in taken
            and doc[end].pos_ == "PROPN"
            and doc[end].text[:1].isupper()
            and doc[end].lower_ not in words.legal_words
            and doc[end - 1].whitespace_
        ):
            end += 1
        if end > c.end and c.entity.type in ("Company", "Organization"):
            name = _name_text(doc[c.start : end])
            out.append(Candidate(Entity(name, c.entity.type), c.start, end, "extended"))
        else:
            out.append(c)
    return out


def _join_adjacent_names(sentence: Span, found: list[Candidate]) -> list[Candidate]:
    """Two names with nothing between them, the second not the gazetteer's, are one name the
    NER cut in two: "[Adani] [Logistics Ltd.]", "[Mutanda] [Mine]", "[Airbus] [Safran
    Launchers]" — a new entity, a company if either part is one."""
    doc = sentence.doc
    ordered = sorted(found, key=lambda c: (c.start, c.end))
    out: list[Candidate] = []
    for c in ordered:
        last = out[-1] if out else None
        if (
            last is not None
            and c.start == last.end
            and c.how in ("propn", "ner")
            and last.entity.type not in ("Person", "Product")
            and c.entity.type != "Product"
            and doc[last.end - 1].whitespace_
            and doc[c.start].pos_ == "PROPN"
        ):
            kind: EntityType = (
                "Company" if "Company" in (last.entity.type, c.entity.type) else "Organization"
            )
            name = _name_text(doc[last.start : c.end])
            out[-1] = Candidate(Entity(name, kind), last.start, c.end, "joined")
        else:
            out.append(c)
    return out


def _name_text(span: Span) -> str:
    """A new entity's name: the span's text without a leading "the"."""
    return span.text[4:] if span.text.startswith(("The ", "the ")) else span.text


def _unlinked_names(sentence: Span, taken: set[int], words: CandidateWords) -> Iterator[Candidate]:
    """Runs of proper nouns no mention covers ("*SK Earthon*", "*SEA-ME-WE-6 Consortium*"):
    names the NER and the gazetteer both missed, as organisations (the scorer decides what
    they do).
    A run may hold "&", "of", and "-" or "/" inside a word, between proper nouns; it never
    crosses a mention."""
    doc = sentence.doc
    i = sentence.start
    while i < sentence.end:
        if (
            doc[i].pos_ != "PROPN"
            or i in taken
            or not doc[i].text[:1].isupper()
            or doc[i].ent_type_ in _NOT_NAMES
        ):
            i += 1
            continue
        end = i + 1
        while end < sentence.end and end not in taken:
            t = doc[end]
            tight = not t.whitespace_ and not doc[end - 1].whitespace_  # "ME/CT", not " - "
            joiner = (t.text in ("&", "of") or (t.text in ("-", "/") and tight)) and (
                end + 1 < sentence.end
            )
            if t.pos_ == "PROPN" and t.text[:1].isalnum() and t.ent_type_ not in _NOT_NAMES:
                end += 1
            elif joiner and doc[end + 1].pos_ == "PROPN" and end + 1 not in taken:
                end += 2
            else:
                break
        span = doc[i:end]
        legal = all(t.lower_ in words.legal_words or not t.is_alpha for t in span)
        if any(c.isalpha() for c in span.text) and not legal:
            yield Candidate(Entity(span.text, "Organization"), i, end, "propn")
        i = end


def _products(
    sentence: Span, names: set[int], known: set[tuple[int, int]], words: CandidateWords
) -> Iterator[Candidate]:
    """Product phrases of a sentence: a noun with the words before it that modify it, where no
    name covers them and the gazetteer's product mentions (``known`` spans) do not already say
    the same."""
    for token in sentence:
        if token.i in names or token.pos_ != "NOUN" or token.dep_ == "compound":
            continue
        lemma = token.lemma_.lower()
        start = _phrase_start(token, names, words)
        if lemma in words.agent_nouns or any(lemma.endswith(a) for a in words.agent_suffixes):
            end = token.i  # "steel manufacturer": the goods are what the maker makes
        elif lemma in words.not_products or not token.is_alpha or len(token) < 3:
            continue
        else:
            end = token.i + 1
        span = sentence.doc[start:end]
        n_words = sum(t.text != "-" for t in span)
        if start < end and n_words <= MAX_PRODUCT_WORDS and (start, end) not in known:
            yield Candidate(Entity(span.text.lower(), "Product"), start, end, "product")


def _phrase_start(head: Token, names: set[int], words: CandidateWords) -> int:
    """Where the modifiers right before ``head`` begin ("cold-rolled *steel*"): adjacent words
    inside its phrase, no names, determiners, numbers, superlatives or words of standing."""
    doc = head.doc
    start = head.i
    while start > head.sent.start:
        t = doc[start - 1]
        inside = t.left_edge.i >= head.left_edge.i and head in t.ancestors
        hyphen = t.text == "-" and start - 2 >= head.left_edge.i
        if not (inside or hyphen) or t.i in names:
            break
        if not hyphen and (
            t.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB")
            or (t.pos_ == "VERB" and t.tag_ not in ("VBN", "VBG"))  # "rolled", not "produce"
            or t.tag_ in ("JJS", "JJR")
            or t.lower_ in words.not_product_adjectives
        ):
            break
        start -= 1
        if hyphen:  # "cold-rolled": the word before the hyphen belongs to the same word
            before = doc[start - 1]
            if before.i in names or before.is_punct or before.whitespace_ or t.whitespace_:
                return start + 1  # a dash between words, not a hyphen inside one
            start -= 1
    return start


def _topic_references(
    sentence: Span, taken: set[int], topic: Entity, words: CandidateWords
) -> Iterator[Candidate]:
    """ "It", "its", "the company" where no mention covers them: the topic entity."""
    for token in sentence:
        if token.i in taken:
            continue
        word = token.lower_
        pronoun = word in words.topic_pronouns and token.pos_ == "PRON"
        noun = word in words.topic_nouns and any(c.lower_ == "the" for c in token.lefts)
        if pronoun or noun:
            yield Candidate(topic, token.i, token.i + 1, "topic")
