"""Plain text and Markdown files: the whole file is one article.

Markdown is reduced to the text a reader sees, so that sentence offsets point into readable
text: heading markers, emphasis, link targets, list bullets, quote markers, rules and link
definitions go; link and image texts stay; code (fenced or inline) is kept verbatim. Only the
common subset of Markdown is understood (ATX ``#`` headings, not setext underlines, for the title).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.errors import IngestError
from kg.ingest.article import make_article
from kg.model import Article

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_=])(?:[ \t]*\1){2,}[ \t]*$")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+.*$")
# Quote markers and list bullets, in any nesting ("> - item", "- > quote").
_LINE_PREFIX = re.compile(r"^(?:[ \t]*(?:>|[-*+][ \t]))+[ \t]*")

_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
# Delimiters escaped with a backslash are literal; underscores inside words (snake_case) too.
_STARS = re.compile(r"(?<!\\)(\*\*|\*|~~)(?=\S)(.+?)(?<=[^\s\\])\1")
_UNDERSCORES = re.compile(r"(?<![\w\\])(__|_)(?=\S)(.+?)(?<=[^\s\\])\1(?!\w)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")


def read_plain(text: str, where: str) -> Iterator[Article]:
    """The article of a ``.txt`` file: all of its text, no title.

    >>> [a.text for a in read_plain("Japan subsidises Micron.\\n", "news.txt")]
    ['Japan subsidises Micron.\\n']
    """
    yield make_article(text, where)


def read_markdown(text: str, where: str) -> Iterator[Article]:
    """The article of a Markdown file: its reduced text, titled by the first ``# heading``.

    >>> [(a.title, a.text) for a in read_markdown("# Chips\\n\\n**Japan** aids Micron.", "a.md")]
    [('Chips', 'Chips\\n\\nJapan aids Micron.')]
    """
    plain, title = markdown_to_text(text)
    if not plain.strip():
        raise IngestError("no text left once the Markdown markup is removed")
    yield make_article(plain, where, title=title)


def markdown_to_text(markdown: str) -> tuple[str, str | None]:
    """``markdown`` reduced to readable text, and the text of its first level-1 heading.

    Lines stay lines, so paragraphs stay separated by blank lines.

    >>> markdown_to_text("# A *new* plant\\n- see [the report](http://x.org) and `a_b`")
    ('A new plant\\nsee the report and a_b', 'A new plant')
    """
    lines: list[str] = []
    title: str | None = None
    fence: str | None = None
    for line in markdown.split("\n"):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1).startswith(fence):
                fence = None
            else:
                lines.append(line)
            continue
        if opening:
            fence = opening.group(1)
            continue
        heading = _HEADING.match(line)
        if heading:
            line = _inline(heading.group(2) or "")
            if title is None and len(heading.group(1)) == 1 and line:
                title = line
        else:
            line = _block_line(line)
        lines.append(line)
    return "\n".join(lines), title


def _block_line(line: str) -> str:
    """A non-heading line without its block markup."""
    if _RULE.match(line) or _LINK_DEFINITION.match(line):
        return ""
    return _inline(_LINE_PREFIX.sub("", line))


def _inline(line: str) -> str:
    """``line`` without inline markup; code spans are kept verbatim."""
    # split() with the span's two groups gives [text, backticks, code, text, backticks, code, ...]
    pieces = _CODE_SPAN.split(line)
    out = []
    for index, piece in enumerate(pieces):
        kind = index % 3
        if kind == 0:
            out.append(_strip_inline_markup(piece))
        elif kind == 2:
            out.append(piece)
    return "".join(out)


def _strip_inline_markup(text: str) -> str:
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    # Nested emphasis (***both***) needs a pass per level.
    previous = None
    while previous != text:
        previous = text
        text = _UNDERSCORES.sub(r"\2", _STARS.sub(r"\2", text))
    return _ESCAPE.sub(r"\1", text)
