"""Generated news-like articles of any size, with the facts they state: input for the benchmarks.

    python bench/corpus.py 10000 -o corpus.jsonl [--seed 0]

Writes JSON Lines in the format of kg's gold files (``kg eval`` reads them): ``id``, ``title``,
``date``, ``url``, ``source``, ``text`` and ``triples`` (``subject``, ``predicate``, ``object``
as canonical gazetteer labels, ``evidence`` the sentence that states the fact). Entities come
from kg's gazetteer (``ontologies/gazetteer/*.jsonl``), drawn with a heavy tail (a few hubs,
many rarely named), and are written as the news writes them: labels, aliases, "the Dutch
government", "Beijing". Each predicate has several sentence templates (active, passive,
nominal, relative clauses); filler sentences (markets, quotes, background) carry names but no
relation. Articles run from about 100 to 800 words (mean about 330).

Article ``i`` depends only on the seed and ``i``, so a smaller corpus is the start of a larger
one with the same seed, and articles are written one at a time (memory does not grow with the
size).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from string import Formatter

from kg.extract.gazetteer import default_gazetteer_dir, read_records

# --- templates ---------------------------------------------------------------------------------
# A slot is named by its kind and a number: co (Company), ctry (Country), gov (a Country or a
# GovernmentBody), body (GovernmentBody), ally (Alliance), per (Person), prod (Product). Slots
# with the same name are the same entity; different names are different entities. Attributes:
# .dem (demonym of a country; of a company's home country), .place (a place in a country).
# Other fields: money, pct, year, when. A template's facts are (subject slot, predicate, object
# slot), stated by the sentence.

Template = tuple[str, tuple[tuple[str, str, str], ...]]


def _t(text: str, *facts: tuple[str, str, str]) -> Template:
    return text, facts


FACT_TEMPLATES: tuple[Template, ...] = (
    # partnersWith
    _t("{co1} is working with {co2} on {prod1}.", ("co1", "partnersWith", "co2")),
    _t(
        "{co1} has teamed up with {co2} to develop {prod1}.",
        ("co1", "partnersWith", "co2"),
        ("co1", "producesProduct", "prod1"),
    ),
    _t("{co1} signed a partnership agreement with {co2} {when}.", ("co1", "partnersWith", "co2")),
    _t(
        "{co1} formed a joint venture with {co2} to build {prod1} for customers in Europe.",
        ("co1", "partnersWith", "co2"),
        ("co1", "producesProduct", "prod1"),
        ("co2", "producesProduct", "prod1"),
    ),
    _t(
        "Under the deal, {co1} will collaborate with {co2} on next-generation {prod1}.",
        ("co1", "partnersWith", "co2"),
    ),
    _t(
        "The partnership between {co1} and {co2} covers research, testing and supply of {prod1}.",
        ("co1", "partnersWith", "co2"),
    ),
    # cooperatesWith
    _t(
        "{ctry1} signed a memorandum of understanding with {ctry2} on {prod1} {when}.",
        ("ctry1", "cooperatesWith", "ctry2"),
    ),
    _t(
        "{ctry1} will cooperate with {ctry2} on securing supplies of {prod1}.",
        ("ctry1", "cooperatesWith", "ctry2"),
    ),
    _t(
        "{ctry1} and {ctry2} agreed {when} to work together on export controls and {prod1}.",
        ("ctry1", "cooperatesWith", "ctry2"),
    ),
    _t(
        "The agreement between {ctry1} and {ctry2} covers investment screening and {prod1}.",
        ("ctry1", "cooperatesWith", "ctry2"),
    ),
    # subsidises
    _t(
        "{gov1} will provide {money} in subsidies to {co1} for a new {prod1} plant.",
        ("gov1", "subsidises", "co1"),
        ("co1", "producesProduct", "prod1"),
    ),
    _t(
        "{gov1} awarded {co1} {money} to expand production of {prod1}.",
        ("gov1", "subsidises", "co1"),
        ("co1", "producesProduct", "prod1"),
    ),
    _t("{co1} received a {money} grant from {gov1} {when}.", ("gov1", "subsidises", "co1")),
    _t(
        "The {ctry1.dem} government approved a {money} subsidy for {co1} {when}.",
        ("ctry1", "subsidises", "co1"),
    ),
    _t(
        "{co1}'s new factory is being funded by {gov1}, according to people close to the plan.",
        ("gov1", "subsidises", "co1"),
    ),
    _t("{gov1} is subsidising {co1} with {money} over five years.", ("gov1", "subsidises", "co1")),
    # investsIn
    _t("{co1} will invest {money} in {co2}.", ("co1", "investsIn", "co2")),
    _t("{co1} has invested {money} in {co2}, it said in a filing.", ("co1", "investsIn", "co2")),
    _t(
        "{co1}'s investment in {co2} was cleared by regulators {when}.", ("co1", "investsIn", "co2")
    ),
    _t("{co1} plans no further investment beyond {year}."),
    # suppliesTo
    _t(
        "{co1} supplies {prod1} to {co2}.",
        ("co1", "suppliesTo", "co2"),
        ("co1", "producesProduct", "prod1"),
    ),
    _t(
        "{co1} has been shipping {prod1} to {co2} since {year}.",
        ("co1", "suppliesTo", "co2"),
        ("co1", "producesProduct", "prod1"),
    ),
    _t(
        "{co1} is a major supplier of {prod1} to {co2}, which assembles them in {ctry1.place}.",
        ("co1", "suppliesTo", "co2"),
        ("co1", "producesProduct", "prod1"),
        ("co2", "manufacturesIn", "ctry1"),
    ),
    _t(
        "{co1}, which makes {prod1} for {co2}, reported higher quarterly profit {when}.",
        ("co1", "suppliesTo", "co2"),
        ("co1", "producesProduct", "prod1"),
    ),
    _t(
        "The {prod1} are supplied to {co2} by {co1} under a long-term contract.",
        ("co1", "suppliesTo", "co2"),
        ("co1", "producesProduct", "prod1"),
    ),
    _t(
        "{co2} buys most of its {prod1} from {co1}.",
        ("co1", "suppliesTo", "co2"),
        ("co1", "producesProduct", "prod1"),
    ),
    # ownsStake
    _t("{co1} owns a {pct} stake in {co2}.", ("co1", "ownsStake", "co2")),
    _t("{co1} holds a {pct} stake in {co2}, filings show.", ("co1", "ownsStake", "co2")),
    _t("{co2} is a subsidiary of {co1}.", ("co1", "ownsStake", "co2")),
    _t("{co2}, a unit of {co1}, declined to comment {when}.", ("co1", "ownsStake", "co2")),
    _t("{co1} raised its stake in {co2} to {pct} {when}.", ("co1", "ownsStake", "co2")),
    # acquires
    _t("{co1} agreed to acquire {co2} for {money}.", ("co1", "acquires", "co2")),
    _t("{co1} completed its acquisition of {co2} {when}.", ("co1", "acquires", "co2")),
    _t("{co2} was acquired by {co1} in {year}.", ("co1", "acquires", "co2")),
    _t("{co1} bought {co2} in a deal valued at {money}.", ("co1", "acquires", "co2")),
    # competesWith
    _t("{co1} competes with {co2} in {prod1}.", ("co1", "competesWith", "co2")),
    _t("{co1} is challenging {co2} in the market for {prod1}.", ("co1", "competesWith", "co2")),
    _t("{co1}, a rival of {co2}, declined to comment.", ("co1", "competesWith", "co2")),
    # manufacturesIn, producesProduct
    (
        "{co1} operates a {prod1} plant in {ctry1.place}, {ctry1}.",
        (("co1", "manufacturesIn", "ctry1"), ("co1", "producesProduct", "prod1")),
    ),
    _t(
        "{co1} assembles most of its products in {ctry1}, where labour costs are lower.",
        ("co1", "manufacturesIn", "ctry1"),
    ),
    _t("{co1} opened a new factory in {ctry1} {when}.", ("co1", "manufacturesIn", "ctry1")),
    _t("{co1} produces {prod1} at sites in three provinces.", ("co1", "producesProduct", "prod1")),
    _t(
        "{co1} is one of the world's largest makers of {prod1}.",
        ("co1", "producesProduct", "prod1"),
    ),
    _t("{co1} began production of {prod1} in {year}.", ("co1", "producesProduct", "prod1")),
    # headquarteredIn
    _t("{co1} is headquartered in {ctry1}.", ("co1", "headquarteredIn", "ctry1")),
    _t(
        "{co1}, based in {ctry1}, employs about 12,000 people.", ("co1", "headquarteredIn", "ctry1")
    ),
    # restrictsExportsTo
    _t(
        "{ctry1} imposed export controls on {prod1} to {ctry2} {when}.",
        ("ctry1", "restrictsExportsTo", "ctry2"),
    ),
    _t("{gov1} restricted exports of {prod1} to {co1}.", ("gov1", "restrictsExportsTo", "co1")),
    _t(
        "New {ctry1.dem} restrictions on sales of {prod1} to {ctry2} took effect {when}.",
        ("ctry1", "restrictsExportsTo", "ctry2"),
    ),
    _t(
        "{ctry1} has banned shipments of {prod1} to {ctry2} since {year}.",
        ("ctry1", "restrictsExportsTo", "ctry2"),
    ),
    # sanctions, bansProduct
    _t("{gov1} sanctioned {co1} {when}.", ("gov1", "sanctions", "co1")),
    _t(
        "{gov1} added {co1} to its entity list, citing national security.",
        ("gov1", "sanctions", "co1"),
    ),
    _t("{co1} was blacklisted by {gov1} in {year}.", ("gov1", "sanctions", "co1")),
    _t("{gov1} imposed sanctions on {per1} {when}.", ("gov1", "sanctions", "per1")),
    _t("{gov1} banned {co1} from its telecommunications networks.", ("gov1", "bansProduct", "co1")),
    _t(
        "Goods produced by {co1} will be detained at ports of entry, {gov1} said.",
        ("gov1", "bansProduct", "co1"),
    ),
    # alignsWith, reducesDependenceOn, memberOf
    _t(
        "{ctry1} matched {ctry2}'s export controls on {prod1} {when}.",
        ("ctry1", "alignsWith", "ctry2"),
    ),
    _t(
        "{ctry1} aligned its chip rules with {ctry2} after months of talks.",
        ("ctry1", "alignsWith", "ctry2"),
    ),
    _t(
        "{ctry1} wants to reduce its dependence on {ctry2} for {prod1}.",
        ("ctry1", "reducesDependenceOn", "ctry2"),
    ),
    _t(
        "{co1} is diversifying away from {ctry1} by adding suppliers elsewhere.",
        ("co1", "reducesDependenceOn", "ctry1"),
    ),
    _t("{ctry1} joined {ally1} in {year}.", ("ctry1", "memberOf", "ally1")),
    _t("{ctry1} is a member of {ally1}.", ("ctry1", "memberOf", "ally1")),
    # leaderOf (titles before names)
    _t(
        "{body1.title} {per1} said {when} that the measures were necessary.",
        ("per1", "leaderOf", "body1"),
    ),
)
"""Sentence templates and the facts they state (one states none: a distractor whose trigger
word is negated)."""

FILLER_TEMPLATES: tuple[str, ...] = (
    "Shares of {co1} rose {small_pct} in {ctry1.capital} trading {when}.",
    "Shares of {co1} fell {small_pct} {when}, extending losses from the previous session.",
    "Analysts said demand for {prod1} was likely to stay strong through {year}.",
    "Prices of {prod1} have climbed by a third since the start of the year.",
    "“We are committed to serving our customers around the world,” a spokesperson for {co1} said.",
    "{co1} did not respond to a request for comment.",
    "A spokesperson for {gov1} declined to comment on the matter.",
    "The announcement came as officials from {ctry1} and {ctry2} met in {ctry3.capital}.",
    "{per1} is due to visit {ctry1.capital} later this month.",
    "The talks were described as constructive by people familiar with the matter.",
    "Global trade in {prod1} was worth about {money} last year, industry data show.",
    "The move is part of a wider push to secure supply chains for critical technologies.",
    "Industry groups have warned that the rules could raise costs for manufacturers.",
    "Inventories of {prod1} at distributors remain above last year's levels.",
    "{co1} reported quarterly revenue of {money}, above analysts' expectations.",
    "The company employs about {number} people worldwide.",
    "Its shares have gained {small_pct} so far this year.",
    "The decision was welcomed by lawmakers in {ctry1.capital}.",
    "Officials have said they will review the arrangement in {year}.",
    "Demand from data centres and electric vehicles has lifted orders across the sector.",
    "Freight rates on the main Asia-Europe routes eased {when}.",
    "The central bank of {ctry1} left interest rates unchanged {when}.",
    "{per1} told reporters {when} that the economy was on a firm footing.",
    "The {ctry1.dem} economy grew {small_pct} in the last quarter.",
    "Exports from {ctry1} rose for a third straight month in {month}.",
    "Production at the site was briefly halted {when} after a power outage.",
    "Executives at {co1} said the outlook for {prod1} remained uncertain.",
    "Environmental groups raised concerns about water use at the new site.",
    "The project is expected to create about {number} jobs.",
    "Construction began in {year} and is due to be completed within three years.",
    "Reuters and other news agencies reported the figures earlier.",
    "The figures were published by the statistics office of {ctry1} {when}.",
    "Talks on a broader trade agreement have stalled since {year}.",
    "Investors will watch for further details at the company's annual meeting in {month}.",
    "{co1}, {co2} and {co3} are among the largest buyers in the market.",
    "Local media in {ctry1} first reported the plans {when}.",
    "The government in {ctry1.capital} has said it wants domestic output of {prod1} to double by "
    "{year}, although industry executives say that goal depends on new power lines and water "
    "supplies.",
    "Analysts at several brokerages cut their forecasts for the sector {when}, citing weaker "
    "consumer spending in Europe and a slower-than-expected recovery in China.",
    "The company said the new line would start mass production in the second half of {year} "
    "and reach full capacity about eighteen months later.",
    "{per1}, who has led negotiations for more than two years, said the two sides still "
    "disagreed on tariffs, procurement rules and the treatment of state-owned enterprises.",
    "Costs for energy, labour and logistics have risen sharply since {year}, squeezing margins "
    "for smaller manufacturers that lack the scale of their larger rivals.",
    "{co1} said in a statement that it expected the transaction to close by the end of {month}, "
    "subject to regulatory approvals in several jurisdictions.",
    "Critics argue that the policy favours large incumbents, while supporters say it is the "
    "only way to rebuild an industrial base that has eroded over three decades.",
    "The plant, which sits on a former coal site near {ctry1.place}, will use recycled water "
    "and draw part of its power from a solar farm built next to it.",
    "Officials from {ctry1} declined to say how many licences had been granted, but industry "
    "sources put the number at several hundred.",
    "Trading volumes were thin ahead of a public holiday, and the benchmark index in "
    "{ctry1.capital} closed {small_pct} higher.",
    "The ministry said it would publish detailed guidance for companies {when}, after a "
    "consultation that drew more than {number} responses.",
    "Economists expect growth in {ctry1} to slow to about 2% next year as higher borrowing "
    "costs weigh on investment and household consumption.",
    "In a note to clients, analysts wrote that the market for {prod1} remained tight and that "
    "new capacity would take at least three years to come online.",
    "The shipping industry has struggled with longer routes, higher insurance premiums and "
    "congestion at several ports in {ctry1}.",
    "{co1}'s chief executive told investors on a call that orders had picked up in recent "
    "weeks, particularly from customers in {ctry1} and {ctry2}.",
    "The figures do not include sales through distributors, which account for roughly a "
    "quarter of the total.",
    "Several lawmakers have called for hearings on the matter, arguing that the public has a "
    "right to know how the money is spent.",
    "Workers at the site staged a one-day strike {when} over pay and conditions, the union said.",
    "The region has attracted a string of investments in recent years thanks to cheap land, "
    "tax breaks and a large pool of engineering graduates.",
    "Spot prices for {prod1} dipped {small_pct} {when}, the first decline in six weeks.",
    "The deal still needs the approval of competition authorities in {ctry1} and {ctry2}.",
    "The company has about {number} employees and annual sales of roughly {money}.",
    "Both governments have promised to publish a joint road map by the end of {year}.",
)
"""Sentences that name entities but state no relation."""

TITLES = (
    "{co1} and {co2} deepen ties as {prod1} demand grows",
    "{ctry1} moves to secure {prod1} supplies",
    "Supply chains for {prod1} come under scrutiny",
    "{co1} bets on {prod1} as orders pick up",
    "{gov1} steps up pressure on {ctry2} over {prod1}",
    "What {ctry1}'s new rules mean for {prod1}",
    "{co1} shares move after announcement",
)
PUBLISHERS = (
    "Newswire",
    "Asia Markets Daily",
    "Trade Policy Review",
    "Global Supply Chain Times",
    "The Industrial Ledger",
    "Euro Business Report",
)
WHEN = (
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "last week",
    "this week",
    "earlier this year",
    "last month",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "September", "October")
START, DAYS = date(2019, 1, 1), 6 * 365
_NEEDS_THE = ("United ", "Netherlands", "Philippines", "Czech Republic", "Democratic Republic")
_SMALL_ALIASES = frozenset({"US", "U.S.", "UK", "U.K.", "Britain", "PRC", "Korea", "Holland"})


# --- entities ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pools:
    """The gazetteer's entities by kind, each list in the order of their weight (hubs first)."""

    kinds: dict[str, list[dict]]
    places: dict[str, list[str]]
    demonyms: dict[str, str]
    capitals: dict[str, str]
    company_products: dict[str, list[str]] = field(default_factory=dict)


