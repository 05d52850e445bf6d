"""The notebooks in ``notebooks/`` run top to bottom on the bundled demo corpus, draw their plots
and the graph, and are stored clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_the_three_notebooks_are_there() -> None:
    assert [path.stem for path in NOTEBOOKS] == [
        "01-quickstart",
        "02-export-control-exposure",
        "03-blocs-and-actors-over-time",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)


PLOTS = {"01-quickstart": 2, "02-export-control-exposure": 2, "03-blocs-and-actors-over-time": 4}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_works_on_the_bundled_corpus(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    assert "build(corpus_paths()" in code


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_runs_top_to_bottom(path: Path, tmp_path: Path) -> None:
    """Executed in a scratch folder; the repository is left as it was. Each notebook's own
    asserts check its story (03: facts added and not reported since 2024, risers and fallers,
    the United States and its allies in one bloc in 2022-2023)."""
    before = _untracked(path.parent)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=300,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()  # raises CellExecutionError, with the cell and traceback, if one fails
    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    assert not [output for output in outputs if output.output_type == "error"]
    pages = [
        out for out in outputs if "<iframe srcdoc=" in out.get("data", {}).get("text/html", "")
    ]
    assert len(pages) == 1  # the graph, in line
    plots = [out for out in outputs if "image/png" in out.get("data", {})]
    assert len(plots) == PLOTS[path.stem]
    assert _untracked(path.parent) == before


def _untracked(folder: Path) -> str:
    """Files git does not know under the repository (or nothing outside a git checkout)."""
    result = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "--", str(folder)],
        capture_output=True,
        text=True,
        cwd=folder,
    )
    return result.stdout if result.returncode == 0 else ""


@pytest.mark.slow
def test_jupyter_nbconvert_runs_a_notebook_from_the_installed_extra(tmp_path: Path) -> None:
    """README's shell route: kg[notebooks] (in the dev install) brings `jupyter nbconvert`."""
    jupyter = Path(sys.executable).with_name("jupyter")
    quickstart = NOTEBOOKS[0]
    result = subprocess.run(
        [
            str(jupyter),
            "nbconvert",
            "--to",
            "html",
            "--execute",
            "--output-dir",
            str(tmp_path),
            str(quickstart),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / f"{quickstart.stem}.html").read_text(encoding="utf-8")
    assert "Traceback" not in page and "image/png" in page
