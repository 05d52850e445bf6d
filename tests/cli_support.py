"""Running the ``kg`` command line as a user does: a separate process, its output captured."""

from __future__ import annotations

import subprocess
import sys


def kg(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run ``python -m kg ARGS``; with ``check``, fail the test on a non-zero exit."""
    result = subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=600
    )
    if check and result.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    return result
