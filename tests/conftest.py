"""Shared fixtures. The spaCy pipeline is loaded once per session (tests using it are slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["browser_support"]

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def nlp():
    """kg's full pipeline: the trained English model plus kg's components."""
    import os

    from kg.extract import load_pipeline

    gazetteer = os.environ.get("KG_TEST_GAZETTEER")  # to try out gazetteer data being edited
    return load_pipeline(gazetteer=Path(gazetteer) if gazetteer else None)


@pytest.fixture(scope="session")
def extract_text(nlp):
    """Extract facts from a text; returns ``{(subject, predicate, object): Fact}``."""
    from kg.extract import extract
    from kg.model import Article

    def run(text: str) -> dict:
        (extraction,) = extract([Article("t", text)], nlp)
        return {fact.key: fact for fact in extraction.facts}

    return run
