"""Lists: facts about a group, handed to each member the document lists.

Press releases announce an action on a group and list its members apart::

    BIS added five Chinese entities to the Entity List ...
    The entities to be added to the Entity List ... are:
    • Hoshine Silicon Industry (Shanshan) Co., Ltd.
    • Xinjiang Daqo New Energy Co., Ltd.

The relation rules resolve "five Chinese entities" to a *group placeholder* (see
:func:`group_entity`); this module finds the lists (bulleted or one item a line after a colon,
or "The entities identified today are A; B; and C"), matches each to the group it enumerates
(same kind of noun, same count when one is given), and gives every member the group's facts —
and its nationality ("five *Chinese* entities" -> headquarteredIn China). Facts about groups
that no list enumerates are dropped.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract.costs import Costs
from kg.extract.found import FoundFact, derive, found_fact
from kg.extract.frames import Words
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import Linked
from kg.model import Entity

GROUP_PREFIX = "\x00group:"
"""Labels of group placeholders start with this; no real name can."""

_MEMBER_TYPES = frozenset({"Company", "Organization", "GovernmentBody", "Person"})


def group_entity(token: Token) -> Entity:
    """The placeholder standing for the group a plural noun names ("five Chinese entities")."""
    return Entity(f"{GROUP_PREFIX}{token.i}", "Organization")


def is_group(entity: Entity) -> bool:
    return entity.label.startswith(GROUP_PREFIX)


@dataclass(frozen=True)
class ListedGroup:
    """A list found in a document: its members and the noun that introduces it."""

    head: Token
    """The plural noun the list enumerates ("entities", "producers")."""
    members: tuple[tuple[Linked, Span], ...]
    """Each member and the evidence naming it (its list line, or the listing sentence)."""


def expand_groups(
    doc: Doc,
    facts: list[FoundFact],
    index: Mapping[int, Linked],
    words: Words,
    lexicon: Lexicon,
    costs: Costs,
) -> list[FoundFact]:
    """``facts`` with group placeholders replaced by the members of the list naming the group.

    Also gives each member the group's nationality. Placeholders no list expands are dropped.
    """
    kept = [f for f in facts if not is_group(f.subject) and not is_group(f.object)]
    member_nouns = words.member_nouns
    groups = _group_nouns(doc, member_nouns)
    if not groups:
        return kept
    numbers = lexicon.number_words
    for listed in find_lists(doc, index, member_nouns, groups, lexicon):
        matching = _antecedents(listed, groups, numbers)
        about = [f for g in matching for f in facts if f.object == group_entity(g)]
        countries = (
            (_nationality(g, index, words.location_verbs), g)
            for g in (*matching, _head_in(listed.head, member_nouns))
        )
        country, named = next(((c, g) for c, g in countries if c is not None), (None, None))
        for member, evidence in listed.members:
            for fact in about:
                kept.append(
                    derive(
                        fact,
                        rule=f"{fact.rule}+list",
                        confidence=fact.confidence * costs.derived.list_member,
                        object_=member.entity,
                        sentence=evidence,
                        context=fact.sentence,  # the list line states no relation; this does
                    )
                )
            if country is not None and member.entity.type in ("Company", "Organization"):
                kept.append(
                    found_fact(
                        member.entity,
                        "headquarteredIn",
                        country,
                        evidence,
                        confidence=costs.descriptions.list_nationality,
                        rule="headquarteredIn/list-nationality",
                        trigger=listed.head.i,
                        context=named.sent if named is not None else None,
                    )
                )
    return kept


def find_lists(
    doc: Doc,
    index: Mapping[int, Linked],
    member_nouns: frozenset[str],
    groups: list[Token],
    lexicon: Lexicon,
) -> Iterator[ListedGroup]:
    """Lists of named members: items after a colon, "The entities ... are A; B; and C", and
    coordinations of three or more names after a counted group ("five entities ... goods
    produced by A, B, C, D, and E"). ``groups`` are the document's group nouns."""
    sentences = list(doc.sents)
    counted = {count for g in groups if (count := _count(g, lexicon.number_words))}
    for number, sentence in enumerate(sentences):
        head = _listing_subject(sentence, member_nouns)
        if head is not None and _ends_with_colon(sentence):
            items = list(_items(sentences[number + 1 :], index, lexicon.bullets))
            if items:
                yield ListedGroup(head, tuple(items))
            continue
        if head is not None:
            after = [m for m in _mentions(sentence, index) if m.span.start > sentence.root.i]
            if len(after) >= 2:
                yield ListedGroup(head, tuple((m, sentence) for m in after))
                continue
        for members in _coordinations(sentence, index):
            if len(members) in counted:
                yield ListedGroup(members[0].span.root, tuple((m, sentence) for m in members))


def _coordinations(sentence: Span, index: Mapping[int, Linked]) -> Iterator[list[Linked]]:
    """Groups of three or more firms named in one coordination ("A, B, C, and D")."""
    seen: set[int] = set()
    for linked in _mentions(sentence, index):
        root = linked.span.root
        if root.i in seen or linked.entity.type not in ("Company", "Organization"):
            continue
        chain = [root, *root.conjuncts]
        seen.update(t.i for t in chain)
        members = [
            m
            for t in chain
            if (m := index.get(t.i)) is not None and m.entity.type in ("Company", "Organization")
        ]
        if len(members) >= 3:
            yield members


def _listing_subject(sentence: Span, member_nouns: frozenset[str]) -> Token | None:
    """The noun a listing sentence is about: "The *entities* ... are:", "The duties applying to
    the three sampled Chinese *producers* are:"."""
    root = sentence.root
    if root.lemma_ != "be":
        return None
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return _head_in(child, member_nouns) or child
    return None


def _head_in(token: Token | None, member_nouns: frozenset[str]) -> Token | None:
    """The first noun of ``token``'s subtree that names members."""
    if token is None:
        return None
    return next(
        (t for t in token.subtree if t.lemma_.lower() in member_nouns and t.tag_ == "NNS"), None
    )


def _ends_with_colon(sentence: Span) -> bool:
    words = [t for t in sentence if not t.is_space]
    return bool(words) and words[-1].text == ":"


def _items(
    following: Iterable[Span], index: Mapping[int, Linked], bullets: Collection[str]
) -> Iterator[tuple[Linked, Span]]:
    """One member per item line: a bullet line, or a line opening with a name ("BYD: 17.4%;")."""
    for sentence in following:
        words = [t for t in sentence if not t.is_space]
        if not words:
            continue
        first = 1 if words[0].text in bullets else 0
        mentions = _mentions(sentence, index)
        opening = [m for m in mentions if m.span.start <= words[min(first, len(words) - 1)].i]
        if not opening and not (first and mentions):
            return
        yield (opening or mentions)[0], sentence


def _mentions(sentence: Span, index: Mapping[int, Linked]) -> list[Linked]:
    seen: dict[int, Linked] = {}
    for token in sentence:
        linked = index.get(token.i)
        if linked is not None and linked.entity.type in _MEMBER_TYPES and linked.how != "coref":
            seen.setdefault(linked.span.start, linked)
    return list(seen.values())


def _group_nouns(doc: Doc, member_nouns: frozenset[str]) -> list[Token]:
    """Plural member nouns with a count or a nationality: "five Chinese entities"."""
    lemmas = doc.to_array("LEMMA")
    strings = doc.vocab.strings
    wanted = {strings.add(noun) for noun in member_nouns}
    return [
        token
        for i in (i for i, lemma in enumerate(lemmas) if lemma in wanted)
        if (token := doc[i]).tag_ == "NNS"
        and any(c.dep_ in ("nummod", "amod") for c in token.children)
    ]


def _antecedents(
    listed: ListedGroup, groups: list[Token], numbers: Mapping[str, int]
) -> list[Token]:
    """The groups a list enumerates: those before it with its count (or no count, if the list
    names them with the same noun), nearest first."""
    size = len(listed.members)
    before = [g for g in groups if g.i < listed.members[0][0].span.start]
    return [
        group
        for group in reversed(before)
        if (count := _count(group, numbers)) == size
        or (count is None and group.lemma_ == listed.head.lemma_)
    ]


def _count(noun: Token, numbers: Mapping[str, int]) -> int | None:
    """The count of a group noun, in digits or words ("*five* entities")."""
    for child in noun.children:
        if child.dep_ == "nummod":
            text = child.lower_
            return int(text) if text.isdigit() else numbers.get(text)
    return None


def _nationality(
    noun: Token | None, index: Mapping[int, Linked], location_verbs: Collection[str]
) -> Entity | None:
    """The country a group noun's modifiers name: "five *Chinese* entities", "eight *Chinese*
    technology firms"."""
    if noun is None:
        return None
    stack = [c for c in noun.children if c.dep_ in ("amod", "compound")]
    for child in noun.children:  # "entities *based in* the People's Republic of China"
        if child.dep_ == "acl" and child.lemma_ in location_verbs:
            stack += [p for prep in child.children if prep.lower_ == "in" for p in prep.children]
    while stack:
        child = stack.pop()
        linked = index.get(child.i)
        if linked is not None and linked.entity.type == "Country":
            return linked.entity
        stack.extend(c for c in child.children if c.dep_ in ("amod", "compound"))
    return None