@cache
def load_pools(gazetteer: Path | None = None) -> Pools:
    """Entity pools from the gazetteer folder (default: kg's own).

    >>> pools = load_pools()
    >>> len(pools.kinds["co"]) > 100 and "Japan" in pools.demonyms
    True
    """
    folder = gazetteer or default_gazetteer_dir()
    read = {name: list(read_records(folder / f"{name}.jsonl")) for name in _FILES}
    firms_per_country: dict[str, int] = defaultdict(int)
    for company in read["companies"]:
        firms_per_country[company["country"]] += 1
    countries = [c for c in read["countries"] if firms_per_country[c["label"]] > 0]
    countries.sort(key=lambda c: -firms_per_country[c["label"]])
    shuffler = random.Random(1)  # a fixed order: which companies and bodies are the hubs
    kinds = {
        "ctry": countries,
        "co": shuffler.sample(read["companies"], len(read["companies"])),
        "body": shuffler.sample(read["bodies"], len(read["bodies"])),
        "ally": [a for a in read["alliances"] if a["type"] == "Alliance"],
        "per": shuffler.sample(read["people"], len(read["people"])),
        "prod": shuffler.sample(read["products"], len(read["products"])),
    }
    places: dict[str, list[str]] = defaultdict(list)
    for place in read["places"]:
        places[place["country"]].append(place["label"])
    return Pools(
        kinds=kinds,
        places=dict(places),
        demonyms={c["label"]: c["demonyms"][0] for c in read["countries"] if c["demonyms"]},
        capitals={c["label"]: c["capitals"][0] for c in read["countries"] if c["capitals"]},
        company_products={c["label"]: c["products"] for c in read["companies"]},
    )


