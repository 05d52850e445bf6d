"""Score extraction against hand-annotated gold facts (``kg eval``).

The gold file is JSON Lines, one article a line, in the format of kg's dev set: the article
fields (``id``, ``text``, ``title``, ...) plus ``triples``: ``[{"subject", "predicate",
"object", "evidence", "implicit"?}]``. Predicates outside kg's ontology (``other:...``) are not
scored. Names match when they are the same after normalisation (case, punctuation, a leading
"the", legal designators) or are aliases of one another — in kg's gazetteer or in an aliases
file ``{canonical: [variants]}``. Symmetric predicates match in either direction.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DataError
from kg.extract.gazetteer import Gazetteer, read_records
from kg.model import Article, Extraction, Fact

_PUNCT = re.compile(r"[^a-z0-9 ]+")


@dataclass(frozen=True, slots=True)
class GoldFact:
    """One annotated fact of a gold article."""

    doc: str
    subject: str
    predicate: str
    object: str
    evidence: str = ""
    implicit: bool = False
    modality: str = "asserted"
    object_country: str | None = None
    """The country of a sub-national place object: predicting it counts as well."""


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """An article of a gold file with its annotated facts."""

    article: Article
    facts: tuple[GoldFact, ...]


def read_gold(path: Path) -> list[GoldArticle]:
    """Read a gold file (JSON Lines); errors name the file and line.

    Each line needs ``id``, ``text`` and ``triples``.
    """
    gold = []
    for number, record in enumerate(read_records(path), start=1):
        where = f"{path}:{number}"
        if not isinstance(record.get("text"), str) or "id" not in record:
            raise DataError(f"{where}: a gold article needs 'id' and 'text'")
        doc = str(record["id"])
        article = Article(
            id=doc,
            text=record["text"],
            title=record.get("title"),
            date=record.get("date"),
            url=record.get("url"),
            source=record.get("publisher") or record.get("source"),
            origin=where,
        )
        facts = []
        for triple in record.get("triples", []):
            try:
                facts.append(
                    GoldFact(
                        doc,
                        triple["subject"],
                        triple["predicate"],
                        triple["object"],
                        triple.get("evidence", ""),
                        bool(triple.get("implicit", False)),
                        str(triple.get("modality") or "asserted"),
                        triple.get("object_country"),
                    )
                )
            except (KeyError, TypeError) as err:
                raise DataError(f"{where}: malformed triple {triple!r}") from err
        gold.append(GoldArticle(article, tuple(facts)))
    return gold


_LEGAL_WORDS = frozenset(
    {
        "corp",
        "corporation",
        "inc",
        "incorporated",
        "co",
        "company",
        "ltd",
        "limited",
        "plc",
        "holdings",
        "holding",
        "group",
        "ag",
        "nv",
        "sa",
        "se",
        "llc",
        "the",
        "bv",
        "kk",
    }
)
"""Words the shared scorer drops from names: legal forms, and "the"."""
SAME_PREDICATE = {"leaderOf": "officialOf"}
"""Predicates scored as one (a leader is an official), as the shared scorer does."""


def normalise_name(name: str) -> str:
    """A name reduced for comparison: accents, case, punctuation and legal words dropped.

    >>> normalise_name("The U.S. Department of Commerce")
    'u s department of commerce'
    >>> normalise_name("Micron Technology, Inc.")
    'micron technology'
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = _PUNCT.sub(" ", text.replace("&", " and "))
    return " ".join(word for word in text.split() if word not in _LEGAL_WORDS)


class NameMatcher:
    """Decides whether two names refer to the same entity, using alias groups: each group's
    first name is its canonical one, and a variant belongs to the first group that lists it.

    >>> m = NameMatcher([["United States", "US", "Washington"]])
    >>> m.key("the United States") == m.key("Washington")
    True
    """

    def __init__(self, groups: Iterable[Iterable[str]]) -> None:
        self._canonical: dict[str, str] = {}
        for group in groups:
            names = [normalise_name(n) for n in group]
            if not names or not names[0]:
                continue
            self._canonical[names[0]] = names[0]
            for name in names[1:]:
                if name:
                    self._canonical.setdefault(name, names[0])

    def key(self, name: str) -> str:
        """The canonical form of a name's alias group."""
        n = normalise_name(name)
        return self._canonical.get(n, n)

    @classmethod
    def from_sources(
        cls, gazetteer: Gazetteer, aliases: Mapping[str, list[str]] | None = None
    ) -> NameMatcher:
        """Alias groups from an aliases mapping ``{canonical: [variants]}`` — then exactly the
        shared scorer's matching — or, without one, from kg's gazetteer."""
        if aliases:
            return cls([canonical, *variants] for canonical, variants in aliases.items())
        groups: dict[str, list[str]] = {label: [label] for label in gazetteer.entities}
        for table in (gazetteer.names, gazetteer.products, gazetteer.demonyms):
            for form, label in table.items():
                groups[label].append(form)
        return cls(groups.values())


def merge_aliases(paths: Iterable[Path]) -> dict[str, list[str]]:
    """The aliases of several files: a name's variants are those every file gives it (a later
    file adds to an earlier one's list, never replaces it).

    >>> import json, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.json").write_text(json.dumps({"Czech Republic": ["Czechia"]}))
    >>> _ = (folder / "b.json").write_text(json.dumps({"Czech Republic": ["the Czech Republic"]}))
    >>> merge_aliases([folder / "a.json", folder / "b.json"])
    {'Czech Republic': ['Czechia', 'the Czech Republic']}
    """
    merged: dict[str, list[str]] = {}
    for path in paths:
        for name, variants in read_aliases(path).items():
            known = merged.setdefault(name, [])
            known += [v for v in variants if v not in known]
    return merged


