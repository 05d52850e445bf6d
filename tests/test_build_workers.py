"""``kg build --jobs N``'s worker processes, for real: they run the kg that was installed,
whatever the current folder holds, and an article whose worker never comes back is a problem
that names it, never a silent gap."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.rdf.namespace import KG
from kg.store import load_graph

pytestmark = pytest.mark.slow

ARTICLES = [
    "Rapidus is working with IBM on advanced chips.",
    "Japan is offering subsidies to Micron Technology.",
    "The Netherlands imposed export controls on China last year.",
]


def kg_script() -> str:
    """The ``kg`` command installed next to this Python: it runs from any folder."""
    script = shutil.which("kg", path=str(Path(sys.executable).parent))
    assert script is not None, "kg is not installed in this environment"
    return script


@pytest.fixture
def news(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl"
    records = [{"id": f"a{n}", "text": text} for n, text in enumerate(ARTICLES, 1)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [kg_script(), *map(str, args)], capture_output=True, text=True, timeout=600, cwd=cwd
    )


@pytest.mark.parametrize("target", ["file", "store"])
def test_build_from_a_folder_holding_a_kg_folder_runs_the_installed_kg(
    news: Path, tmp_path: Path, target: str
) -> None:
    """A folder named ``kg`` where the command runs (the clone's parent folder, a project
    folder) is no Python package: the workers must not import it."""
    (tmp_path / "kg").mkdir()
    output = ["-o", "graph.ttl"] if target == "file" else ["--store", "store"]
    done = run("build", news.name, *output, "--jobs", "2", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "articles: 3\n" in done.stderr and "problems: 0" in done.stderr
    if target == "store":
        assert run("export", "--store", "store", "-o", "graph.ttl", cwd=tmp_path).returncode == 0
    graph = load_graph(tmp_path / "graph.ttl")
    assert {str(i) for i in graph.objects(None, KG.articleId)} == {"a1", "a2", "a3"}
    assert (None, KG.partnersWith, None) in graph and (None, KG.subsidises, None) in graph
