"""HTML: whole pages through trafilatura, short fragments (feed items) through a small converter.

Pages lose their boilerplate (navigation, footers, ads) to trafilatura's main-text extraction,
run offline on the text already read; nothing is ever fetched. Fragments are already the
article, so :func:`html_to_text` keeps all of their text.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

from kg.errors import IngestError
from kg.ingest.article import make_article
from kg.model import Article

_BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption"}
    | {"figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main"}
    | {"nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"}
)
_SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript"})
_NO_TEXT = "no main text found in the HTML page"


def read_html(text: str, where: str) -> Iterator[Article]:
    """The main article of an HTML page, one line of the extracted text a paragraph.

    Title, date, url and site name (as ``source``) come from the page's metadata when present.
    Raises :class:`~kg.errors.IngestError` when the page has no main text.

    >>> page = "<title>Chips</title><p>Japan subsidises Micron.</p><p>Tokyo confirmed it.</p>"
    >>> [(a.title, a.text) for a in read_html(page, "a.html")]
    [('Chips', 'Japan subsidises Micron.\\n\\nTokyo confirmed it.')]
    """
    # Imported here: trafilatura takes a noticeable time to import, which `import kg` should not.
    import trafilatura
    from trafilatura.settings import Document, set_date_params

    document = trafilatura.bare_extraction(
        text,
        include_comments=False,
        with_metadata=True,
        # Dates only as the page states them: the extensive search guesses one from URLs and
        # body text (``/2024/03/`` -> 2024-03-01).
        date_extraction_params=set_date_params(extensive=False),
    )
    if not isinstance(document, Document):  # None when the page has no text at all
        raise IngestError(_NO_TEXT)
    # trafilatura puts one block (or <br> line) a line; blank lines make them paragraphs.
    lines = (document.text or "").split("\n")
    article_text = "\n\n".join(line.strip() for line in lines if line.strip())
    if not article_text:
        raise IngestError(_NO_TEXT)
    yield make_article(
        article_text,
        where,
        title=document.title,
        date=document.date,
        url=document.url,
        source=document.sitename,
    )


def html_to_text(markup: str) -> str:
    """All text of an HTML fragment: one paragraph per block element, blank lines between.

    Whitespace inside a paragraph collapses to single spaces, ``<br>`` breaks the line, and
    scripts and styles are dropped.

    >>> html_to_text("<p>Japan &amp; the <b>US</b>\\n agree.</p><ul><li>chips</li></ul>x<br>y")
    'Japan & the US agree.\\n\\nchips\\n\\nx\\ny'
    """
    parser = _TextCollector()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.pieces).split("\n"))
    paragraphs = "\n".join(lines).split("\n\n")
    return "\n\n".join(part.strip("\n") for part in paragraphs if part.strip())


class _TextCollector(HTMLParser):
    """Collects text, marking block boundaries with blank lines and ``<br>`` with newlines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._mark(tag, opening=True)

    def handle_endtag(self, tag: str) -> None:
        self._mark(tag, opening=False)

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            # Source newlines are just whitespace in HTML; only tags break lines.
            self.pieces.append(" ".join(data.split("\n")))

    def _mark(self, tag: str, *, opening: bool) -> None:
        name = tag.rpartition(":")[2]  # XHTML serialised with a namespace prefix
        if name in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping + (1 if opening else -1))
        elif name == "br" and opening:
            self.pieces.append("\n")
        elif name in _BLOCK_TAGS:
            self.pieces.append("\n\n")
