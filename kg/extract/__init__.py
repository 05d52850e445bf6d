"""Extraction: articles -> entities and facts, with spaCy.

>>> from kg.model import Article
>>> nlp = load_pipeline()  # doctest: +SKIP
>>> (x,) = extract([Article("a1", "Rapidus is working with IBM.")], nlp)  # doctest: +SKIP
>>> [f.key for f in x.facts]  # doctest: +SKIP
[('Rapidus', 'partnersWith', 'IBM')]
"""

from kg.extract.extractor import extract, to_extraction
from kg.extract.pipeline import load_pipeline, resolve_model

__all__ = ["extract", "load_pipeline", "resolve_model", "to_extraction"]