_FILES = ("countries", "companies", "bodies", "alliances", "people", "products", "places")


class Named:
    """An entity in a sentence: formats as its surface form, with ``.dem``, ``.place``,
    ``.capital`` and ``.title`` for templates."""

    def __init__(self, record: dict, kind: str, pools: Pools, rng: random.Random) -> None:
        self.label: str = record["label"]
        self.kind = kind
        home = record["label"] if kind == "ctry" else record.get("country") or ""
        self.dem = pools.demonyms.get(home, "foreign")
        self.capital = pools.capitals.get(home, "the capital")
        self.place = rng.choice(pools.places.get(home) or [self.capital])
        titles = record.get("head_titles") or ["head"]
        self.title = rng.choice(titles)
        self.surface = _surface(record, kind, self.dem, rng)

    def __format__(self, spec: str) -> str:
        return format(self.surface, spec)


def _surface(record: dict, kind: str, demonym: str, rng: random.Random) -> str:
    """How an article names the entity this time: mostly its label, else an alias or a
    metonym; with "the" where English wants it."""
    label, aliases = record["label"], record.get("aliases") or []
    roll = rng.random()
    if kind == "co" and aliases and roll < 0.2:
        return rng.choice(aliases)
    if kind == "ctry":
        short = [a for a in aliases if a in _SMALL_ALIASES]
        if short and roll < 0.15:
            return ("the " if "." in short[0] or short[0] in ("US", "UK") else "") + rng.choice(
                short
            )
        if demonym != "foreign" and roll > 0.9:
            return f"the {demonym} government"
        return ("the " if label.startswith(_NEEDS_THE) else "") + label
    if kind == "body":
        first = label.split()[0]
        return label if first.isupper() or first in ("Global", "HM", "Ofcom") else f"the {label}"
    if kind == "ally":
        return label if " " not in label else f"the {label}"
    return label


