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

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.gazetteer import (
    DEMONYM_LABEL,
    NAME_LABEL,
    PRODUCT_LABEL,
    TITLE_LABEL,
    Gazetteer,
)
from kg.extract.joined_names import (
    join_regional_names,
    names_before_company_noun,
    names_with_demonyms,
    names_with_legal_designators,
    outermost,
)
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Linked, TitleSpan
from kg.extract.spans import (
    compound_name_start,
    describing,
    merge_known_prefixes,
    name_word,
    with_initials_joined,
    with_list_items,
    with_regions_joined,
    with_title_holders,
    without_open_brackets,
)
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
_ACTOR_TYPES = frozenset({"Company", "Organization", "GovernmentBody", "Country", "Alliance"})
_SAID_AS = re.compile(r"\s*\[[^\]]*\]")
"""A pronunciation in brackets inside a name (VOA: "Thinh Cuong [Tin cue-ong]")."""
_QUOTES = {"“": 1, "”": -1}
_GOVERNMENT = re.compile(r"(?:[Tt]he )?Government of (?:the )?(.+)|(?:[Tt]he )?(.+?) [Gg]overnment")


class EntityLinker:
    """Links a document's entity spans; stores them in ``doc._.kg_mentions``."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self._suffixes = sorted(lexicon.legal_suffixes, key=len, reverse=True)
        self._legal_words = lexicon.legal_words()
        self._countries = frozenset(k for k, e in gazetteer.entities.items() if e.type == "Country")
        self._government_words = frozenset(lexicon.government_words)
        self._company_words = frozenset(lexicon.company_words)
        self._honorifics = frozenset(lexicon.honorifics)
        self._company_nouns = frozenset(lexicon.company_nouns)
        self._facility_words = frozenset(lexicon.facility_words)
        self._anaphors = frozenset(lexicon.company_anaphors)
        self._titles = gazetteer.titles

    def __call__(self, doc: Doc) -> Doc:
        local: dict[str, Entity] = {}  # names and acronyms defined in this document
        spans = without_open_brackets(merge_known_prefixes(doc))
        spans = with_initials_joined(
            with_title_holders(with_regions_joined(spans, self._countries))
        )
        spans = with_list_items(self._with_described_names(spans), self.lexicon.bullets)
        persons = self._full_person_names(spans)
        mentions: list[Linked] = []
        titles: list[TitleSpan] = []
        for span in spans:
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
        mentions = self._disambiguate_places(join_regional_names(mentions, local))
        mentions += self._references(doc, mentions)
        doc._.kg_mentions = sorted(mentions, key=lambda m: m.span.start)
        doc._.kg_titles = titles
        return doc

    def _disambiguate_places(self, mentions: list[Linked]) -> list[Linked]:
        """Read "Georgia" as the U.S. state in an article about the United States."""
        ambiguous = self.lexicon.ambiguous_places
        if not any(m.span.text in ambiguous for m in mentions):
            return mentions
        support: dict[str, int] = {}
        for m in mentions:
            if m.span.text not in ambiguous:
                for country in {m.entity.label if m.entity.type == "Country" else m.entity.country}:
                    if country:
                        support[country] = support.get(country, 0) + 1
        out = []
        for m in mentions:
            other = ambiguous.get(m.span.text)
            if other and support.get(other, 0) > 0 and support.get(m.entity.label, 0) == 0:
                place = Entity(f"{m.span.text} ({other})", "Place", country=other)
                m = Linked(m.span, place, "name")
            out.append(m)
        return out

    # -- references that are not names -----------------------------------------------------

    def _references(self, doc: Doc, mentions: list[Linked]) -> list[Linked]:
        """Pronouns and definite descriptions that refer to a named entity.

        "it"/"its" -> the subject of the same or the previous sentence; "the company",
        "the chipmaker" -> the last company named as a subject there; "we"/"our" outside
        quotations -> the article's publisher, when the gazetteer knows it (press releases).
        """
        by_token = {t.i: m for m in mentions for t in m.span}
        publisher = self._publisher(doc)
        found: list[Linked] = []
        previous: list[Linked] = []
        for sentence in doc.sents:
            current: list[Linked] = []
            for token in sentence:
                linked = by_token.get(token.i)
                if linked is not None:
                    subject = token == linked.span.root and token.dep_ in ("nsubj", "nsubjpass")
                    if subject and linked.entity.type in _ACTOR_TYPES:
                        current.append(linked)
                    continue
                referent = self._referent(token, current or previous, publisher)
                if referent is not None:
                    reference = Linked(doc[token.i : token.i + 1], referent, "coref")
                    found.append(reference)
                    by_token[token.i] = reference  # "The company was founded ... It is ..."
            previous = _main_subject(sentence, by_token, previous)
        return found

    def _referent(
        self, token: Token, subjects: list[Linked], publisher: Entity | None
    ) -> Entity | None:
        word = token.lower_
        if token.pos_ == "PRON":
            if word in self.lexicon.referring_pronouns and subjects:
                return subjects[-1].entity
            we = word in self.lexicon.publisher_pronouns
            if we and publisher and not _inside_quotes(token):
                return publisher
            return None
        if word in self._anaphors and any(c.lower_ == "the" for c in token.children):
            firms = [s for s in subjects if s.entity.type in ("Company", "Organization")]
            if firms and not any(c.dep_ in ("compound", "amod", "appos") for c in token.children):
                return firms[-1].entity
        return None

    def _publisher(self, doc: Doc) -> Entity | None:
        """The gazetteer entity that published the document ("U.S. Department of Energy, Loan
        Programs Office" -> U.S. Department of Energy), if any."""
        source = doc._.kg_source
        if not source:
            return None
        for part in re.split(r"[,;()]| - | — ", source):
            entity = self.gazetteer.lookup(part.strip())
            if entity is not None and entity.type in (
                "GovernmentBody",
                "Company",
                "Organization",
                "Alliance",
            ):
                return entity
        return None

    # -- one span --------------------------------------------------------------------------

    def _link(
        self, span: Span, local: dict[str, Entity], persons: dict[str, Entity]
    ) -> Linked | None:
        gz = self.gazetteer
        if span.label_ == NAME_LABEL:
            return Linked(span, gz.entities[span.id_], "name")
        if span.label_ == DEMONYM_LABEL:
            return Linked(span, gz.entities[span.id_], "demonym")
        if span.label_ == PRODUCT_LABEL:
            return Linked(span, gz.entities[span.id_], "product")
        if span.label_ not in _NER_CLASSES:
            return None
        text = self._clean(span)
        if not text or span[-1].pos_ in ("ADP", "DET", "CCONJ"):
            return None  # empty, or a name the NER cut off ("Government of the")
        if self.lexicon.is_legal_designator(text):
            return None  # "[SAIC Motor Corporation] [Limited]": the end of the name before
        known = (
            gz.lookup(text)
            or self._site_of(text)
            or self._government_of(text)
            or self._office_of(text)
        )
        if known is not None:
            return Linked(span, known, "name")
        product = gz.lookup_product(text)
        if product is not None and span.label_ in ("ORG", "PRODUCT", "NORP"):
            return Linked(span, product, "product")  # the NER took "EV" for an organisation
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
            span.doc[start].lower_ == "the"
            or span.doc[start].text in self._honorifics
            or not any(char.isalnum() for char in span.doc[start].text)  # "• Baltic Gallium"
        ):
            start += 1
        text = _SAID_AS.sub("", span.doc[start : span.end].text)  # "Weihai [Hway-hi] Trade"
        text = " ".join(text.split()).strip(" ,;:")
        if text.endswith(("'s", "’s")):
            text = text[:-2]
        if span.label_ == "ORG":
            text = self._strip_legal_suffix(text)
        return text

    def _office_of(self, text: str) -> Entity | None:
        """An internal office named after its head's title belongs to that body: "Office of the
        Deputy Assistant Secretary of Defense for ..." -> the Department of Defense."""
        if not text.startswith(("Office of the ", "The Office of the ")):
            return None
        lowered = text.lower()
        matches = [
            t for t in self._titles if t.text.lower() in lowered and t.predicate == "leaderOf"
        ]
        if not matches:
            return None
        longest = max(matches, key=lambda t: len(t.text))
        return self.gazetteer.entities.get(longest.holder_of)

    def _government_of(self, text: str) -> Entity | None:
        """ "Government of Japan", "the Japanese government" -> the country."""
        match = _GOVERNMENT.fullmatch(text)
        if match is None:
            return None
        name = match.group(1) or match.group(2)
        country = self.gazetteer.lookup(name) or self.gazetteer.lookup_demonym(name)
        return country if country is not None and country.type == "Country" else None

    def _site_of(self, text: str) -> Entity | None:
        """The entity a project or site is named after: "Syrah Resources Project"."""
        name, _, last = text.rpartition(" ")
        return self.gazetteer.lookup(name) if name and last in self._facility_words else None

    def _strip_legal_suffix(self, text: str) -> str:
        for suffix in self._suffixes:
            if text.endswith(" " + suffix) or text.endswith("," + suffix):
                stripped = text[: -len(suffix)].rstrip(" ,")
                return self._strip_legal_suffix(stripped) if stripped else text
        return text

    def _classify(self, span: Span, text: str) -> EntityType:
        kind = _NER_CLASSES[span.label_]
        if kind in ("Organization", "Place", "Person") and self._described_as_company(span):
            return "Company"  # "Infineon, a company based in Germany"; "the chipmaker Rapidus"
        words = text.replace(",", " ").split()
        if kind == "Person" and self._company_words.intersection(words):
            return "Company"  # the NER's person "Nordwind Airlines", "Lakeshore Graphite"
        if kind != "Organization":
            return kind
        if self._government_words.intersection(words) or "Task Force" in text:
            return "GovernmentBody"
        if self._company_words.intersection(words) or text != span.text.strip():
            return "Company"
        return "Organization"

    def _with_described_names(self, spans: list[Span]) -> list[Span]:
        """``spans`` plus names the NER missed that a company noun introduces or describes,
        or a country owns: "Israeli chipmaker [Autotalks]", "the carmaker [Xpeng]", "[Gamesa]
        is a listed company", "China's [Envision]"."""
        if not spans:
            return spans
        doc = spans[0].doc
        covered = {i for span in spans for i in range(span.start, span.end)}
        added = []
        for token in doc:
            if token.i in covered or not name_word(token) or token.dep_ == "compound":
                continue
            described = [*describing(token), *(c for c in token.children if c.dep_ == "compound")]
            if not any(c.lemma_.lower() in self._company_nouns for c in described) and not any(
                c.dep_ == "poss" and self._is_country(c) for c in token.children
            ):  # "[Autotalks]", an Israeli chipmaker; "China's [Envision]"
                continue
            start = compound_name_start(doc, token.i, covered)
            if start == 0 or not name_word(doc[start - 1]):  # not the end of "[BHP] Billiton"
                added.append(Span(doc, start, token.i + 1, label="ORG"))
        named = [*spans, *added, *names_before_company_noun(doc, spans, self._company_nouns)]
        named += names_with_demonyms(doc, spans)
        named += names_with_legal_designators(doc, spans, self._legal_words)
        return sorted(outermost(named), key=lambda span: span.start)

    def _is_country(self, token: Token) -> bool:
        return token.ent_type_ == NAME_LABEL and token.ent_id_ in self._countries

    def _described_as_company(self, span: Span) -> bool:
        root = span.root
        described = [*describing(root), *(c for c in root.children if c.dep_ == "compound")]
        if root.dep_ == "appos":  # not "compound": in "*EV* maker" the name is the product
            described.append(root.head)
        elif root.dep_ == "compound" and root.head.i == span.end and len(span) > 1:
            described.append(root.head)  # "the [Korea Daizin Trading] company"
        return any(
            token.lemma_.lower() in self._company_nouns and not (span.start <= token.i < span.end)
            for token in described
        )

    # -- document-level evidence ----------------------------------------------------------

    def _full_person_names(self, spans: list[Span]) -> dict[str, Entity]:
        """Surnames of the multi-word person names among ``spans`` -> the person."""
        persons: dict[str, Entity] = {}
        for span in spans:
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


def _main_subject(
    sentence: Span, by_token: dict[int, Linked], previous: list[Linked]
) -> list[Linked]:
    """What the next sentence's "it" most likely means: this sentence's main subject if it is
    a named actor, nothing if it is some other noun ("The factory ... It will"), and the
    earlier candidate if this sentence has no subject."""
    subjects = [c for c in sentence.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return previous
    linked = by_token.get(subjects[0].i)
    return [linked] if linked is not None and linked.entity.type in _ACTOR_TYPES else []


def _inside_quotes(token: Token) -> bool:
    """Whether ``token`` stands inside a quotation in its paragraph (typographic or straight
    quotes)."""
    text = token.doc.text
    start = text.rfind("\n\n", 0, token.idx) + 1
    before = text[start : token.idx]
    curly = sum(_QUOTES.get(char, 0) for char in before)
    return curly > 0 or before.count('"') % 2 == 1


def register_extensions() -> None:
    """Declare the ``Doc`` attributes kg's components use (idempotent)."""
    for name in ("kg_source", "kg_mentions", "kg_titles", "kg_facts"):
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
