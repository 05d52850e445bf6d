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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DataError
from kg.extract.gazetteer import Gazetteer, read_records
from kg.model import Article, Extraction, Fact

_PUNCT = re.compile(r"[^\w\s]")
_LEGAL = re.compile(
    r"(,?\s+(co|corp|corporation|inc|incorporated|ltd|limited|llc|plc|ag|se|nv|bv|sa|gmbh|group|holdings|company))+$"
)


@dataclass(frozen=True, slots=True)
class GoldFact:
    """One annotated fact of a gold article."""

    doc: str
    subject: str
    predicate: str
    object: str
    evidence: str = ""
    implicit: bool = False


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
                    )
                )
            except (KeyError, TypeError) as err:
                raise DataError(f"{where}: malformed triple {triple!r}") from err
        gold.append(GoldArticle(article, tuple(facts)))
    return gold


def normalise_name(name: str) -> str:
    """A name reduced for comparison.

    >>> normalise_name("The U.S. Department of Commerce")
    'us department of commerce'
    >>> normalise_name("Micron Technology, Inc.")
    'micron technology'
    """
    text = unicodedata.normalize("NFKC", name).casefold().replace("’", "'")
    text = re.sub(r"^the\s+", "", text.strip())
    text = text.replace("-", " ").replace("'s ", " ")
    text = _PUNCT.sub(lambda m: "" if m.group() in ".'" else " ", text)
    text = " ".join(text.split())
    return _LEGAL.sub("", text) or text


class NameMatcher:
    """Decides whether two names refer to the same entity, using alias groups.

    >>> m = NameMatcher([["United States", "US", "Washington"]])
    >>> m.key("U.S.") == m.key("Washington")
    True
    """

    def __init__(self, groups: Iterable[Iterable[str]]) -> None:
        self._parent: dict[str, str] = {}
        for group in groups:
            names = [normalise_name(n) for n in group if n.strip()]
            for name in names[1:]:
                self._union(names[0], name)

    def key(self, name: str) -> str:
        """The representative of a name's alias group."""
        return self._find(normalise_name(name))

    def _find(self, name: str) -> str:
        parent = self._parent.get(name, name)
        if parent == name:
            return name
        root = self._find(parent)
        self._parent[name] = root
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    @classmethod
    def from_sources(
        cls, gazetteer: Gazetteer, aliases: Mapping[str, list[str]] | None = None
    ) -> NameMatcher:
        """Alias groups from kg's gazetteer plus an aliases mapping ``{canonical: [variants]}``."""
        groups: dict[str, list[str]] = {label: [label] for label in gazetteer.entities}
        for table in (gazetteer.names, gazetteer.products, gazetteer.demonyms):
            for form, label in table.items():
                groups[label].append(form)
        extra = [[canonical, *variants] for canonical, variants in (aliases or {}).items()]
        return cls([*groups.values(), *extra])


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
    """Compare extracted facts with gold facts, article by article.

    ``predicates`` are the ones scored (others in the gold are ignored). With
    ``implicit_optional`` (the dev set's advice), gold facts marked ``implicit`` count when found
    and are not held against recall when missed. Planned facts ("plans to invest") are not
    statements of fact and are left out unless ``include_planned``.
    """
    scored, sym = frozenset(predicates), frozenset(symmetric)
    found_by_doc = {x.article.id: x.facts for x in extractions}
    report = EvalReport()

    def key(s: str, p: str, o: str) -> tuple[str, str, str]:
        a, b = matcher.key(s), matcher.key(o)
        return (p, *sorted((a, b))) if p in sym else (p, a, b)  # type: ignore[return-value]

    for item in gold:
        gold_facts = {
            key(g.subject, g.predicate, g.object): g for g in item.facts if g.predicate in scored
        }
        predicted: dict[tuple[str, str, str], Fact] = {}
        for fact in found_by_doc.get(item.article.id, ()):
            if fact.modality == "planned" and not include_planned:
                continue
            predicted.setdefault(key(fact.subject.label, fact.predicate, fact.object.label), fact)
        for k, fact in predicted.items():
            counts = report.by_predicate.setdefault(k[0], Score())
            if k in gold_facts:
                counts.tp += 1
                report.overall.tp += 1
                report.optional_found += gold_facts[k].implicit
            else:
                counts.fp += 1
                report.overall.fp += 1
                report.wrong.append(fact)
        for k, g in gold_facts.items():
            if k in predicted or (implicit_optional and g.implicit):
                continue
            report.by_predicate.setdefault(k[0], Score()).fn += 1
            report.overall.fn += 1
            report.missed.append(g)
    return report


def evaluate_file(
    gold_path: Path,
    aliases_path: Path | None = None,
    *,
    model: str | None = None,
    gazetteer: Path | None = None,
    implicit_optional: bool = True,
    include_planned: bool = False,
) -> EvalReport:
    """Extract facts from the articles of a gold file and score them (``kg eval``)."""
    from kg.extract import extract, load_pipeline
    from kg.extract.gazetteer import load_gazetteer
    from kg.vocabulary import RELATIONS, SYMMETRIC

    gold = read_gold(gold_path)
    nlp = load_pipeline(model, gazetteer=gazetteer)
    extractions = list(extract((g.article for g in gold), nlp))
    aliases = read_aliases(aliases_path) if aliases_path else None
    matcher = NameMatcher.from_sources(load_gazetteer(gazetteer), aliases)
    return score(
        gold,
        extractions,
        matcher,
        predicates=RELATIONS,
        symmetric=SYMMETRIC,
        implicit_optional=implicit_optional,
        include_planned=include_planned,
    )
