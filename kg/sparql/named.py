"""Named queries (``kg/sparql/queries/*.rq``): what each answers, its parameters, and running one.

Parameters are bound as RDF terms (a ``VALUES`` block on an Oxigraph store, rdflib's
``initBindings`` in memory), never pasted into the query text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.rdf.namespace import ENT, RELATIONS, article_iri, entity_iri, kg_term, slug
from kg.sparql.query import QueryResult, run_query
from kg.store.oxigraph import oxigraph_of, to_ox

_PARAM_LINE = re.compile(r"#\s*param\s+(\w+)\s+\((\w+)\):\s*(.*)")
_WHERE_LINE = re.compile(r"^(\s*)WHERE \{$", re.MULTILINE)
PARAM_KINDS = ("entity", "article", "relation", "date", "text", "number")
"""What a named query's parameter can be; each is turned into an RDF term its own way."""


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter of a named query: the variable it binds, its kind and what it means."""

    name: str
    kind: str
    description: str


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query of ``kg/sparql/queries``: its name, what it answers, its parameters, its text.

    The text opens the graph pattern that receives the parameters (the outermost one, or a
    sub-select's) on a line of its own, ``WHERE {``.
    """

    name: str
    description: str
    params: tuple[Param, ...]
    text: str

    def with_values(self, bindings: Mapping[str, Identifier]) -> str:
        """The query with ``bindings`` as a ``VALUES`` block opening its graph pattern.

        Each term is written by pyoxigraph's serialiser, which escapes it, so no value can
        become query syntax. Oxigraph evaluates the block first, so a bound entity anchors
        the query (its own ``substitutions`` are applied after evaluation: ~100x slower).

        >>> from rdflib import URIRef
        >>> print(load_query("suppliers-of").with_values({"company": URIRef("https://x.test/a")})
        ...       .split("WHERE {")[1].splitlines()[1])
          VALUES (?company) { (<https://x.test/a>) }
        """
        names = " ".join(f"?{name}" for name in bindings)
        terms = " ".join(str(to_ox(term)) for term in bindings.values())
        values = f"VALUES ({names}) {{ ({terms}) }}"
        return _WHERE_LINE.sub(
            lambda line: f"{line.group(1)}WHERE {{\n{line.group(1)}  {values}", self.text, count=1
        )


@cache
def named_queries() -> dict[str, NamedQuery]:
    """The named queries shipped in ``kg/sparql/queries``, by name.

    >>> named_queries()["suppliers-of"].params[0].name
    'company'
    """
    folder = resources.files("kg.sparql").joinpath("queries")
    queries = (
        _parse_query(entry.name.removesuffix(".rq"), entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".rq")
    )
    return {query.name: query for query in sorted(queries, key=lambda query: query.name)}


def load_query(name: str) -> NamedQuery:
    """The named query ``name``; a :class:`~kg.errors.QueryError` suggests the closest name.

    >>> load_query("supliers-of")
    Traceback (most recent call last):
    kg.errors.QueryError: no named query 'supliers-of'; did you mean 'suppliers-of'?
    """
    queries = named_queries()
    if name not in queries:
        closest = difflib.get_close_matches(name, queries, n=1)
        hint = f"did you mean {closest[0]!r}?" if closest else f"use one of {', '.join(queries)}"
        raise QueryError(f"no named query {name!r}; {hint}")
    return queries[name]


def run_named(graph: Graph, name: str, params: Mapping[str, object]) -> QueryResult:
    """Run the named query ``name`` on ``graph`` with ``params`` bound to its variables.

    Each parameter is given as text (``company="Micron"``, ``since="2023-01-01"``) and turned
    into a term by its kind: an entity by label or IRI (:func:`resolve_entity`), an article
    by id, a relation by local name, a date as ``xsd:date``. An rdflib term is used as given.

    >>> from kg.model import Article, Entity, Extraction, Fact
    >>> from kg.rdf.build import build_graph
    >>> text = "Micron supplies Apple."
    >>> fact = Fact("a1", Entity("Micron Technology", "Company"), "suppliesTo",
    ...             Entity("Apple", "Company"), text, 0, len(text), 0.8)
    >>> graph = build_graph([Extraction(Article("a1", text), facts=(fact,))])
    >>> result = run_named(graph, "suppliers-of", {"company": "Apple"})
    >>> result.to_frame()[["supplier", "evidence"]].values.tolist()
    [['Micron Technology', 'Micron supplies Apple.']]
    """
    query = load_query(name)
    expected = {param.name: param for param in query.params}
    unknown = sorted(set(params) - set(expected))
    missing = sorted(set(expected) - set(params))
    if unknown or missing:
        wanted = ", ".join(f"{p.name} ({p.kind})" for p in query.params)
        raise QueryError(f"named query {name!r} takes the parameters {wanted}; got {dict(params)}")
    bindings = {key: _bind(graph, expected[key], value) for key, value in params.items()}
    if oxigraph_of(graph) is not None:
        return run_query(graph, query.with_values(bindings))
    return run_query(graph, query.text, bindings)


