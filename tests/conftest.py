"""Shared fixtures, and the test tiers.

Every test is in one tier, a marker: ``slow`` (subprocesses, worker processes, servers, Dask,
the browser, notebooks: marked by hand), ``model`` (the real spaCy pipeline in this process:
any test using the ``nlp`` fixture, unless it is slow) or ``fast`` (everything else, doctests
included). ``python -m pytest -m fast`` is the quick loop; ``python -m pytest`` runs them all.
The spaCy pipeline is loaded once per session.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["browser_support"]

TIERS = ("fast", "model", "slow")

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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put every test in one tier (see the module docstring)."""
    for item in items:
        marked = [tier for tier in TIERS if item.get_closest_marker(tier)]
        if "slow" in marked:
            tier = "slow"
        elif "model" in marked or "nlp" in getattr(item, "fixturenames", ()):
            tier = "model"
        else:
            tier = "fast"
        if marked != [tier]:
            item.add_marker(tier)
        item.own_markers[:] = [m for m in item.own_markers if m.name not in TIERS or m.name == tier]
