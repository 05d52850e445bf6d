"""Run the pipeline over articles and hand back plain :class:`~kg.model.Extraction` records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import Article, Extraction, Fact, Mention, Problem


def to_extraction(article: Article, doc: Doc) -> Extraction:
    """The entities and facts of a processed document, tied to its article."""
    mentions = tuple(
        Mention(m.entity, m.span.text, m.span.start_char, m.span.end_char)
        for m in doc._.kg_mentions or ()
    )
    facts = tuple(
        Fact(
            doc=article.id,
            subject=f.subject,
            predicate=f.predicate,
            object=f.object,
            evidence=f.sentence.text.strip(),
            start=f.sentence.start_char + _leading_space(f.sentence.text),
            end=f.sentence.start_char + len(f.sentence.text.rstrip()),
            confidence=f.confidence,
            modality=f.modality,
            rule=f.rule,
        )
        for f in sorted(doc._.kg_facts or (), key=lambda f: (f.sentence.start, f.trigger, f.rule))
    )
    return Extraction(article=article, mentions=mentions, facts=facts)


def _make_doc(nlp: Language, article: Article) -> Doc:
    """The article's text, tokenised, knowing who published it (for "we" in press releases)."""
    doc = nlp.make_doc(article.text)
    doc._.kg_source = article.source
    return doc


def _leading_space(text: str) -> int:
    return len(text) - len(text.lstrip())


def extract(
    articles: Iterable[Article], nlp: Language, *, batch_size: int = 32
) -> Iterator[Extraction]:
    """Extract entities and facts from each article, in order.

    An article whose processing fails yields an :class:`Extraction` carrying a
    :class:`~kg.model.Problem` instead of facts; the others go on.
    """
    pairs = ((_make_doc(nlp, article), article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        try:
            yield to_extraction(article, doc)
        except Exception as err:  # one bad article must not stop a batch
            problem = Problem(article.origin or article.id, f"extraction failed: {err}")
            yield Extraction(article=article, problems=(problem,))
