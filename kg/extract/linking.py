"""Entity linking: every named span of a document becomes a canonical :class:`Entity`.

Gazetteer spans (marked by the EntityRuler) link to their gazetteer entry. Spans found by the
statistical NER are linked, in order of preference, to a gazetteer name, to an acronym or a
longer name given earlier in the same document ("International Business Machines Corp (IBM)"),
to a person's full name ("Raimondo" -> "Gina Raimondo"), or else become a new entity whose
label is the cleaned name and whose class is guessed from its words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.gazetteer import (
    DEMONYM_LABEL,
    NAME_LABEL,
    PRODUCT_LABEL,
    TITLE_LABEL,
    Gazetteer,
)
from kg.extract.lexicon import Lexicon
from kg.model import Entity, EntityType

# spaCy NER labels we link, and the class an unknown name of that label gets.
_NER_CLASSES: dict[str, EntityType] = {
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "PERSON": "Person",
    "NORP": "Organization",
    "FAC": "Place",
}
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&.\-]{1,9}$")


@dataclass(frozen=True, slots=True)
class Linked:
    """A span of a document linked to an entity.

    ``how`` says how the link was made: ``name``, ``demonym``, ``product`` (gazetteer),
    ``acronym``, ``partial``, ``surname`` (same document) or ``ner`` (a new entity).
    """

    span: Span
    entity: Entity
    how: str


@dataclass(frozen=True, slots=True)
class TitleSpan:
    """A span naming an office ("Secretary of Commerce"), kept for the title rules."""

    span: Span


class EntityLinker:
    """Links a document's entity spans; stores them in ``doc._.kg_mentions``."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self._suffixes = sorted(lexicon.legal_suffixes, key=len, reverse=True)
        self._government_words = frozenset(lexicon.government_words)
        self._company_words = frozenset(lexicon.company_words)
        self._honorifics = frozenset(lexicon.honorifics)
        self._company_nouns = frozenset(lexicon.company_nouns)

    def __call__(self, doc: Doc) -> Doc:
        local: dict[str, Entity] = {}  # names and acronyms defined in this document
        persons = self._full_person_names(doc)
        mentions: list[Linked] = []
        titles: list[TitleSpan] = []
        for span in _merge_known_prefixes(doc):
            if span.label_ == TITLE_LABEL:
                titles.append(TitleSpan(span))
                continue
            linked = self._link(span, local, persons)
            if linked is None:
                continue
            mentions.append(linked)
            if linked.how not in ("demonym", "product"):
                local.setdefault(linked.entity.label, linked.entity)
                for acronym in self._acronyms_after(span):
                    local.setdefault(acronym, linked.entity)
        doc._.kg_mentions = mentions
        doc._.kg_titles = titles
        return doc

    # -- one span --------------------------------------------------------------------------

    def _link(
        self, span: Span, local: dict[str, Entity], persons: dict[str, Entity]
    ) -> Linked | None:
        gz = self.gazetteer
        if span.label_ == NAME_LABEL:
            return Linked(span, gz.entities[span.ent_id_], "name")
        if span.label_ == DEMONYM_LABEL:
            return Linked(span, gz.entities[span.ent_id_], "demonym")
        if span.label_ == PRODUCT_LABEL:
            return Linked(span, gz.entities[span.ent_id_], "product")
        if span.label_ not in _NER_CLASSES:
            return None
        text = self._clean(span)
        if not text:
            return None
        known = gz.lookup(text)
        if known is not None:
            return Linked(span, known, "name")
        if span.label_ == "NORP":
            country = gz.lookup_demonym(text)
            return Linked(span, country, "demonym") if country else None
        if text in local:
            return Linked(span, local[text], "acronym")
        if text in persons:
            return Linked(span, persons[text], "surname")
        if span.label_ == "ORG":
            longer = next((e for name, e in local.items() if name.startswith(text + " ")), None)
            if longer is not None and longer.type != "Person":
                return Linked(span, longer, "partial")
        return Linked(span, Entity(text, self._classify(span, text)), "ner")

    def _clean(self, span: Span) -> str:
        """The canonical label of a name: no leading article, honorific or legal designator."""
        start = span.start
        while start < span.end and (
            span.doc[start].lower_ == "the" or span.doc[start].text in self._honorifics
        ):
            start += 1
        text = " ".join(span.doc[start : span.end].text.split()).strip(" ,;:")
        if text.endswith(("'s", "’s")):
            text = text[:-2]
        if span.label_ == "ORG":
            text = self._strip_legal_suffix(text)
        return text

    def _strip_legal_suffix(self, text: str) -> str:
        for suffix in self._suffixes:
            if text.endswith(" " + suffix) or text.endswith("," + suffix):
                stripped = text[: -len(suffix)].rstrip(" ,")
                return self._strip_legal_suffix(stripped) if stripped else text
        return text

    def _classify(self, span: Span, text: str) -> EntityType:
        kind = _NER_CLASSES[span.label_]
        if kind in ("Organization", "Place") and self._described_as_company(span):
            return "Company"  # "Infineon, a company based in Germany"; "the chipmaker Rapidus"
        if kind != "Organization":
            return kind
        words = text.replace(",", " ").split()
        if self._government_words.intersection(words) or "Task Force" in text:
            return "GovernmentBody"
        if self._company_words.intersection(words) or text != span.text.strip():
            return "Company"
        return "Organization"

    def _described_as_company(self, span: Span) -> bool:
        root = span.root
        described = [c for c in root.children if c.dep_ in ("appos", "compound")]
        if root.dep_ in ("appos", "compound"):
            described.append(root.head)
        return any(
            token.lemma_.lower() in self._company_nouns and not (span.start <= token.i < span.end)
            for token in described
        )

    # -- document-level evidence ----------------------------------------------------------

    def _full_person_names(self, doc: Doc) -> dict[str, Entity]:
        """Surnames of the multi-word person names in ``doc`` -> the person."""
        persons: dict[str, Entity] = {}
        for span in doc.ents:
            if span.label_ == "PERSON" and len(span) > 1:
                full = self._clean(span)
                if " " in full and self.gazetteer.lookup(full) is None:
                    persons.setdefault(full.split()[-1], Entity(full, "Person"))
        return persons

    @staticmethod
    def _acronyms_after(span: Span) -> Iterator[str]:
        """An acronym given in parentheses right after a name: "… Corp (IBM)"."""
        doc = span.doc
        if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
            candidate = doc[span.end + 1].text
            if _ACRONYM.match(candidate):
                yield candidate


