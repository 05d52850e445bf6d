"""Facts stated by how an entity is described rather than by a verb.

- Titles: "US Secretary of Commerce Gina Raimondo", "Katherine Tai, U.S. Trade Representative",
  "Japanese Prime Minister Fumio Kishida" -> leaderOf / officialOf the body or country.
- Nationality: "US memory maker Micron", "the Dutch firm ASML", "Taiwan's PSMC",
  "ABB, a Swiss company" -> headquarteredIn.
- Trade: "memory maker Micron", "lithium producer Albemarle" -> producesProduct.

The titles come from the gazetteer (titles that name a body) and ``lexicon.yml`` (titles that
do not); the descriptive nouns from ``lexicon.yml``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator

from spacy.tokens import Doc, Span, Token

from kg.extract.arguments import ArgumentFinder
from kg.extract.costs import DescriptionConfidence
from kg.extract.found import FoundFact, found_fact
from kg.extract.frames import Words
from kg.extract.gazetteer import Gazetteer, Title
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Linked
from kg.model import Entity

_DESCRIPTOR_DEPS = frozenset({"compound", "amod", "nmod", "appos", "poss"})
_ORGANISATIONS = frozenset({"Company", "Organization", "GovernmentBody", "Alliance"})
_BODIES = frozenset({"Country", "Company", "Organization", "GovernmentBody"})
"""What may stand between a title and its holder named before it ("Ann Roe, *USGS* director")."""


class DescriptionRules:
    """Finds title, nationality and trade facts in a document."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        lexicon: Lexicon,
        words: Words,
        confidence: DescriptionConfidence,
    ) -> None:
        self.gazetteer = gazetteer
        self.confidence = confidence
        self.skip = frozenset(lexicon.title_skip_words)
        self.titles: dict[str, list[Title]] = {}
        for title in gazetteer.titles:
            self.titles.setdefault(title.text.lower(), []).append(title)
        self.country_leader = {t.lower() for t in lexicon.country_leader_titles}
        self.country_official = {t.lower() for t in lexicon.country_official_titles}
        self.organisation_leader = {t.lower() for t in lexicon.organisation_leader_titles}
        self.organisation_official = {t.lower() for t in lexicon.organisation_official_titles}
        self.company_nouns = frozenset(lexicon.company_nouns)
        self.maker_nouns = frozenset(lexicon.maker_nouns)
        self.quantity_nouns = words.quantity_nouns
        self.location_verbs = words.location_verbs

    def facts(self, doc: Doc, finder: ArgumentFinder) -> list[FoundFact]:
        mentions: list[Linked] = doc._.kg_mentions or []
        found = [
            fact
            for linked in mentions
            if linked.entity.type in ("Company", "Organization", "Country")
            and linked.how not in ("demonym", "coref", "publisher")
            for fact in self._description_facts(linked, finder)
        ]
        main_country = _most_named_country(mentions)
        named = {linked.entity.label for linked in mentions}
        for title in doc._.kg_titles or []:
            found.extend(self._title_facts(title.span, finder, main_country, named))
        return found

    # -- nationality and products -----------------------------------------------------------

    def _description_facts(self, linked: Linked, finder: ArgumentFinder) -> Iterator[FoundFact]:
        subject = linked.entity
        firm = subject.type != "Country"
        for descriptor, direct in self._descriptors(linked.span, firm):
            if direct:
                country = self._country(finder.mention(self._placed_at(descriptor, linked.span)))
                if firm and country is not None:
                    yield _fact(
                        subject,
                        "headquarteredIn",
                        country,
                        descriptor,
                        self.confidence.possessive,
                        "possessive",
                    )
                continue
            lemma = descriptor.lemma_.lower()
            if lemma not in self.company_nouns:
                continue
            maker = lemma in self.maker_nouns
            for modifier in self._modifiers(descriptor, maker, finder):
                if firm and modifier.entity.type == "Country":
                    yield _fact(
                        subject,
                        "headquarteredIn",
                        modifier.entity,
                        descriptor,
                        self.confidence.nationality,
                        "nationality",
                    )
                elif maker and modifier.entity.type == "Product":
                    yield _fact(
                        subject,
                        "producesProduct",
                        modifier.entity,
                        descriptor,
                        self.confidence.maker,
                        "maker",
                    )

    def _country(self, linked: Linked | None) -> Entity | None:
        """The country a mention names; a place's, after "of" ("Intel *of Santa Clara*")."""
        if linked is None or linked.entity.type not in ("Country", "Place"):
            return None
        if linked.entity.type == "Country":
            return linked.entity
        if linked.span.root.dep_ != "pobj":
            return None  # "*Milan's* stock exchange" is no firm of Italy's
        return self.gazetteer.entities.get(linked.entity.country or "")

    def _placed_at(self, descriptor: Token, span: Span) -> Token:
        """What a participle of place right before a name says it is based in ("*Shenzhen*-
        based X"); any other descriptor is itself."""
        between = descriptor.doc[descriptor.i + 1 : span.start]
        if (
            descriptor.dep_ == "amod"
            and descriptor.lemma_.lower() in self.location_verbs
            and not any(t.pos_ == "PROPN" for t in between)  # not over another name
        ):
            for child in descriptor.children:
                if child.dep_ in ("npadvmod", "compound", "nmod") and child.i < descriptor.i:
                    return child
        return descriptor

    def _modifiers(
        self, descriptor: Token, maker: bool, finder: ArgumentFinder
    ) -> Iterator[Linked]:
        """What a describing noun says of its entity: "*Swiss* firm", "*memory* maker",
        "manufacturers *of cranes*", "a listed company *in Spain*" (not "the largest company
        in China": a superlative ranks, it does not place)."""
        ranked = any(c.tag_ == "JJS" for c in descriptor.children)
        for child in descriptor.children:
            if child.dep_ in _DESCRIPTOR_DEPS and (linked := finder.mention(child)) is not None:
                yield linked
            elif child.dep_ == "prep" and child.lower_ in ("in", "of") and not ranked:
                for pobj in child.children:
                    linked = finder.mention(pobj) if pobj.dep_ == "pobj" else None
                    if linked is not None and linked.entity.type == "Country":
                        yield linked
            if maker and child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    named = [
                        linked
                        for linked, _ in finder.named_by(pobj)
                        if linked.entity.type == "Product"
                    ]
                    phrase = None if named else finder.product_phrase(pobj)
                    yield from named or ([phrase[0]] if phrase else [])

    def _descriptors(self, span: Span, firm: bool = True) -> Iterator[tuple[Token, bool]]:
        """Words describing the entity named by ``span``; ``True`` for direct modifiers.

        "Taiwan's PSMC" -> (Taiwan, True); "US memory maker Micron" -> (maker, False);
        "a new chip maker, Rapidus", "ABB, a Swiss company", "Nexperia is a semiconductor
        manufacturer", "TEL was described as a maker of ..." -> (maker / company, False).
        """
        root = span.root
        inside = range(span.start, span.end)
        head = root.head
        # A country only describes itself in a clause ("Zambia is a copper producer"); as a
        # modifier it describes something else ("*US* memory maker Micron").
        if firm:
            for child in root.children:
                if child.i in inside or child.dep_ not in _DESCRIPTOR_DEPS:
                    continue
                yield (
                    child,
                    child.dep_ in ("poss", "amod")
                    or (child.dep_ == "compound" and child.pos_ == "PROPN"),
                )
            if root.dep_ in ("appos", "compound") and head.i not in inside:
                yield head, False
            # "POSCO *of South Korea*"; not "the Apple of China", "the Zone of Zhejiang"
            before = {t.lower_ for t in span.doc[max(span.start - 2, 0) : span.start + 1]}
            determined = bool(before & {"the", "a", "an", '"', "“"})
            for prep in root.children:
                if (
                    prep.dep_ == "prep"
                    and prep.lower_ == "of"
                    and prep.i == span.end
                    and not determined
                ):
                    yield from ((p, True) for p in prep.children if p.dep_ == "pobj")
            yield from ((noun, False) for noun in _group_nouns(root))
        if root.dep_ in ("nsubj", "nsubjpass") and head is not root:
            copula = head.lemma_ == "be"
            complements = [
                c
                for c in head.children
                if copula and (c.dep_ == "attr" or (c.dep_ == "conj" and c.pos_ == "NOUN"))
            ]
            complements += [
                p
                for c in head.children
                if c.dep_ == "prep" and c.lower_ == "as"
                for p in c.children
                if p.dep_ == "pobj"
            ]
            for noun in complements:
                for described in (noun, *noun.conjuncts):
                    yield self._past_quantity(described), False

    def _past_quantity(self, noun: Token) -> Token:
        """ "one *of* five Japanese companies" -> companies."""
        if noun.lemma_.lower() in self.quantity_nouns or noun.lower_ == "one":
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return pobj
        return noun

    # -- titles -----------------------------------------------------------------------------

    def _title_facts(
        self,
        title: Span,
        finder: ArgumentFinder,
        main_country: Entity | None,
        named: Collection[str],
    ) -> Iterator[FoundFact]:
        holder = _holder(title, finder, self.skip)
        if holder is None:
            return
        text, c = title.text.lower(), self.confidence
        country = _country_before(title, finder, self.skip)
        org = _organisation_near(title, finder)
        if text in self.titles:
            match = _pick_title(self.titles[text], country)
            if match is not None:
                body = self.gazetteer.entities[match.holder_of]
                yield _fact(holder, match.predicate, body, title.root, c.title, "title")
        elif text in self.organisation_leader and org is not None:
            yield _fact(holder, "leaderOf", org, title.root, c.organisation_leader, "title")
        elif text in self.organisation_official and org is not None:
            yield _fact(holder, "officialOf", org, title.root, c.organisation_official, "title")
        elif text in self.country_leader:
            # "President Biden": the country named, else the one the gazetteer gives the
            # person, else the country the article names most
            known = self.gazetteer.entities.get(holder.country or "")
            chosen, confidence = (
                (country, c.country_leader)
                if country
                else (known, c.known_leader)
                if known
                else (main_country, c.main_country_leader)
            )
            if chosen is not None and chosen.type == "Alliance":
                chosen = self._body_led(chosen, text, named)  # "President von der Leyen"
            if chosen is not None:
                yield _fact(holder, "leaderOf", chosen, title.root, confidence, "title")
        elif text in self.country_official and country is not None:
            yield _fact(holder, "officialOf", country, title.root, c.country_official, "title")

    def _body_led(self, alliance: Entity, title: str, named: Collection[str]) -> Entity | None:
        """The one body of an alliance the document names whose head has this title: a
        "President" of the EU heads the Commission or the Council, whichever is named."""
        bodies = {
            t.holder_of
            for t in self.gazetteer.titles
            if t.predicate == "leaderOf"
            and t.text.lower().startswith(title)
            and t.holder_of in named
            and self.gazetteer.entities[t.holder_of].country == alliance.label
        }
        return self.gazetteer.entities[bodies.pop()] if len(bodies) == 1 else None