def _hub(count: int, rng: random.Random) -> int:
    """A heavy-tailed index below ``count``: i with probability about proportional to 1/(i+1)."""
    return min(int(count ** rng.random()) - 1, count - 1)


# --- articles ----------------------------------------------------------------------------------


def generate(count: int, *, seed: int = 0, start: int = 0) -> Iterator[dict]:
    """Articles ``start`` .. ``start + count - 1`` of the corpus with this seed, one at a time.

    >>> first = next(generate(1, seed=3))
    >>> first == next(generate(1, seed=3)), sorted(first)[:3]
    (True, ['date', 'id', 'source'])
    >>> all(t["evidence"] in first["text"] for t in first["triples"])
    True
    """
    pools = load_pools()
    for number in range(start, start + count):
        yield article(number, seed, pools)


def article(number: int, seed: int, pools: Pools) -> dict:
    """Article ``number`` of the corpus with ``seed``: a record with its gold ``triples``."""
    rng = random.Random(f"{seed}:{number}")
    count = rng.randint(8, 36)
    # The lead states a fact; the others fall anywhere.
    stating = {0, *rng.sample(range(1, count), rng.choice((0, 1, 1, 2, 2, 3, 4, 5)))}
    fillers = iter(rng.sample(FILLER_TEMPLATES, count - len(stating)))  # none said twice
    paragraphs: list[list[str]] = [[]]
    triples: list[dict] = []
    for position in range(count):
        if position in stating:
            sentence, facts = _fact_sentence(rng, pools)
            triples += [{**fact, "evidence": sentence} for fact in facts]
        else:
            sentence = _fill(next(fillers), rng, pools)[0]
        if len(paragraphs[-1]) >= rng.choice((1, 2, 3, 3, 4)):
            paragraphs.append([])
        paragraphs[-1].append(sentence)
    day = START + timedelta(days=rng.randrange(DAYS))
    title = _fill(rng.choice(TITLES), rng, pools)[0]
    dateline = (
        f"{rng.choice(list(pools.capitals.values())).upper()} — " if rng.random() < 0.4 else ""
    )
    text = dateline + "\n\n".join(" ".join(p) for p in paragraphs)
    return {
        "id": f"gen-{seed}-{number:08d}",
        "title": title,
        "date": day.isoformat(),
        "url": f"https://news.example/{day:%Y/%m}/{number}",
        "source": rng.choice(PUBLISHERS),
        "text": text,
        "triples": triples,
    }


