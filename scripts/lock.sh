#!/usr/bin/env bash
# Regenerate constraints.txt: every package a fresh `pip install -e ".[dev]"` resolves today,
# pinned, so that README's install and .ci/run get the versions CI tested.
# Run it on the oldest Python kg supports (3.11), review the diff, run .ci/run, commit.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="$(mktemp -d)"
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --no-cache-dir --upgrade pip
"$venv/bin/python" -m pip install --quiet --no-cache-dir -e ".[dev]"
"$venv/bin/python" -m pip check

{
  echo "# Versions a fresh install of kg resolved, pinned. Written by scripts/lock.sh; do not edit."
  echo "# Use: pip install -c constraints.txt -e \".[dev]\"    ($("$venv/bin/python" -V), $(uname -sm))"
  # kg itself (editable) is left out; pip is kept so that .ci/run upgrades to this one.
  # setuptools comes with a Python 3.11 venv, not with kg: left out too.
  "$venv/bin/python" -m pip freeze --all --exclude-editable | grep -v '^setuptools=='
} >constraints.txt
echo "wrote constraints.txt ($(grep -vc '^#' constraints.txt) packages)"