def _fact(
    subject: Entity, predicate: str, obj: Entity, token: Token, confidence: float, rule: str
) -> FoundFact:
    return found_fact(
        subject,
        predicate,
        obj,
        token.sent,
        confidence=confidence,
        rule=f"{predicate}/{rule}",
        trigger=token.i,
    )


def _holder(title: Span, finder: ArgumentFinder, skip: Collection[str]) -> Entity | None:
    """The person holding a title: right after it, or before it and a comma."""
    doc = title.doc
    j = title.end
    if j + 1 < len(doc) and doc[j].lower_ == "to":  # "Ambassador to the United States, Tomita Koji"
        j += 1
        while j < len(doc) and (doc[j].lower_ == "the" or _is_country(finder, doc[j])):
            j += 1
        j += doc[j].text == "," if j < len(doc) else 0
    if j < len(doc):
        after = finder.mention(doc[j])
        if after is not None and after.entity.type == "Person":
            return after.entity
    i = title.start - 1
    while i >= 0 and (doc[i].lower_ in skip or _is_body(finder, doc[i])):
        i -= 1  # "Jon Doe, *DOE's* Deputy Assistant Secretary", "Ann Roe, *USGS* director"
    if i >= 1 and doc[i].text == ",":
        before = finder.mention(doc[i - 1])
        if before is not None and before.entity.type == "Person":
            return before.entity
    return None


