"""Names made of parts the gazetteer and the NER took apart: a firm's arm in a country
("Safran USA", "Tata Steel UK", "Micron Memory Japan": a firm and a country, one company)
and names that begin with a nationality ("American Centrifuge Operating", "British Steel")."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from kg.extract.gazetteer import DEMONYM_LABEL, PRODUCT_LABEL
from kg.extract.mentions import Linked
from kg.model import Entity

_REGIONS = frozenset({"Country", "Place"})


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