def _merge_known_prefixes(doc: Doc) -> list[Span]:
    """``doc.ents``, with a gazetteer name joined to an organisation name that follows it.

    The gazetteer marks names before the NER runs, so a known name at the start of a longer
    one cuts it: "[Japan] [Display Inc]", "[Zhenhua] [Shipbuilding Holdings]". Joined, they
    name the longer organisation.
    """
    spans: list[Span] = []
    for span in doc.ents:
        previous = spans[-1] if spans else None
        if (
            previous is not None
            and previous.label_ == NAME_LABEL
            and span.label_ == "ORG"
            and previous.end == span.start
        ):
            spans[-1] = Span(doc, previous.start, span.end, label="ORG")
        else:
            spans.append(span)
    return spans


def register_extensions() -> None:
    """Declare the ``Doc`` attributes kg's components write (idempotent)."""
    for name in ("kg_mentions", "kg_titles", "kg_facts"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


@Language.factory("kg_linker", default_config={"gazetteer": "", "lexicon": ""})
def make_linker(nlp: Language, name: str, gazetteer: str, lexicon: str) -> EntityLinker:
    """spaCy factory: ``nlp.add_pipe("kg_linker", after="ner")``."""
    from pathlib import Path

    from kg.extract.gazetteer import load_gazetteer
    from kg.extract.lexicon import load_lexicon

    register_extensions()
    return EntityLinker(
        load_gazetteer(Path(gazetteer) if gazetteer else None),
        load_lexicon(Path(lexicon) if lexicon else None),
    )
