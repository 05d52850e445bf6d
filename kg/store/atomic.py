"""Files that appear whole or not at all: written next to their place, then renamed over it.

Every file kg writes (graphs, pages, reports, shards) goes through :func:`atomic_path`, so a
reader never sees half a file and a failed or killed write leaves the old one in place.
"""

from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(path: Path) -> Iterator[str]:
    """A temporary file name next to ``path``, renamed over ``path`` if the block succeeds.

    The temporary is hidden and named after ``path`` and this process
    (``.graph.ttl.<pid>.<random>.tmp``), so that it is never read as input or output. A process
    killed while writing (SIGKILL, power loss) leaves ``path`` as it was and its temporary behind;
    the next write of ``path`` removes temporaries whose process no longer runs.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with atomic_path(Path(tmp, "out.txt")) as temporary:
    ...         _ = Path(temporary).write_text("done")
    ...     print(Path(tmp, "out.txt").read_text(), len(list(Path(tmp).iterdir())))
    done 1
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(path)
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp"
    )
    os.close(handle)
    os.chmod(temporary, 0o644)  # mkstemp makes the file private; a graph file is for sharing
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def _remove_stale_temporaries(path: Path) -> None:
    """Remove the temporaries of ``path`` left by processes that no longer run."""
    for temporary in path.parent.glob(f".{glob.escape(path.name)}.*.*.tmp"):
        pid = temporary.name[len(path.name) + 2 :].split(".")[0]  # .<name>.<pid>.<random>.tmp
        if pid.isdigit() and not _running(int(pid)):
            temporary.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, as another user's process
        return True
    return True
