"""Names made of parts the gazetteer and the NER took apart: a firm's arm in a country
("Safran USA", "Tata Steel UK", "Micron Memory Japan": a firm and a country, one company),
names that begin with a nationality ("American Centrifuge Operating", "British Steel") and
names that end in a legal designator ("Fujitsu Siemens Computers GmbH")."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract.gazetteer import DEMONYM_LABEL, PRODUCT_LABEL
from kg.extract.mentions import Linked
from kg.extract.spans import compound_name_start, name_word, tokens_among
from kg.model import Entity

_REGIONS = frozenset({"Country", "Place"})
_CLOSING = {"]": "[", ")": "("}


def join_regional_names(mentions: list[Linked], local: dict[str, Entity]) -> list[Linked]:
    """A firm's name followed by a country's or place's ("[Safran] [USA]", "[Micron] [Memory]
    [Japan]", "[Tata Steel] [UK]") is one company, the firm's arm there, not two entities.

    Joined when the mentions touch (no punctuation, no "'s" between), the first is a company,
    an organisation or a name the NER found (not a person), any middle one is a capitalised
    product word, and the last a gazetteer country or place. The new company's country is
    the place's; it is added to ``local`` (the document's names) so that later mentions of
    the same words are the same entity.

    >>> import spacy
    >>> doc = spacy.blank("en")("Safran USA makes parts")
    >>> firm, usa = Entity("Safran", "Company"), Entity("United States", "Country")
    >>> mentions = [Linked(doc[0:1], firm, "name"), Linked(doc[1:2], usa, "name")]
    >>> [(m.span.text, m.entity.label, m.entity.country) for m in join_regional_names(mentions, {})]
    [('Safran USA', 'Safran USA', 'United States')]
    """
    out: list[Linked] = []
    n = 0
    while n < len(mentions):
        first = mentions[n]
        end = n + 1
        while (
            end < len(mentions)
            and mentions[end].span.start == mentions[end - 1].span.end
            and mentions[end].entity.type == "Product"
            and mentions[end].span.text[:1].isupper()
        ):
            end += 1
        last = mentions[end] if end < len(mentions) else None
        firm = first.entity.type in ("Company", "Organization") or (
            first.how == "ner" and first.entity.type != "Person"
        )
        if (
            last is None
            or not firm
            or first.how in ("demonym", "product")
            or last.span.start != mentions[end - 1].span.end
            or last.how != "name"
            or last.entity.type not in _REGIONS
            or not first.span[-1].text[:1].isupper()
        ):
            out.append(first)
            n += 1
            continue
        doc = first.span.doc
        span = doc[first.span.start : last.span.end]
        label = " ".join(span.text.split())
        country = last.entity.label if last.entity.type == "Country" else last.entity.country
        entity = local.get(label) or Entity(label, "Company", country=country)
        local.setdefault(label, entity)
        out.append(Linked(span, entity, "joined"))
        n = end + 1
    return out


def names_before_company_noun(
    doc: Doc, spans: list[Span], company_nouns: Collection[str]
) -> Iterator[Span]:
    """Names a company noun follows: "the [Korea Daizin Trading] company", "the [Dalian
    Global Unity Shipping] company" — the gazetteer saw a country or a city in them, the NER
    nothing. Two name words at least, and not one name already found ("the [US] company",
    "the [Tata Steel] company" stay what they are)."""
    found = {(span.start, span.end) for span in spans}
    for token in tokens_among(doc, "LEMMA", company_nouns):
        if not token.text.islower():
            continue
        start = compound_name_start(doc, token.i)
        if token.i - start >= 2 and (start, token.i) not in found:
            yield Span(doc, start, token.i, label="ORG")


def names_with_demonyms(doc: Doc, spans: list[Span]) -> Iterator[Span]:
    """Names that begin with a nationality the gazetteer took alone: "[American] Centrifuge
    Operating", "North [American] Forgemasters", "[British] Steel". The parse tells them
    from descriptions: the word is a proper noun compounded into a capitalised name ("the
    *American* company", "*Chinese* officials" stay nationalities), and no name of its own
    follows ("South Korean [Samsung Electronics]")."""
    named = {
        i
        for span in spans
        if span.label_ not in (DEMONYM_LABEL, PRODUCT_LABEL)  # "[British] [Steel]"
        for i in range(span.start, span.end)
    }
    for span in spans:
        root = span.root
        if span.label_ != DEMONYM_LABEL or root.dep_ != "compound" or root.pos_ != "PROPN":
            continue
        end = root
        while end.dep_ == "compound" and end.head.i > end.i and end.head.text[:1].isupper():
            end = end.head
        start = span.start
        while start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].head == root:
            start -= 1  # "*North* American Forgemasters"
        words = range(span.end, end.i + 1)
        if end.i >= span.end and not named.intersection(words):
            yield Span(doc, start, end.i + 1, label="ORG")


def names_with_legal_designators(
    doc: Doc, spans: list[Span], legal_words: Collection[str]
) -> Iterator[Span]:
    """Runs of name words that end in a legal designator, whatever the gazetteer and the NER
    saw inside them: "[Fujitsu] [Siemens] Computers GmbH", "Urenco [UK] Ltd", "[British]
    International Computers Limited" are each one company. A designator ends a name, so the
    run stops there ("Intel Corp CEO Pat Gelsinger"); "&" and "of" join name words
    ("Thomas Swan & Co."); a span found before that reaches out of the run keeps it whole.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> doc = nlp("He sold it to Fujitsu Siemens Computers GmbH in 1999")
    >>> for t in doc[4:8]:
    ...     t.pos_ = "PROPN"
    >>> [s.text for s in names_with_legal_designators(doc, [doc[4:5]], {"gmbh"})]
    ['Fujitsu Siemens Computers GmbH']
    """
    for token in tokens_among(doc, "LOWER", legal_words):
        last = token.i + 1 == len(doc) or not _designator(token.nbor(1), legal_words)
        if not _designator(token, legal_words) or not last:
            continue
        start = token.i
        while start > 0:
            before = doc[start - 1]
            if name_word(before) or _designator(before, legal_words):
                start -= 1
            elif (
                start > 1
                and name_word(doc[start - 2])
                and (
                    before.text in ("&", "of")
                    or (before.text == "," and _designator(doc[start], legal_words))  # "Co., Ltd."
                )
            ):
                start -= 2
            elif before.text in _CLOSING and (bracket := _opening_bracket(doc, start - 1)):
                start = bracket  # "Weihai [Hway-hi] Trade Ltd", "Hoshine (Shanshan) Co., Ltd."
            else:
                break
        while start < token.i and not name_word(doc[start]):
            start += 1  # "of Kunlun Co.": a name begins with a name word
        end = token.i + 1
        straddles = any(s.start < start < s.end or s.start < end < s.end for s in spans)
        if (
            any(not _designator(t, legal_words) for t in doc[start:end])
            and not straddles
            and not _name_goes_on(doc, start)
        ):
            yield Span(doc, start, end, label="ORG")


def _name_goes_on(doc: Doc, start: int) -> bool:
    """Whether the name that seems to begin at ``start`` may begin earlier, in words the
    parse did not take for a name ("*Tata Iron and* Steel Company", "*Biological* E.
    Limited", "*Royal Dutch* Petroleum Company"): better no name than a fragment of one."""
    if start == 0:
        return False
    before = doc[start - 1]
    if before.text in (")", "]"):
        return True
    if before.lower_ in ("and", "&"):
        return start > 1 and doc[start - 2].text[:1].isupper()
    return before.text[:1].isupper() and before.pos_ not in ("DET", "PRON", "ADP", "PUNCT")


def _opening_bracket(doc: Doc, close: int) -> int | None:
    """Where the bracket closed at ``close`` opens, if a name word comes right before it and
    the brackets hold a few words (a pronunciation or a place, not a remark)."""
    opening = _CLOSING[doc[close].text]
    for i in range(close - 1, max(close - 8, 0), -1):  # i > 0: a name word may come before
        if doc[i].text == opening:
            return i if name_word(doc[i - 1]) else None
    return None


def _designator(token: Token, legal_words: Collection[str]) -> bool:
    """A word of a legal designator, capitalised ("Ltd", "GmbH", "Co.") or "plc"."""
    return token.lower_ in legal_words and (token.text[:1].isupper() or token.lower_ == "plc")


def outermost(spans: list[Span]) -> list[Span]:
    """``spans`` in text order, without those inside another (or the same) one.

    >>> import spacy
    >>> doc = spacy.blank("en")("the Korea Daizin Trading company")
    >>> [s.text for s in outermost([doc[1:2], doc[1:4], doc[4:5]])]
    ['Korea Daizin Trading', 'company']
    """
    out: list[Span] = []
    end = -1
    for span in sorted(spans, key=lambda s: (s.start, -len(s))):
        if span.end > end:  # not inside the spans kept before it
            out.append(span)
            end = span.end
    return out