def _fact_sentence(rng: random.Random, pools: Pools) -> tuple[str, list[dict]]:
    template, facts = rng.choice(FACT_TEMPLATES)
    sentence, named = _fill(template, rng, pools)
    gold = [
        {"subject": named[s].label, "predicate": p, "object": named[o].label} for s, p, o in facts
    ]
    return sentence, gold


def _fill(template: str, rng: random.Random, pools: Pools) -> tuple[str, dict[str, Named]]:
    """The template with its slots filled (distinct entities for distinct slots); the
    entities by slot."""
    named: dict[str, Named] = {}
    values: dict[str, object] = {}
    taken: set[str] = set()
    for slot in _slots(template):
        if slot in values:
            continue
        kind = slot.rstrip("0123456789")
        if kind == "gov":
            kind = "ctry" if rng.random() < 0.6 else "body"
        if kind in pools.kinds:
            records = pools.kinds[kind]
            record = _product_of(named, rng, pools) if kind == "prod" else None
            while record is None or record["label"] in taken:
                record = records[_hub(len(records), rng)]
            taken.add(record["label"])
            named[slot] = Named(record, kind, pools, rng)
            values[slot] = named[slot]
        else:
            values[slot] = _value(kind, rng)
    sentence = template.format(**values)
    return sentence[0].upper() + sentence[1:], named