def read_aliases(path: Path) -> dict[str, list[str]]:
    """Read an aliases file: a JSON object ``{canonical name: [variants]}``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise DataError(f"{path}: cannot read aliases ({err})") from err
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise DataError(f"{path}: expected an object mapping names to lists of variants")
    return data


@dataclass
class Score:
    """Counts of true positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    """The outcome of an evaluation: overall and per-predicate scores, misses and errors."""

    overall: Score = field(default_factory=Score)
    by_predicate: dict[str, Score] = field(default_factory=dict)
    missed: list[GoldFact] = field(default_factory=list)
    wrong: list[Fact] = field(default_factory=list)
    optional_found: int = 0
    """Implicit gold facts that were found (counted as correct, never as missed)."""

    def rows(self) -> list[tuple[str, int, int, int, float, float, float]]:
        """Per-predicate rows then the overall row: name, tp, fp, fn, P, R, F1."""
        named = [*sorted(self.by_predicate.items()), ("ALL (micro)", self.overall)]
        return [
            (name, s.tp, s.fp, s.fn, round(s.precision, 3), round(s.recall, 3), round(s.f1, 3))
            for name, s in named
        ]


def score(
    gold: Iterable[GoldArticle],
    extractions: Iterable[Extraction],
    matcher: NameMatcher,
    *,
    predicates: Iterable[str],
    symmetric: Iterable[str] = (),
    implicit_optional: bool = True,
    include_planned: bool = False,
) -> EvalReport:
    """Compare extracted facts with gold facts, article by article, as the shared scorer
    (``../shared/scoring/score_triples.py``) does.

    ``predicates`` are the ones scored (others, in the gold or predicted, are ignored);
    leaderOf and officialOf count as one. Each predicted fact counts once per article and takes
    at most one gold fact (symmetric predicates match either way; a place's country matches
    the place). With ``implicit_optional``, gold facts marked ``implicit`` count when found and
    are not held against recall when missed. Planned facts ("plans to invest"), predicted or
    gold, are left out unless ``include_planned``. With neither, this is the shared scorer.
    """
    scored = {SAME_PREDICATE.get(p, p) for p in predicates}
    sym = frozenset(symmetric)
    found_by_doc: dict[str, list[Fact]] = {}
    for x in extractions:
        found_by_doc.setdefault(x.article.id, []).extend(x.facts)
    report = EvalReport()
    for item in gold:
        left = []
        for g in item.facts:
            p = SAME_PREDICATE.get(g.predicate, g.predicate)
            if p in scored and (include_planned or g.modality != "planned"):
                other = matcher.key(g.object_country or g.object)
                left.append((matcher.key(g.subject), p, matcher.key(g.object), other, g))
        predicted: dict[tuple[str, str, str], Fact] = {}
        for fact in found_by_doc.get(item.article.id, ()):
            p = SAME_PREDICATE.get(fact.predicate, fact.predicate)
            if p not in scored or (fact.modality == "planned" and not include_planned):
                continue
            predicted.setdefault(
                (matcher.key(fact.subject.label), p, matcher.key(fact.object.label)), fact
            )
        for (s, p, o), fact in predicted.items():
            counts = report.by_predicate.setdefault(p, Score())
            hit = next(
                (
                    g
                    for g in left
                    if g[1] == p
                    and (
                        (g[0] == s and o in (g[2], g[3])) or (p in sym and g[0] == o and g[2] == s)
                    )
                ),
                None,
            )
            if hit is not None:
                left.remove(hit)
                counts.tp += 1
                report.overall.tp += 1
                report.optional_found += hit[4].implicit
            else:
                counts.fp += 1
                report.overall.fp += 1
                report.wrong.append(fact)
        for *_, g in left:
            if implicit_optional and g.implicit:
                continue
            p = SAME_PREDICATE.get(g.predicate, g.predicate)
            report.by_predicate.setdefault(p, Score()).fn += 1
            report.overall.fn += 1
            report.missed.append(g)
    return report


def evaluate_files(
    gold_paths: Sequence[Path],
    alias_paths: Sequence[Path] = (),
    *,
    model: str | None = None,
    gazetteer: Path | None = None,
    relations: str | None = None,
    implicit_optional: bool = True,
    include_planned: bool = False,
) -> EvalReport:
    """Extract facts from the articles of gold files and score them (``kg eval``).

    ``relations`` chooses the relation model as :func:`kg.extract.load_pipeline` does.
    """
    from kg.extract import extract, load_pipeline
    from kg.extract.gazetteer import load_gazetteer
    from kg.vocabulary import RELATIONS, SYMMETRIC

    gold = [item for path in gold_paths for item in read_gold(path)]
    nlp = load_pipeline(model, gazetteer=gazetteer, relations=relations)
    extractions = list(extract((g.article for g in gold), nlp))
    matcher = NameMatcher.from_sources(load_gazetteer(gazetteer), merge_aliases(alias_paths))
    return score(
        gold,
        extractions,
        matcher,
        predicates=RELATIONS,
        symmetric=SYMMETRIC,
        implicit_optional=implicit_optional,
        include_planned=include_planned,
    )
