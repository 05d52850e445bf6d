"""Generated kg graphs of any size, shaped like the news: for the analysis and viz benchmarks.

Entities are mostly companies, with countries, products, government bodies, people and a few
alliances. A fact's subject is any entity of its class; its object follows a heavy tail (a few
hubs, many leaves), as in the news. Entities that no fact names are not in the graph (about
one in fifteen). Each fact is stated by one to three articles spread over two years. The facts go
through kg's own RDF build and projection, so the benchmarks measure what users run.

    python bench/synthetic.py 10000      # prints the size of the generated entity graph
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from datetime import date, timedelta

from kg.model import Article, Entity, EntityType, Extraction, Fact

SHARES: dict[EntityType, float] = {
    "Company": 0.80,
    "Product": 0.06,
    "Person": 0.06,
    "GovernmentBody": 0.04,
    "Country": 0.035,
    "Alliance": 0.005,
}
"""Share of each class among the entities."""

RELATIONS: tuple[tuple[str, EntityType, EntityType, float], ...] = (
    ("suppliesTo", "Company", "Company", 0.30),
    ("partnersWith", "Company", "Company", 0.10),
    ("ownsStake", "Company", "Company", 0.04),
    ("acquires", "Company", "Company", 0.02),
    ("investsIn", "Company", "Company", 0.04),
    ("competesWith", "Company", "Company", 0.03),
    ("manufacturesIn", "Company", "Country", 0.06),
    ("producesProduct", "Company", "Product", 0.10),
    ("subsidises", "Country", "Company", 0.04),
    ("subsidises", "GovernmentBody", "Company", 0.02),
    ("restrictsExportsTo", "Country", "Country", 0.03),
    ("restrictsExportsTo", "GovernmentBody", "Company", 0.02),
    ("sanctions", "Country", "Company", 0.03),
    ("sanctions", "Country", "Person", 0.01),
    ("bansProduct", "Country", "Product", 0.02),
    ("alignsWith", "Country", "Country", 0.02),
    ("cooperatesWith", "Country", "Country", 0.03),
    ("reducesDependenceOn", "Country", "Country", 0.01),
    ("memberOf", "Country", "Alliance", 0.02),
    ("leaderOf", "Person", "GovernmentBody", 0.04),
    ("officialOf", "Person", "GovernmentBody", 0.02),
)
"""(relation, subject class, object class, share of the facts)."""

START, DAYS = date(2023, 1, 1), 730
FACTS_PER_ENTITY = 2.5
FACTS_PER_ARTICLE = 5


def synthetic_extractions(entities: int, *, seed: int = 0) -> list[Extraction]:
    """About ``entities`` entities and 2.5 facts per entity, grouped into articles."""
    rng = random.Random(seed)
    pools = _entities(entities, rng)
    articles = [
        Article(
            id=f"a{index}",
            text=f"Article {index}.",
            title=f"Article {index}",
            date=(START + timedelta(days=rng.randrange(DAYS))).isoformat(),
            url=f"https://news.example/{index}",
        )
        for index in range(max(1, int(entities * FACTS_PER_ENTITY / FACTS_PER_ARTICLE)))
    ]
    facts: dict[str, list[Fact]] = defaultdict(list)
    kinds = [relation[:3] for relation in RELATIONS]
    weights = [relation[3] for relation in RELATIONS]
    for predicate, subject_class, object_class in rng.choices(
        kinds, weights, k=int(entities * FACTS_PER_ENTITY)
    ):
        subject = rng.choice(pools[subject_class])
        object_ = _hub(pools[object_class], rng)
        if subject == object_:
            continue
        text = f"{subject.label} {predicate} {object_.label}."
        for article in rng.sample(articles, k=min(len(articles), rng.choice((1, 1, 1, 2, 3)))):
            facts[article.id].append(
                Fact(article.id, subject, predicate, object_, text, 0, len(text), 0.8)
            )
    return [Extraction(article, facts=tuple(facts[article.id])) for article in articles]


def _entities(count: int, rng: random.Random) -> dict[EntityType, list[Entity]]:
    countries = [Entity(f"Country {i}", "Country") for i in range(max(2, int(count * 0.035)))]
    pools: dict[EntityType, list[Entity]] = {"Country": countries}
    for kind, share in SHARES.items():
        if kind != "Country":
            pools[kind] = [
                Entity(f"{kind} {i}", kind, country=_hub(countries, rng).label)
                if kind in ("Company", "GovernmentBody", "Person")
                else Entity(f"{kind} {i}", kind)
                for i in range(max(2, int(count * share)))
            ]
    return pools


def _hub(pool: list[Entity], rng: random.Random) -> Entity:
    """A heavy-tailed choice: entity i with probability about proportional to 1 / (i + 1)."""
    return pool[min(int(len(pool) ** rng.random()) - 1, len(pool) - 1)]


if __name__ == "__main__":
    from kg.analysis.projection import entity_graph
    from kg.rdf.build import build_graph

    G = entity_graph(build_graph(synthetic_extractions(int(sys.argv[1]))))
    print(f"{G.number_of_nodes():,} entities, {G.number_of_edges():,} relations")
