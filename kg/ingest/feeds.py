"""RSS 2.0 and Atom feeds: one article per item or entry, at ``path#N`` (N counts from 1).

The XML is parsed with the standard library, which neither fetches external entities nor (with
expat >= 2.4.1) lets internal ones blow up; on top of that a document type declaration, which
no feed needs and which is where entities are declared, is refused outright.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from typing import NamedTuple

from kg.errors import IngestError
from kg.ingest.article import make_article
from kg.ingest.html import html_to_text
from kg.model import Article, Problem

_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"


class _Item(NamedTuple):
    text: str
    title: str | None
    date: str | None
    url: str | None


def read_feed(text: str, where: str) -> Iterator[Article | Problem]:
    """The articles of an RSS 2.0 or Atom feed; an item without text is a problem.

    Text comes from the item's content (else its description or summary) reduced from HTML,
    the channel's or feed's title becomes each article's ``source``.
    Raises :class:`~kg.errors.IngestError` when ``text`` is not a feed.

    >>> rss = '''<rss version="2.0"><channel><title>Chip Wire</title>
    ... <item><title>Aid</title><description>&lt;p&gt;Japan aids Micron.&lt;/p&gt;</description>
    ... <pubDate>Tue, 05 Mar 2024 09:30:00 +0900</pubDate></item></channel></rss>'''
    >>> [(a.text, a.date, a.source, a.origin) for a in read_feed(rss, "chips.rss")]
    [('Japan aids Micron.', '2024-03-05', 'Chip Wire', 'chips.rss#1')]
    """
    source, elements, read_item = _parse_feed(_parse_xml(text))
    if not elements:
        raise IngestError("the feed has no items")
    for number, element in enumerate(elements, start=1):
        here = f"{where}#{number}"
        try:
            yield _article(read_item(element), here, source)
        except IngestError as err:  # one bad item: the others are still read
            yield Problem(here, str(err))
        # Whatever else one item raises (a parser's error on junk) is that item's problem too.
        except Exception as err:
            detail = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
            yield Problem(here, f"cannot read the item ({detail[:200]})")


def _article(item: _Item, here: str, source: str | None) -> Article:
    if not item.text.strip():
        raise IngestError("feed item has no text (no content, description or summary)")
    return make_article(
        item.text, here, title=item.title, date=item.date, url=item.url, source=source
    )


def _parse_feed(
    root: ET.Element,
) -> tuple[str | None, list[ET.Element], Callable[[ET.Element], _Item]]:
    """The feed's title, its item elements and how to read one; an error for no RSS or Atom."""
    if root.tag == "rss" and (channel := root.find("channel")) is not None:
        return _one_line(channel.findtext("title")), channel.findall("item"), _rss_item
    if root.tag == f"{_ATOM}feed":
        title = _one_line(_atom_text(root.find(f"{_ATOM}title")))
        return title, root.findall(f"{_ATOM}entry"), _atom_entry
    raise IngestError(f"not an RSS 2.0 or Atom feed (its root element is <{root.tag}>)")


def _rss_item(item: ET.Element) -> _Item:
    # content:encoded carries the full article where description is often a teaser.
    markup = item.findtext(_CONTENT_ENCODED) or item.findtext("description") or ""
    return _Item(
        text=html_to_text(markup),
        title=_one_line(item.findtext("title")),
        date=item.findtext("pubDate") or item.findtext(_DC_DATE),
        url=item.findtext("link"),
    )


def _atom_entry(entry: ET.Element) -> _Item:
    content = entry.find(f"{_ATOM}content")
    if content is None or content.get("src"):  # out-of-line content is not in the feed
        content = entry.find(f"{_ATOM}summary")
    return _Item(
        text=_atom_text(content) or "",
        title=_one_line(_atom_text(entry.find(f"{_ATOM}title"))),
        date=entry.findtext(f"{_ATOM}published") or entry.findtext(f"{_ATOM}updated"),
        url=_atom_link(entry),
    )


def _atom_link(entry: ET.Element) -> str | None:
    for link in entry.findall(f"{_ATOM}link"):
        if link.get("rel", "alternate") == "alternate":
            return link.get("href")
    return None


def _atom_text(element: ET.Element | None) -> str | None:
    """The text of an Atom text construct, whose ``type`` is text, html or xhtml."""
    if element is None:
        return None
    kind = element.get("type", "text")
    if kind == "html":
        return html_to_text(element.text or "")
    if kind == "xhtml":
        try:
            markup = "".join(ET.tostring(child, encoding="unicode") for child in element)
        except RecursionError as err:  # ElementTree writes nested elements recursively
            raise IngestError("XHTML content nested too deeply") from err
        return html_to_text(markup)
    return (element.text or "").strip()


def _one_line(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def _parse_xml(text: str) -> ET.Element:
    parser = ET.XMLParser(target=_NoDoctypeTreeBuilder())
    try:
        parser.feed(text)
        return parser.close()
    except ET.ParseError as err:
        raise IngestError(f"not well-formed XML: {err}") from err


class _NoDoctypeTreeBuilder(ET.TreeBuilder):
    """Builds the element tree, refusing a document type declaration before it is read."""

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise IngestError("XML with a document type declaration is not read (entities are unsafe)")
