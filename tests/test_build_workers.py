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

from kg.extract.pipeline import resolve_model
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


def test_workers_that_cannot_start_fail_each_article_by_name_and_the_build_exits_1(
    news: Path, tmp_path: Path
) -> None:
    """A pipeline folder cut short (its metadata copied, not its weights): this process can
    describe it, the workers cannot load it and die before returning anything."""
    broken = tmp_path / "cut-short-model"
    broken.mkdir()
    import spacy.util

    meta = spacy.util.get_package_path(resolve_model()) / "meta.json"
    shutil.copy(meta, broken / "meta.json")
    graph = tmp_path / "graph.ttl"
    graph.write_text("# the previous graph\n", "utf-8")
    done = run(
        "build", news, "-o", graph, "--jobs", "2", "--model", broken, "--no-progress", cwd=tmp_path
    )
    assert done.returncode == 1
    problems = [line for line in done.stderr.splitlines() if line.startswith("problem: ")]
    assert problems == [
        f"problem: {news}:{n}: extraction failed: the worker process died with article 'a{n}'"
        for n in (1, 2, 3)
    ]
    assert "articles: 3 (3 failed)" in done.stderr
    assert done.stderr.strip().endswith("kg: no article extracted: all 3 failed")
    assert graph.read_text("utf-8") == "# the previous graph\n"  # not replaced by an empty one


def test_a_worker_that_dies_importing_the_callers_script_fails_each_article_by_name(
    news: Path, tmp_path: Path
) -> None:
    """Workers import the caller's main script; one that builds at import (no ``if __name__
    == "__main__":``) makes every worker die there. Each article is reported, none vanishes."""
    script = tmp_path / "script.py"
    script.write_text(
        "import kg\n"
        f"_, summary = kg.build([{str(news)!r}], jobs=2)\n"
        "print(summary.articles, summary.nothing_built())\n"
        "print(*summary.problems, sep='\\n')\n",
        "utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=600, cwd=tmp_path
    )
    lines = done.stdout.splitlines()
    assert lines[0] == "3 no article extracted: all 3 failed", done.stderr
    assert lines[1:] == [
        f"{news}:{n}: extraction failed: the worker process died with article 'a{n}'"
        for n in (1, 2, 3)
    ]