def _parse_query(name: str, text: str) -> NamedQuery:
    """A named query from its file: a description and ``# param name (kind): ...`` lines."""
    comments = [line.strip() for line in text.splitlines() if line.startswith("#")]
    params = tuple(
        Param(*match.groups()) for line in comments if (match := _PARAM_LINE.fullmatch(line))
    )
    for param in params:
        if param.kind not in PARAM_KINDS:
            raise QueryError(f"{name}.rq: parameter {param.name!r} has unknown kind {param.kind!r}")
    if len(_WHERE_LINE.findall(text)) != 1:
        raise QueryError(f"{name}.rq: one graph pattern must open on a line 'WHERE {{'")
    description = next((line.lstrip("# ") for line in comments if line.lstrip("# ")), "")
    return NamedQuery(name, description, params, text)


def _bind(graph: Graph, param: Param, value: object) -> Identifier:
    """The RDF term for a parameter value given as text."""
    if isinstance(value, Identifier):
        return value
    text = str(value)
    if param.kind == "entity":
        return resolve_entity(graph, text)
    if param.kind == "article":
        return URIRef(text) if _is_iri(text) else article_iri(text)
    if param.kind == "relation":
        if text not in RELATIONS:
            closest = difflib.get_close_matches(text, RELATIONS, n=1)
            hint = f"did you mean {closest[0]!r}?" if closest else f"use one of {RELATIONS}"
            raise QueryError(f"{param.name}: {text!r} is not a kg relation; {hint}")
        return kg_term(text)
    if param.kind == "date":
        try:
            return Literal(date.fromisoformat(text).isoformat(), datatype=XSD.date)
        except ValueError:
            raise QueryError(f"{param.name}: {text!r} is not a date like 2023-05-26") from None
    if param.kind == "number":
        try:
            return Literal(Decimal(text))
        except InvalidOperation:
            raise QueryError(f"{param.name}: {text!r} is not a number") from None
    return Literal(text)


def _is_iri(text: str) -> bool:
    return text.startswith(("http://", "https://", "urn:"))


def resolve_entity(graph: Graph, name: str) -> URIRef:
    """The entity of ``graph`` that ``name`` stands for: an IRI, ``ent:slug``, or a label.

    A label matches if it normalises to the same slug as ``name``, else if ``name``'s words
    start it or run in it ("Micron" -> "Micron Technology"). No match, or several, is a
    :class:`~kg.errors.QueryError` that names the candidates.

    >>> from kg.model import Article, Entity, Extraction, Fact
    >>> from kg.rdf.build import build_graph
    >>> fact = Fact("a1", Entity("Micron Technology", "Company"), "suppliesTo",
    ...             Entity("Apple", "Company"), "Micron supplies Apple.", 0, 22, 0.8)
    >>> graph = build_graph([Extraction(Article("a1", "Micron supplies Apple."), facts=(fact,))])
    >>> resolve_entity(graph, "micron")
    rdflib.term.URIRef('https://w3id.org/kg/id/entity/micron-technology')
    """
    if _is_iri(name):
        return URIRef(name)
    if name.startswith("ent:"):
        return ENT[name.removeprefix("ent:")]
    exact = entity_iri(name)
    if graph.value(exact, RDFS.label) is not None:
        return exact
    labels = {
        str(label): entity
        for entity, label in graph.subject_objects(RDFS.label)
        if isinstance(entity, URIRef) and entity.startswith(str(ENT))
    }
    words = re.compile(rf"(^|-){re.escape(slug(name))}(-|$)")
    found = sorted(label for label in labels if words.search(slug(label)))
    if len(found) == 1:
        return labels[found[0]]
    if found:
        shown = ", ".join(repr(label) for label in found[:8])
        raise QueryError(f"{name!r} could be any of {shown}; give the full name or an IRI")
    closest = difflib.get_close_matches(name, labels, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(map(repr, closest))}?" if closest else ""
    raise QueryError(f"no entity named {name!r} in the graph{hint}")
