"""Exposure: the export controls, sanctions and bans that reach an entity through the entities
it depends on, each with the chain that carries it and the evidence of every link.

From the entity, a walk follows the *channels* below (``kg:exposureAlong`` and
``kg:exposureAgainst`` in kg.ttl), at most ``depth`` links:

================================  =====================  ====================================
relation                          followed               the entity reached is
================================  =====================  ====================================
suppliesTo                        against its direction  a supplier
suppliesTo                        along it               a customer
partnersWith, cooperatesWith      either way             a partner
ownsStake, acquires               against                an owner
investsIn                         against                an investor
ownsStake, acquires               along                  a holding
headquarteredIn, manufacturesIn   along                  a host country (or place)
producesProduct                   along                  a product
(the entity's ``country``)                               a host country
================================  =====================  ====================================

The walk does not go on from a country or an alliance: they are hubs, and through them
everything would reach everything. From a country it starts with the companies, bodies and
people based there (their ``country``, or a relation to it that makes it their host country,
such as ``headquarteredIn``): *domestic*, 1 hop, and goes no further from them.

A *measure* is a ``restrictsExportsTo``, ``sanctions`` or ``bansProduct`` relation
(``kg:exposureMeasure``). It reaches the entity as ``target`` when the walk reached what the
measure is aimed at (the entity itself at 0 hops): a measure against a country reaches the
firms based there, a measure against one company or body reaches only those that depend on it,
never its neighbours by nationality alone. It reaches the entity as ``imposer`` when the walk
reached, at 1 hop or more and not as domestic, whoever imposed it, a government body standing
for its country: a company must comply with its host country's export controls and loses the
customers they cut off. Score: 1 for a target, 0.5 for an imposer, halved for every hop.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from kg.analysis.views import find_entity, label_of
from kg.vocabulary import VOCABULARY

if TYPE_CHECKING:
    import pandas as pd

RESTRICTIONS: tuple[str, ...] = tuple(
    name for name, relation in VOCABULARY.relations.items() if relation.measure
)
"""The relations that are measures one party takes against another (``kg:exposureMeasure``)."""

CHANNELS: dict[tuple[str, bool], str] = {
    (name, along): role
    for name, relation in VOCABULARY.relations.items()
    for along, role in ((True, relation.exposure_along), (False, relation.exposure_against))
    if role is not None
}
"""``(relation, followed along its direction?)`` -> what the entity reached is
(``kg:exposureAlong`` and ``kg:exposureAgainst`` in kg.ttl)."""

HOST_COUNTRY = "host country"
DOMESTIC = "domestic"
"""The channel from a country to the companies and bodies based there."""
HUBS = frozenset({"Country", "Alliance"})
"""Classes the walk stops at."""
ROLE_WEIGHTS = {"target": 1.0, "imposer": 0.5}
DECAY = 0.5

EXPOSURE_COLUMNS = (
    "score",
    "role",
    "hops",
    "imposer",
    "measure",
    "target",
    "via",
    "evidence",
    "evidence_count",
    "first_seen",
    "last_seen",
    "article",
    "url",
    "via_evidence",
    "context",
)
"""The columns of :func:`exposure`."""


@dataclass(frozen=True, slots=True)
class _Step:
    """How the walk reached an entity: from ``previous``, as ``channel``, over ``edge``."""

    previous: str | None
    channel: str | None
    edge: tuple[str, str, str] | None
    hops: int


def exposure(G: nx.MultiDiGraph, entity: str, *, depth: int = 3) -> pd.DataFrame:
    """The measures that reach ``entity`` (a name as :func:`~kg.analysis.views.find_entity`
    takes it) within ``depth`` links, highest score first, as the module describes.

    One row per measure and role (columns :data:`EXPOSURE_COLUMNS`), by the shortest chain:
    ``via`` spells the chain (``Micron —customer→ Huawei —host country→ China``) and
    ``via_evidence`` the first evidence sentence of each of its links (`` | ``-separated);
    ``evidence``, ``article`` and ``url`` (the article's url, else its source) are the
    measure's first evidence record, ``context`` the sentence introducing that evidence when it
    states no relation by itself (a list line). Ties go to more evidence, then later
    ``last_seen``, then the labels.

    >>> G = nx.MultiDiGraph()
    >>> for node, label, kind in [("mu", "Micron", "Company"), ("hw", "Huawei", "Company"),
    ...                           ("us", "United States", "Country")]:
    ...     G.add_node(node, label=label, type=kind)
    >>> G.add_edge("mu", "hw", key="suppliesTo", evidence=[{"text": "Micron supplies Huawei."}])
    'suppliesTo'
    >>> G.add_edge("us", "hw", key="sanctions", evidence=[{"text": "The US sanctions Huawei."}])
    'sanctions'
    >>> columns = ["score", "role", "measure", "via", "via_evidence"]
    >>> exposure(G, "Micron")[columns].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'score': 0.5, 'role': 'target', 'measure': 'United States sanctions Huawei',
      'via': 'Micron —customer→ Huawei', 'via_evidence': 'Micron supplies Huawei.'}]
    """
    import pandas as pd

    start = find_entity(G, entity)
    countries = {
        str(attrs.get("label")): node
        for node, attrs in G.nodes(data=True)
        if attrs.get("type") == "Country"
    }
    reached = _walk(G, start, depth, countries)
    rows = []
    for imposer, target, key, attrs in G.edges(keys=True, data=True):
        if key not in RESTRICTIONS:
            continue
        for role, side in (("target", target), ("imposer", imposer)):
            parties = [side] if role == "target" else _parties(G, side, countries)
            hits = [
                party
                for party in parties
                if party in reached
                and (role == "target" or (party != start and reached[party].channel != DOMESTIC))
            ]
            if hits:
                party = min(hits, key=lambda p: reached[p].hops)
                rows.append(_row(G, _chain(reached, party), role, (imposer, target, key, attrs)))
    frame = pd.DataFrame(rows, columns=list(EXPOSURE_COLUMNS))
    return frame.sort_values(
        ["score", "evidence_count", "last_seen", "measure", "role"],
        ascending=[False, False, False, True, True],
        na_position="last",
        kind="stable",
        ignore_index=True,
    )


def _walk(
    G: nx.MultiDiGraph, start: str, depth: int, countries: dict[str, str]
) -> dict[str, _Step]:
    """Breadth first along the channels: how each entity within ``depth`` links was reached."""
    reached = {start: _Step(None, None, None, 0)}
    frontier = [start]
    if depth > 0 and G.nodes[start].get("type") == "Country":
        for other, edge in _domestic(G, start):
            reached.setdefault(other, _Step(start, DOMESTIC, edge, 1))
    for hops in range(1, depth + 1):
        following = []
        for node in frontier:
            if node != start and G.nodes[node].get("type") in HUBS:
                continue
            for other, channel, edge in _links(G, node, countries):
                if other not in reached:
                    reached[other] = _Step(node, channel, edge, hops)
                    following.append(other)
        frontier = following
    return reached


def _links(
    G: nx.MultiDiGraph, node: str, countries: dict[str, str]
) -> Iterator[tuple[str, str, tuple[str, str, str] | None]]:
    """The entities one channel away from ``node``: (entity, channel, edge or None).

    Relations come first, so that a host country stated in the news (with its evidence) wins
    over the same country known only as the entity's ``country``.
    """
    edges = [(v, (node, v, key), True) for _, v, key in G.out_edges(node, keys=True)]
    edges += [(u, (u, node, key), False) for u, _, key in G.in_edges(node, keys=True)]
    for other, edge, along in sorted(edges):
        channel = CHANNELS.get((edge[2], along))
        if channel is not None and other != node:
            yield other, channel, edge
    country = countries.get(str(G.nodes[node].get("country")))
    if country is not None and country != node:
        yield country, HOST_COUNTRY, None


def _domestic(G: nx.MultiDiGraph, country: str) -> list[tuple[str, tuple[str, str, str] | None]]:
    """The entities based in ``country``, each with the relation that says so (None: its
    ``country``): those that name it as their host country (``kg:exposureAlong``), else as
    their country. Countries and alliances are not based anywhere."""
    found: dict[str, tuple[str, str, str] | None] = {}
    for u, _, key in sorted(G.in_edges(country, keys=True)):
        if CHANNELS.get((key, True)) == HOST_COUNTRY and u != country:
            found.setdefault(u, (u, country, key))
    label = G.nodes[country].get("label")
    for node, attrs in G.nodes(data=True):
        if label is not None and attrs.get("country") == label and node != country:
            found.setdefault(node, None)
    return sorted(
        ((node, edge) for node, edge in found.items() if G.nodes[node].get("type") not in HUBS),
        key=lambda item: (label_of(G, item[0]), item[0]),
    )


def _parties(G: nx.MultiDiGraph, node: str, countries: dict[str, str]) -> list[str]:
    """``node`` and, for a government body, its country: who a measure is imposed by."""
    attrs = G.nodes[node]
    country = countries.get(str(attrs.get("country")))
    if attrs.get("type") == "GovernmentBody" and country is not None:
        return [node, country]
    return [node]


def _row(
    G: nx.MultiDiGraph,
    chain: list[tuple[str, _Step]],
    role: str,
    measure: tuple[str, str, str, dict],
) -> tuple[object, ...]:
    imposer, target, key, attrs = measure
    hops = len(chain) - 1
    via = label_of(G, chain[0][0]) + "".join(
        f" \u2014{step.channel}\u2192 {label_of(G, node)}" for node, step in chain[1:]
    )
    evidence = list(attrs.get("evidence") or ())
    first = evidence[0] if evidence else {}
    return (
        ROLE_WEIGHTS[role] * DECAY**hops,
        role,
        hops,
        label_of(G, imposer),
        f"{label_of(G, imposer)} {key} {label_of(G, target)}",
        label_of(G, target),
        via,
        first.get("text"),
        len(evidence),
        attrs.get("first_seen"),
        attrs.get("last_seen"),
        first.get("title") or first.get("doc"),
        first.get("url") or first.get("source"),
        " | ".join(_step_evidence(G, step) for _, step in chain[1:]),
        first.get("context"),
    )


def _chain(reached: dict[str, _Step], party: str) -> list[tuple[str, _Step]]:
    """(entity, how the walk reached it) from the start to ``party``, the start first."""
    chain = [(party, reached[party])]
    while chain[-1][1].previous is not None:
        previous = chain[-1][1].previous
        chain.append((previous, reached[previous]))
    return chain[::-1]


def _step_evidence(G: nx.MultiDiGraph, step: _Step) -> str:
    if step.edge is None:
        return "(the entity's country)"
    evidence = G.edges[step.edge].get("evidence") or ()
    return str(evidence[0].get("text")) if evidence else "(no evidence)"