def _product_of(named: dict[str, Named], rng: random.Random, pools: Pools) -> dict | None:
    """A product the sentence's first company makes, if the gazetteer says (else None)."""
    company = named.get("co1")
    products = pools.company_products.get(company.label, []) if company else []
    return {"label": rng.choice(products)} if products else None


def _slots(template: str) -> list[str]:
    return [name.split(".")[0] for _, name, _, _ in Formatter().parse(template) if name]


def _value(kind: str, rng: random.Random) -> str:
    if kind == "money":
        amount = rng.choice((0.3, 0.5, 1.2, 2, 2.5, 3.4, 6, 8.5, 11))
        return rng.choice(
            (f"${amount} billion", f"{amount} billion euros", f"${int(amount * 300):,} million")
        )
    if kind == "pct":
        return f"{rng.choice((5, 10, 15, 20, 25, 33, 40, 49, 51))}%"
    if kind == "small_pct":
        return f"{rng.randint(1, 9)}.{rng.randint(0, 9)}%"
    if kind == "year":
        return str(rng.randint(2012, 2025))
    if kind == "number":
        return f"{rng.randint(2, 90) * 1000:,}"
    if kind == "month":
        return rng.choice(MONTHS)
    if kind == "when":
        return rng.choice(WHEN)
    raise ValueError(f"unknown slot kind {kind!r}")