def _country_before(title: Span, finder: ArgumentFinder, skip: Collection[str]) -> Entity | None:
    """The country qualifying a title: "*Japan's* Minister of ...", "*US* Secretary of ...",
    "the *Chinese* Minister of ...", or "Minister of Commerce *of China*"."""
    doc = title.doc
    i = title.start - 1
    while i >= 0 and doc[i].lower_ in skip:
        i -= 1
    if i >= 0 and _is_country(finder, doc[i]):
        return finder.mention(doc[i]).entity  # type: ignore[union-attr]
    if (
        title.end + 1 < len(doc)
        and doc[title.end].lower_ == "of"
        and _is_country(finder, doc[title.end + 1])
    ):
        return finder.mention(doc[title.end + 1]).entity  # type: ignore[union-attr]
    return None


def _organisation_near(title: Span, finder: ArgumentFinder) -> Entity | None:
    """The organisation a generic title belongs to: "*Nvidia* CEO ...", "*DOE's* Deputy
    Assistant Secretary", "Chair of *the House Committee on ...*", "Director for *MCEIP*"."""
    doc = title.doc
    candidates = []
    if title.start > 0:
        before = title.start - 1
        possessive = doc[before].text in ("'s", "’s") and before > 0
        candidates.append(doc[before - 1] if possessive else doc[before])
    if title.end + 1 < len(doc) and doc[title.end].lower_ in ("of", "for", "at"):
        j = title.end + 1
        candidates.append(doc[j + 1] if doc[j].lower_ == "the" and j + 1 < len(doc) else doc[j])
    return next(
        (e for token in candidates if (e := _named(finder, token, _ORGANISATIONS)) is not None),
        None,
    )


