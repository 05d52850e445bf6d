"""What the endpoint checks in a query's text before Oxigraph sees it.

- :func:`nesting_depth`: how deeply groups, brackets and parentheses nest. Oxigraph's parser
  recurses once a level and a query 5,000 braces deep overflows its stack (the worker dies with
  a segmentation fault); the endpoint refuses anything deeper than :data:`MAX_DEPTH`.
- :func:`operator_count`: operators make trees as deep as their chains are long
  (``1+1+…+1``, ``!!…!true``, ``{} UNION {} UNION …``, ``<p>/<p>/…``: 8,000 of them overflow
  the stack too); the endpoint refuses more than :data:`MAX_OPERATORS`.
- :func:`federated`: whether the query calls another endpoint (``SERVICE``), read by a real
  SPARQL parser (rdflib's), not by a pattern, so that IRIs, strings, comments and escapes are
  read as SPARQL reads them. This is the friendly early answer only: the worker processes
  cannot open a network connection at all (:mod:`kg.sparql.sandbox`).

Both read the query after SPARQL's ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes are expanded, as
the grammar says (and as Oxigraph does): ``SERV\\u0049CE`` is ``SERVICE``.
"""

from __future__ import annotations

import re

MAX_DEPTH = 100
"""Deepest nesting of ``{}``, ``()`` and ``[]`` the endpoint passes to Oxigraph."""
MAX_OPERATORS = 2000
"""Most operators (``&& || ! + - * / | ^`` and ``UNION``) in a query the endpoint passes to
Oxigraph (which, in a worker's 8 MiB stack, ran chains of 4,000 and crashed on 8,000)."""

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Strings, IRIs and comments: their brackets are no nesting. (A bracket inside something this
# misreads only makes the depth look larger: a refusal, never a crash.)
_NOT_SYNTAX = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|(?<!\\)#[^\n]*",
    re.DOTALL,
)
_BRACKETS = re.compile(r"[{}()\[\]]")
# Variables and prefixed names, whose "-" and "." are no operators (ent:united-states).
_NAMES = re.compile(r"[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+|[\w.-]*:(?:[\w.%-]|\\.)*")
_OPERATORS = re.compile(r"&&|\|\||[!+\-*/|^]|\bUNION\b", re.IGNORECASE)


def expand_escapes(query: str) -> str:
    r"""``query`` with its ``\uXXXX`` and ``\UXXXXXXXX`` escapes replaced by their characters.

    >>> expand_escapes(r"SERV\u0049CE")
    'SERVICE'
    """

    def character(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _ESCAPE.sub(character, query)


def nesting_depth(query: str) -> int:
    """How deeply brackets of any kind nest in ``query`` (outside strings, IRIs, comments).

    >>> nesting_depth('SELECT * { { ?s ?p ?o FILTER(?o = "{{{") } }')
    3
    """
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_NOT_SYNTAX.sub(" ", expand_escapes(query))):
        depth = depth + 1 if bracket in "{([" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def operator_count(query: str) -> int:
    """How many operators ``query`` holds (outside strings, IRIs, comments and names).

    >>> operator_count('SELECT * { ?a ent:united-states ?b FILTER(!(1 + 2 > -3)) }')
    4
    """
    text = _NAMES.sub(" ", _NOT_SYNTAX.sub(" ", expand_escapes(query)))
    return len(_OPERATORS.findall(text))


def federated(query: str) -> bool | None:
    """Whether ``query`` holds a ``SERVICE`` call; None when rdflib cannot parse a query whose
    text holds the word (so nobody can say).

    >>> federated("SELECT * { FILTER(1<2)SERVICE#>\\n<http://127.0.0.1/> { ?s ?p ?o } }")
    True
    >>> federated('SELECT ?service { ?service rdfs:label "SERVICE <x> {}" } # SERVICE')
    False
    """
    if "service" not in expand_escapes(query).lower():
        return False  # the keyword cannot be there: no need to parse
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(query)
    except Exception:  # pyparsing's ParseException, a prefix error, RecursionError ...
        return None
    return _has_service(parsed)


def _has_service(node: object) -> bool:
    from rdflib.plugins.sparql.parserutils import CompValue

    pending = [node]
    while pending:
        node = pending.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            pending.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            pending.extend(node)  # type: ignore[arg-type]
    return False