def write_corpus(
    path: str | Path, count: int, *, seed: int = 0, per_file: int | None = None
) -> tuple[int, int]:
    """Write ``count`` articles to ``path`` (JSON Lines), one at a time; (articles, words).

    With ``per_file``, ``path`` is a folder that gets files of that many articles
    (``part-00000.jsonl`` ...), as a news archive comes in files of a day's news.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_corpus(Path(folder, "news"), 5, per_file=2)[0], len(list(Path(folder).iterdir()))
    (5, 1)
    """
    path = Path(path)
    if per_file is None:
        return count, _write(path, generate(count, seed=seed))
    path.mkdir(parents=True, exist_ok=True)
    words = 0
    for part, first in enumerate(range(0, count, per_file)):
        records = generate(min(per_file, count - first), seed=seed, start=first)
        words += _write(path / f"part-{part:05d}.jsonl", records)
    return count, words


def _write(path: Path, records: Iterator[dict]) -> int:
    """Write ``records`` to ``path``, one JSON object a line; how many words their texts have."""
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            words += len(record["text"].split())
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-file", type=int, help="a folder of files of this many articles")
    args = parser.parse_args()
    articles, words = write_corpus(
        args.output, args.articles, seed=args.seed, per_file=args.per_file
    )
    print(f"{args.output}: {articles:,} articles, {words:,} words", file=sys.stderr)


if __name__ == "__main__":
    main()
