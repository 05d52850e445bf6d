"""The notebooks in ``notebooks/`` run top to bottom on the bundled example and are stored clean."""

from __future__ import annotations

import subprocess
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_the_three_notebooks_are_there() -> None:
    assert [path.stem for path in NOTEBOOKS] == [
        "01-quickstart",
        "02-supply-chain-exposure",
        "03-sparql-and-pandas",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_runs_top_to_bottom(path: Path, tmp_path: Path) -> None:
    """Executed in a scratch folder; the repository is left as it was."""
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
    assert len(pages) == (0 if path.stem == "03-sparql-and-pandas" else 1)  # the graph, in line
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
