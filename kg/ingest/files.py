"""Paths -> articles: files by suffix, folders recursively, one batch free of duplicate ids.

Folders leave out gold files (``*.gold.jsonl``: evaluation data, not more news) and whatever
the caller excludes by glob; each file or folder left out is reported as a
:class:`~kg.model.Skipped`.

Every article read is checked before it is handed on: one longer than
:data:`MAX_ARTICLE_CHARS`, or clearly not in English (:mod:`kg.ingest.language`), is a problem
instead. Whatever goes wrong with one file, even an error of a third-party parser on junk
input, is a problem of that file; the batch goes on.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePath

from kg.errors import IngestError
from kg.ingest.decode import decode, decode_lines
from kg.ingest.feeds import read_feed
from kg.ingest.html import read_html
from kg.ingest.jsonl import read_jsonl, read_jsonl_lines
from kg.ingest.language import not_english
from kg.ingest.text import read_markdown, read_plain
from kg.model import Article, Problem, Skipped

Reader = Callable[[str, str], Iterable[Article | Problem]]
"""Decoded text and where it came from -> its articles and problems."""

_READERS: dict[str, Reader] = {
    ".txt": read_plain,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
}

SUFFIXES: tuple[str, ...] = tuple(_READERS)
"""The file suffixes kg reads (matched case-insensitively)."""

GOLD_SUFFIX = ".gold.jsonl"
"""Gold files (articles with their true facts, for ``kg eval``) end so; folders skip them."""

MAX_FILE_BYTES = 64 << 20
"""Largest file read whole by default (64 MiB, ``--max-bytes``; JSON Lines are read line by
line, at any size). A larger one is a problem, found before it is read: a disk image named
``.txt`` cannot fill the memory."""

MAX_ARTICLE_CHARS = 1_000_000
"""Longest article kg extracts (spaCy's own ``max_length``). Extraction holds every parsed
piece of an article until the article is done, about 3 GB per million characters, so a longer
"article" (a book, a dump, a mistake) is refused as a problem when read instead."""


def read_articles(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    strict: bool = False,
    exclude: Iterable[str] = (),
    on_skip: Callable[[Skipped], None] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> Iterator[Article | Problem]:
    """Every article in ``paths`` and a :class:`~kg.model.Problem` for every bad item.

    Files are read by suffix (:data:`SUFFIXES`); folders recursively, in sorted path order,
    skipping hidden entries, files of other suffixes and gold files (:data:`GOLD_SUFFIX`; name
    one to read it). ``exclude`` holds glob patterns: a file or folder below a folder named is
    left out when its path below that folder ends in a match, as :meth:`pathlib.PurePath.match`
    has it (``"*.draft.txt"``, ``"drafts"``, ``"2023/*.jsonl"``); a file named, when its name
    matches. Each gold file and excluded path is handed to ``on_skip``, in sorted path order.
    A bad item never stops the batch, unless ``strict``: then the first problem raises
    :class:`~kg.errors.IngestError` with the same message. An article whose id was already
    read in this batch is a problem, and skipped; so is one longer than
    :data:`MAX_ARTICLE_CHARS` or clearly not in English, and a file read whole (any but JSON
    Lines) over ``max_bytes``. A single path may be given instead of
    a list.

    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = pathlib.Path(folder, "a.txt").write_text("Japan subsidises Micron.")
    ...     _ = pathlib.Path(folder, "a.gold.jsonl").write_text("{}")
    ...     skipped = []
    ...     items = read_articles([folder, "missing.txt"], on_skip=skipped.append)
    ...     [type(item).__name__ for item in items], [s.reason for s in skipped]
    (['Article', 'Problem'], ['gold file'])
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    patterns = tuple(exclude)
    if "" in patterns:
        raise IngestError("an empty pattern cannot exclude anything; give a glob like '*.txt'")
    skip = on_skip or (lambda _skipped: None)
    read = _read_paths(paths, patterns, skip, max_bytes)
    for item in _without_duplicates(map(_checked, read)):
        if strict and isinstance(item, Problem):
            raise IngestError(str(item))
        yield item


def _read_paths(
    paths: Iterable[str | os.PathLike[str]],
    exclude: tuple[str, ...],
    skip: Callable[[Skipped], None],
    max_bytes: int,
) -> Iterator[Article | Problem]:
    for name in paths:
        path = Path(name)
        try:
            is_folder = stat.S_ISDIR(path.stat().st_mode)
        except OSError as err:
            if err.errno == errno.ENOENT and not path.is_symlink():
                yield Problem(str(path), "no such file or directory")
            else:
                yield Problem(str(path), _cannot("read", err))
            continue
        if is_folder:
            for file, problem in _files_under(path, exclude, skip):
                yield from _read_file(file, max_bytes) if problem is None else [problem]
        elif _excluded(PurePath(path.name), exclude):
            skip(Skipped(str(path), "excluded"))
        else:
            yield from _read_file(path, max_bytes, named=True)


def _files_under(
    folder: Path, exclude: tuple[str, ...], skip: Callable[[Skipped], None]
) -> list[tuple[Path, Problem | None]]:
    """The files to read below ``folder``, sorted, each with None, or with the problem that
    stands in its place: a folder that cannot be read, a broken link. Hidden files and folders
    are left out, and gold files, excluded paths and links to a folder read already are handed
    to ``skip``, in sorted order too. Links to folders are followed, each folder read once."""
    found: list[tuple[Path, Problem | None]] = []
    skipped: list[Skipped] = []

    def unreadable(err: OSError) -> None:
        where = Path(err.filename) if err.filename else folder
        found.append((where, Problem(str(where), _cannot("read the folder", err))))

    seen = {_identity(folder)}
    for parent, folders, files in os.walk(folder, onerror=unreadable, followlinks=True):
        kept = []
        # Real folders first: a link to one of them is the copy left out.
        for name in sorted(folders, key=lambda name: (os.path.islink(Path(parent, name)), name)):
            path = Path(parent, name)
            if name.startswith("."):
                continue
            if _excluded(path.relative_to(folder), exclude):
                skipped.append(Skipped(str(path), "excluded"))
                continue
            identity = _identity(path)
            if identity in seen:  # a link to a folder read already (or a loop)
                skipped.append(Skipped(str(path), "folder read already"))
                continue
            seen.add(identity)
            kept.append(name)
        folders[:] = kept
        for name in files:
            path = Path(parent, name)
            if name.startswith(".") or path.suffix.lower() not in _READERS:
                continue
            if name.lower().endswith(GOLD_SUFFIX):
                skipped.append(Skipped(str(path), "gold file"))
            elif _excluded(path.relative_to(folder), exclude):
                skipped.append(Skipped(str(path), "excluded"))
            else:
                found.append((path, None))
    for item in sorted(skipped, key=lambda s: Path(s.where)):
        skip(item)
    return sorted(found, key=lambda pair: pair[0])


def _identity(path: Path) -> tuple[int, int] | Path:
    """What tells one folder from another, whatever links lead to it: device and inode."""
    try:
        info = path.stat()
    except OSError:
        return path
    return info.st_dev, info.st_ino


def _cannot(what: str, err: OSError) -> str:
    """``cannot <what>: <reason>`` for an error of the operating system."""
    reason = err.strerror or type(err).__name__
    if err.errno == errno.ENOENT:
        reason = "a link to nothing" if what == "read" else reason
    return f"cannot {what}: {reason}"


def _excluded(path: PurePath, exclude: tuple[str, ...]) -> bool:
    """Whether ``path`` ends in a match of one of the glob patterns ``exclude``.

    >>> _excluded(PurePath("news/drafts"), ("drafts",)), _excluded(PurePath("a.txt"), ("*.md",))
    (True, False)
    """
    return any(path.match(pattern) for pattern in exclude)


def _read_file(
    path: Path, max_bytes: int = MAX_FILE_BYTES, *, named: bool = False
) -> Iterator[Article | Problem]:
    """The articles and problems of the file at ``path``: a regular file, or a named pipe when
    it was ``named`` on the command line (``kg build <(zcat news.jsonl.gz)``); a pipe, device
    or socket met in a folder is a problem, not read (a pipe would wait for a writer forever,
    ``/dev/zero`` fill the memory)."""
    where = str(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        kind = f"'{path.suffix}'" if path.suffix else "without a suffix"
        yield Problem(where, f"unsupported file type {kind}; kg reads {', '.join(SUFFIXES)}")
        return
    try:
        info = path.stat()  # before opening it: opening a FIFO waits for a writer
        if not (stat.S_ISREG(info.st_mode) or (named and stat.S_ISFIFO(info.st_mode))):
            raise IngestError(f"not a regular file ({_file_kind(info.st_mode)}); not read")
        if reader is read_jsonl:  # one article a line: read as it goes, however large the file
            yield from read_jsonl_lines(decode_lines(path), where)
            return
        if info.st_size > max_bytes:
            raise IngestError(
                f"file too large ({info.st_size:,} bytes; kg reads files of up to "
                f"{max_bytes:,} (--max-bytes), JSON Lines of any size)"
            )
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)  # it may have grown since
        if len(data) > max_bytes:
            raise IngestError(f"file too large (over {max_bytes:,} bytes; --max-bytes)")
        text = decode(data)
        if not text.strip():
            raise IngestError("empty file")
        yield from reader(text, where)
    except IngestError as err:
        yield Problem(where, str(err))
    except OSError as err:
        yield Problem(where, _cannot("read the file", err))
    # Parsers meet junk no test foresaw (trafilatura fails an assertion on "<math>html"): what
    # they raise is this file's problem, not the end of the batch.
    except Exception as err:
        detail = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
        yield Problem(where, f"cannot read the file ({detail})")


def _file_kind(mode: int) -> str:
    """What a file that is not a regular one is, in words.

    >>> _file_kind(stat.S_IFIFO)
    'a named pipe'
    """
    kinds = (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    )
    return next((name for test, name in kinds if test(mode)), "not a file")


def _checked(item: Article | Problem) -> Article | Problem:
    """``item``, or a problem in its place when it is an article kg should not extract."""
    if isinstance(item, Problem):
        return item
    where = item.origin or item.id
    if len(item.text) > MAX_ARTICLE_CHARS:
        limit = f"kg extracts articles of up to {MAX_ARTICLE_CHARS:,}"
        return Problem(where, f"article too long ({len(item.text):,} characters; {limit}); skipped")
    language = not_english(item.text)
    if language is not None:
        return Problem(where, f"not English (looks like {language}); skipped")
    return item


def _without_duplicates(items: Iterable[Article | Problem]) -> Iterator[Article | Problem]:
    """``items`` with each article whose id was seen before replaced by a problem."""
    first_origins: dict[str, str | None] = {}
    for item in items:
        if isinstance(item, Article):
            if item.id in first_origins:
                first = first_origins[item.id]
                message = f"duplicate id '{item.id}' (first read at {first}); skipped"
                yield Problem(item.origin or item.id, message)
                continue
            first_origins[item.id] = item.origin
        yield item
