"""kg's public API: what ``kg/__init__.py`` lists is what it exports, and stays so."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest

import kg


def test_every_public_name_resolves_to_a_function_or_class():
    for name in kg.__all__:
        value = getattr(kg, name)
        assert not isinstance(value, types.ModuleType), name


@pytest.mark.slow  # a fresh interpreter imports every module
def test_importing_every_module_shadows_no_public_name():
    # Importing a submodule sets it as an attribute of its package: a public name equal to a
    # module name would turn into the module. Checked in a fresh interpreter, modules first.
    code = (
        "import importlib, pkgutil, types, kg\n"
        "for m in pkgutil.walk_packages(kg.__path__, 'kg.'):\n"
        "    if m.name != 'kg.__main__': importlib.import_module(m.name)\n"
        "print([n for n in kg.__all__ if isinstance(getattr(kg, n), types.ModuleType)])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_dir_lists_the_public_api():
    assert set(kg.__all__) <= set(dir(kg))


@pytest.mark.slow  # a fresh interpreter
def test_import_is_light():
    # `import kg` (and so `kg --help`) must not pull in spaCy or rdflib.
    code = "import sys, kg; print('spacy' in sys.modules, 'rdflib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
