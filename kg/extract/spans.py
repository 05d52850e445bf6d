"""Names the NER missed or cut, added to a document's entity spans before linking.

A known name joined to the organisation name it begins ("[Japan] [Display Inc]"), the name
after a title ("Secretary of Homeland Security [Alejandro N. Mayorkas]"), a given name and
initial joined to the known surname after them ("[Antony J.] [Blinken]") and a bulleted line
that holds nothing but a name ("• Kestrel Silicon Co., Ltd.").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract.gazetteer import NAME_LABEL, TITLE_LABEL

_INITIAL = re.compile(r"^[A-Z]\.$")
_COMPASS = frozenset(
    {"North", "South", "East", "West", "Central", "Latin", "Northern", "Southern", "Eastern"}
    | {"Western"}
)


def merge_known_prefixes(doc: Doc) -> list[Span]:
    """``doc.ents``, with a gazetteer name joined to an organisation name that follows it.

    The gazetteer marks names before the NER runs, so a known name at the start of a longer
    one cuts it: "[Japan] [Display Inc]", "[Zhenhua] [Shipbuilding Holdings]". Joined, they
    name the longer organisation; so does a place the NER found before one ("[Huaying]
    [Huizhou Daya Bay Petrochemical Terminal Storage]").
    """
    spans: list[Span] = []
    for span in doc.ents:
        spans.append(span)
        while (
            len(spans) > 1
            and spans[-2].label_ in (NAME_LABEL, "GPE")
            and spans[-1].label_ == "ORG"
            and spans[-2].end == spans[-1].start
        ):  # "[Huaying] [Huizhou] [Daya Bay Petrochemical]": a place the NER saw, too
            last = spans.pop()
            spans[-1] = Span(doc, spans[-1].start, last.end, label="ORG")
    return spans


def with_title_holders(spans: list[Span]) -> list[Span]:
    """``spans`` plus the names that follow a title but that the NER missed: "Secretary of
    Homeland Security [Alejandro N. Mayorkas]"."""
    covered = {i for span in spans for i in range(span.start, span.end)}
    added = []
    for span in spans:
        if span.label_ != TITLE_LABEL:
            continue
        doc, end = span.doc, span.end
        while end < len(doc) and end - span.end < 4 and end not in covered and name_word(doc[end]):
            end += 1
        if end - span.end >= 2 or (end > span.end and doc[end - 1].pos_ == "PROPN"):
            added.append(Span(doc, span.end, end, label="PERSON"))
    return sorted([*spans, *added], key=lambda span: span.start)


def without_open_brackets(spans: list[Span]) -> list[Span]:
    """``spans`` cut before a bracket they open and do not close: the NER's "[Ralls
    Corporation (Ralls]), a corporation ..." is "Ralls Corporation", the acronym after it in
    brackets."""
    out = []
    for span in spans:
        opened = [t.i for t in span if t.text == "("]
        if opened and not any(t.text == ")" for t in span[opened[0] - span.start :]):
            if opened[0] > span.start:
                out.append(
                    Span(span.doc, span.start, opened[0], label=span.label_, span_id=span.id)
                )
        else:
            out.append(span)
    return out


def with_regions_joined(spans: list[Span], countries: Collection[str]) -> list[Span]:
    """``spans`` with a country name that a compass word begins read as the region it names:
    "North [America]", "Latin [America]", "South [China] Sea" are no countries (``countries``:
    the gazetteer ids of countries)."""
    out = []
    for span in spans:
        before = span.doc[span.start - 1] if span.start > 0 else None
        if (
            before is not None
            and before.text in _COMPASS
            and span.label_ == NAME_LABEL
            and span.id_ in countries
        ):
            out.append(Span(span.doc, before.i, span.end, label="LOC"))
        else:
            out.append(span)
    return out


def glosses(sentence: Span) -> set[int]:
    """The tokens of a sentence's brackets that gloss a name in another script or language,
    or give its ticker: "Sharp Corporation (シャープ株式会社 Shāpu Kabushiki-gaisha)",
    "Mahan Air (Persian: هواپیمایی ماهان Havâpeymâye Mâhân)", "Chalco (SEHK: 2600, NYSE:
    ACH)". What they hold names nothing new.

    >>> import spacy
    >>> doc = spacy.blank("en")("Pegatron (Chinese: 和碩; pinyin: Hé shuò) makes laptops")
    >>> sorted(glosses(doc[:]))
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    """
    found: set[int] = set()
    opened: int | None = None
    for token in sentence:
        if token.text == "(":
            opened = token.i
        elif token.text == ")" and opened is not None:
            inside = sentence.doc[opened + 1 : token.i]
            labelled = len(inside) > 1 and inside[1].text == ":" and inside[0].text[:1].isupper()
            if labelled or any(_foreign(t.text) for t in inside):
                found.update(range(opened, token.i + 1))
            opened = None
    return found


def _foreign(word: str) -> bool:
    """Whether a word holds a letter of a script other than Latin."""
    return any(c.isalpha() and not unicodedata.name(c, "").startswith("LATIN") for c in word)


def with_initials_joined(spans: list[Span]) -> list[Span]:
    """``spans`` with a person's given name and initial joined to the known surname after
    them: "[Antony J.] [Blinken]", "[Janet L.] [Yellen]" (the gazetteer knows "Blinken", the
    NER or a title found "Antony J.") is the gazetteer's person."""
    out: list[Span] = []
    for span in spans:
        previous = out[-1] if out else None
        if (
            previous is not None
            and span.label_ == NAME_LABEL
            and previous.label_ == "PERSON"
            and previous.end == span.start
            and _INITIAL.match(previous[-1].text)
        ):
            out[-1] = Span(span.doc, previous.start, span.end, label=NAME_LABEL, span_id=span.id)
        else:
            out.append(span)
    return out


def with_list_items(spans: list[Span], bullets: Collection[str]) -> list[Span]:
    """``spans`` plus bulleted lines that hold nothing but a name the NER missed:
    "• Kestrel Silicon Co., Ltd."."""
    if not spans:
        return spans
    doc = spans[0].doc
    covered = {i for span in spans for i in range(span.start, span.end)}
    added = []
    for sentence in doc.sents:
        first = next((t for t in sentence if not t.is_space), None)
        if first is None or first.text not in bullets:
            continue  # most sentences: one look at their first word
        words = [t for t in sentence if not t.is_space]
        if len(words) < 2 or any(t.i in covered for t in words):
            continue
        name = words[1:]
        while name and name[-1].is_punct and name[-1].text not in ").":
            name = name[:-1]
        if name and all(name_word(t) or t.is_punct or t.like_num for t in name):
            added.append(Span(doc, name[0].i, name[-1].i + 1, label="ORG"))
    return sorted([*spans, *added], key=lambda span: span.start)


def name_word(token: Token) -> bool:
    """A capitalised proper-noun word or an initial ("N.")."""
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.text not in ("’s", "'s")


def compound_name_start(doc: Doc, i: int, taken: Collection[int] = ()) -> int:
    """Where the name words compounded into the word at ``i`` begin ("[Korea Daizin
    Trading] company"), none of them in ``taken``."""
    start = i
    while (
        start > 0
        and doc[start - 1].dep_ == "compound"
        and name_word(doc[start - 1])
        and start - 1 not in taken
    ):
        start -= 1
    return start


def describing(token: Token) -> Iterator[Token]:
    """Nouns that say what the name at ``token`` is: its appositions, and what a copula says
    it is ("[Gamesa] is a listed company")."""
    yield from (c for c in token.children if c.dep_ == "appos")
    if token.dep_ == "nsubj" and token.head.lemma_ == "be":
        yield from (c for c in token.head.children if c.dep_ == "attr")


def tokens_among(doc: Doc, attribute: str, words: Collection[str]) -> Iterator[Token]:
    """The tokens whose ``attribute`` ("LOWER", "LEMMA") is one of ``words``, found in the
    document's arrays: cheaper than looking at every token (every text goes through these)."""
    strings = doc.vocab.strings
    wanted = {strings.add(word) for word in words}
    for i, value in enumerate(doc.to_array(attribute).tolist()):
        if value in wanted:
            yield doc[i]
