"""The package's shape: no module imports another module's private names, the CLI stays
light, and no module is over ~400 lines. (Which stage may import which, and the absence of
cycles, is `lint-imports`'s job: the contracts in pyproject.toml, run by .ci/run.)"""

from __future__ import annotations

import ast
from pathlib import Path

import kg

PACKAGE = Path(kg.__file__).parent
MODULES = sorted(PACKAGE.rglob("*.py"))
LONGEST = 420
"""Lines of Python a module may have: each should read in one sitting."""


def _private_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kg")
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    ]


def test_no_module_imports_another_modules_private_names() -> None:
    assert [found for path in MODULES for found in _private_imports(path)] == []


def test_no_module_is_longer_than_one_sitting() -> None:
    lengths = {
        str(path.relative_to(PACKAGE)): len(path.read_text().splitlines()) for path in MODULES
    }
    assert {name: n for name, n in lengths.items() if n > LONGEST} == {}