def _pick_title(candidates: list[Title], country: Entity | None) -> Title | None:
    if country is not None:
        return next((t for t in candidates if t.country == country.label), None)
    bodies = {t.holder_of for t in candidates}
    return candidates[0] if len(bodies) == 1 else None


def _named(finder: ArgumentFinder, token: Token, types: Collection[str]) -> Entity | None:
    """The entity of one of ``types`` that ``token`` names, if any."""
    linked = finder.mention(token)
    return linked.entity if linked is not None and linked.entity.type in types else None


def _is_body(finder: ArgumentFinder, token: Token) -> bool:
    """Whether ``token`` names a country or a body (whose title follows)."""
    return _named(finder, token, _BODIES) is not None


def _is_country(finder: ArgumentFinder, token: Token) -> bool:
    return _named(finder, token, ("Country",)) is not None


def _most_named_country(mentions: list[Linked]) -> Entity | None:
    counts = Counter(m.entity for m in mentions if m.entity.type == "Country" and m.how == "name")
    return counts.most_common(1)[0][0] if counts else None


def _group_nouns(root: Token) -> Iterator[Token]:
    """The plural noun a list of names stands in apposition to, for each name after the
    first: "Canadian companies A and *B*", "two North Korean firms, A and *B*" describe B as
    well as A (a singular noun describes the first name alone: "A, a Swiss firm, and B")."""
    if root.dep_ != "conj":
        return
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    described = [first.head] if first.dep_ in ("appos", "compound") else []
    described += [c for c in first.children if c.dep_ in ("appos", "compound") and c.i < first.i]
    yield from (noun for noun in described if noun.tag_ in ("NNS", "NNPS") and noun.pos_ == "NOUN")
