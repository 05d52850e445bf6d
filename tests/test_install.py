"""How kg is installed: the pins cover kg's requirements; CI runs README's two commands."""

from __future__ import annotations

import re
import tomllib

from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version


def _requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"].values()
    texts = [*project["dependencies"], *(text for extra in extras for text in extra)]
    return [r for r in map(Requirement, texts) if canonicalize_name(r.name) != "kg"]


def _pins() -> dict[str, Version]:
    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = Version(version)
    return pins


def test_constraints_pin_every_requirement_within_its_range() -> None:
    """A requirement added or changed without running scripts/lock.sh fails here."""
    pins = _pins()
    for requirement in _requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in constraints.txt: run scripts/lock.sh"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"constraints.txt pins {name} {pins[name]}, outside {requirement}"
        )
    assert "lxml-html-clean" in pins  # HTML input needs it (jusText imports lxml.html.clean)


def test_ci_runs_exactly_the_quick_start_commands_with_the_constraints() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", quick_start, re.DOTALL)
    assert block is not None, "README's quick start has no sh block"
    commands = block.group(1).splitlines()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert len(commands) == 2 and "-c constraints.txt" in commands[0]
    assert commands[1] == "python -m pytest"
    assert all(command in ci for command in commands)
    assert "export PIP_NO_CACHE_DIR=1" in ci and "pip check" in "\n".join(ci)
