"""kg.ingest: every reader on small fixture files, problems that name their place, stable ids."""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

import kg.ingest
from kg.errors import IngestError
from kg.ingest import SUFFIXES, read_articles
from kg.ingest.jsonl import read_jsonl_lines
from kg.model import Article, Problem, Skipped

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def read(*paths: Path | str, strict: bool = False) -> tuple[list[Article], list[Problem]]:
    items = list(read_articles(paths, strict=strict))
    articles = [item for item in items if isinstance(item, Article)]
    problems = [item for item in items if isinstance(item, Problem)]
    return articles, problems


def read_one(path: Path) -> Article:
    articles, problems = read(path)
    assert problems == []
    assert len(articles) == 1
    return articles[0]


def only_problem(path: Path) -> Problem:
    articles, problems = read(path)
    assert articles == []
    assert len(problems) == 1
    return problems[0]


def by_origin(articles: list[Article]) -> dict[str, Article]:
    return {article.origin or "": article for article in articles}


def sha16(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


def test_public_api_is_the_reader_and_its_suffixes() -> None:
    assert sorted(kg.ingest.__all__) == ["SUFFIXES", "read_articles"]
    assert set(SUFFIXES) == {
        ".txt",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".jsonl",
        ".rss",
        ".atom",
        ".xml",
    }


# --- plain text and Markdown -------------------------------------------------------------------


def test_plain_text_file_is_one_untitled_article_with_the_file_text() -> None:
    path = FIXTURES / "plain.txt"
    article = read_one(path)
    text = path.read_text(encoding="utf-8")
    assert article.text == text
    assert article.title is None
    assert article.origin == str(path)
    assert article.id == sha16(text)


def test_markdown_title_is_the_first_level_one_heading() -> None:
    assert read_one(FIXTURES / "heading.md").title == "Rapidus and IBM deepen 2nm partnership"


@pytest.mark.parametrize(
    "markup",
    [
        "# Rapidus",
        "**Rapidus**",
        "](https://",
        "![the fab]",
        "```",
        "- Rapidus",
        "> Tokyo",
        "[ibm]:",
    ],
)
def test_markdown_markup_is_removed(markup: str) -> None:
    assert markup not in read_one(FIXTURES / "heading.md").text


@pytest.mark.parametrize(
    "kept",
    [
        "Rapidus and IBM deepen 2nm partnership\n\nJapan's Rapidus will work with IBM",
        "Its chip_design team is based in Albany.",
        "\n\nBackground\n\n",
        "Rapidus was founded in 2022.\nTokyo has pledged subsidies.",
        'code_stays = "**as is**"',
        "See rapidus_plan and the fab for details.",
    ],
)
def test_markdown_keeps_readable_text_code_and_paragraphs(kept: str) -> None:
    assert kept in read_one(FIXTURES / "heading.md").text


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("## Sub *head*", "Sub head"),
        ("[the report](https://example.org/r?a=1)", "the report"),
        ("[the report][ref]", "the report"),
        ("![a chip fab](fab.png)", "a chip fab"),
        ("<https://example.org>", "https://example.org"),
        ("`a*b*` and *c*", "a*b* and c"),
        ("snake_case_name and _emphasis_", "snake_case_name and emphasis"),
        (r"\*literal\* stars", "*literal* stars"),
        ("***both*** and ~~struck~~ and __strong__", "both and struck and strong"),
        ("> > - nested item", "nested item"),
        ("1. numbered items keep their number", "1. numbered items keep their number"),
        ("~~~\n# not a heading *inside* code\n~~~", "# not a heading *inside* code"),
    ],
)
def test_markdown_inline_and_block_markup_reduce_to_text(
    tmp_path: Path, markdown: str, text: str
) -> None:
    path = tmp_path / "note.md"
    path.write_text(f"{markdown}\n\nJapan subsidises Micron.\n", encoding="utf-8")
    assert read_one(path).text.startswith(f"{text}\n\n")


def test_markdown_without_level_one_heading_has_no_title(tmp_path: Path) -> None:
    path = tmp_path / "note.markdown"
    path.write_text("## Level two\n\nJapan subsidises Micron.\n", encoding="utf-8")
    assert read_one(path).title is None


def test_markdown_of_only_markup_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "rule.md"
    path.write_text("---\n\n[ref]: https://example.org\n", encoding="utf-8")
    assert "no text" in only_problem(path).message


# --- HTML --------------------------------------------------------------------------------------

ARTICLE_PARAGRAPHS = [
    "Japan to subsidise Micron plant",
    "Japan will subsidise Micron Technology's new memory plant in Hiroshima, the trade ministry "
    "said on Tuesday, as Tokyo and Washington deepen cooperation on semiconductors.",
    "The subsidy of up to 192 billion yen follows an agreement between the two governments to "
    "secure supply chains for advanced chips and to reduce reliance on imports from China.",
    "Micron said the plant would start producing extreme ultraviolet memory chips in 2026 and "
    "would supply customers in the United States and Europe.",
]


def test_html_page_keeps_the_article_as_blank_line_separated_paragraphs() -> None:
    assert read_one(FIXTURES / "page.html").text.split("\n\n") == ARTICLE_PARAGRAPHS


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Subscribe today",
        "Accept all cookies",
        "Related stories",
        "Stocks rally",
        "Privacy policy",
        "All rights reserved",
        "Home",
    ],
)
def test_html_page_loses_navigation_asides_and_footer(boilerplate: str) -> None:
    assert boilerplate not in read_one(FIXTURES / "page.html").text


def test_html_metadata_gives_title_date_url_and_source() -> None:
    article = read_one(FIXTURES / "page.html")
    assert (article.title, article.date, article.url, article.source) == (
        "Japan to subsidise Micron plant",
        "2024-03-05",
        "https://news.example.com/business/japan-micron-subsidy",
        "Example News",
    )


def test_malformed_html_still_yields_its_text(tmp_path: Path) -> None:
    path = tmp_path / "broken.htm"
    path.write_text(
        "<html><body><div><p>Japan subsidises Micron's plant in Hiroshima <b>with 192 billion"
        " yen<p>Tokyo and Washington agreed to secure chip supply chains</div></span></body>",
        encoding="utf-8",
    )
    text = read_one(path).text
    assert "Japan subsidises Micron's plant in Hiroshima with 192 billion yen" in text
    assert "Tokyo and Washington agreed to secure chip supply chains" in text


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Gallery</title></head><body><img src='fab.png'></body></html>",
        "<html><body><script>track('Japan subsidises Micron');</script><!-- ad --></body></html>",
    ],
)
def test_html_page_without_main_text_is_a_problem(tmp_path: Path, page: str) -> None:
    path = tmp_path / "empty.html"
    path.write_text(page, encoding="utf-8")
    problem = only_problem(path)
    assert (problem.where, problem.message) == (str(path), "no main text found in the HTML page")


# --- JSON Lines --------------------------------------------------------------------------------

JSONL = FIXTURES / "articles.jsonl"


def test_jsonl_good_lines_come_through_with_their_line_as_origin() -> None:
    articles, _ = read(JSONL)
    assert [(a.origin, a.id) for a in articles] == [
        (f"{JSONL}:1", "a1"),
        (f"{JSONL}:2", "42"),
        (f"{JSONL}:4", sha16("TSMC supplies chips to Apple.")),
        (f"{JSONL}:13", "a12"),
    ]


def test_jsonl_fields_become_article_metadata_and_others_are_ignored() -> None:
    first, second, *_ = read(JSONL)[0]
    assert first == Article(
        id="a1",
        text="Japan subsidises Micron's plant in Hiroshima.",
        title="Subsidy",
        date="2024-03-05",
        url="https://example.com/a1",
        source="Example News",
        origin=f"{JSONL}:1",
    )
    assert (second.date, second.title) == ("March 2024", None)


def test_jsonl_publisher_names_who_published_and_an_address_as_source_is_the_url() -> None:
    """Datasets often give ``source`` as the page's address and ``publisher`` as the name
    ("we" in a press release is its publisher)."""
    lines = [
        '{"id": "p", "text": "We fund Micron.", "source": "https://x.gov/r", "publisher": "DOE"}',
        '{"id": "q", "text": "Japan aids Micron.", "source": "https://x.gov/q"}',
        '{"id": "r", "text": "Japan aids Micron.", "source": "Nikkei", "url": "https://n.jp/r"}',
    ]
    p, q, r = list(read_jsonl_lines(lines, "x.jsonl"))
    assert (p.source, p.url) == ("DOE", "https://x.gov/r")
    assert (q.source, q.url) == (None, "https://x.gov/q")
    assert (r.source, r.url) == ("Nikkei", "https://n.jp/r")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (5, "invalid JSON"),
        (6, "expected a JSON object, got an array"),
        (7, "missing 'text'"),
        (8, "'text' is empty"),
        (9, "'text' must be a string, got a number"),
        (10, "'date' must be a string or null, got a number"),
        (11, "'id' must be a non-empty string or an integer, got a boolean"),
        (12, f"duplicate id 'a1' (first read at {JSONL}:1)"),
    ],
)
def test_jsonl_bad_line_is_a_problem_naming_file_and_line(line: int, message: str) -> None:
    problems = {problem.where: problem.message for problem in read(JSONL)[1]}
    assert message in problems[f"{JSONL}:{line}"]


def test_jsonl_blank_lines_are_skipped_silently() -> None:
    wheres = [problem.where for problem in read(JSONL)[1]]
    assert f"{JSONL}:3" not in wheres
    assert len(wheres) == 8


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T23:30:00-05:00", "2024-03-05"),
        ("2024-03-05 09:30", "2024-03-05"),
        ("Tue, 05 Mar 2024 09:30:00 +0900", "2024-03-05"),
        ("2024-13-45", "2024-13-45"),
        ("early March", "early March"),
        ("", None),
        (None, None),
    ],
)
def test_dates_become_iso_days_and_unparsable_ones_are_kept(
    tmp_path: Path, date: str | None, expected: str | None
) -> None:
    path = tmp_path / "dated.jsonl"
    path.write_text(
        json.dumps({"text": "Japan subsidises Micron.", "date": date}), encoding="utf-8"
    )
    assert read_one(path).date == expected


def test_duplicate_ids_across_files_name_the_first_place(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": 1, "text": "Japan aids Micron."}\n', encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('\n{"id": "1", "text": "Other."}\n', encoding="utf-8")
    articles, problems = read(tmp_path)
    assert [a.origin for a in articles] == [f"{tmp_path / 'a.jsonl'}:1"]
    assert problems == [
        Problem(
            f"{tmp_path / 'b.jsonl'}:2",
            f"duplicate id '1' (first read at {tmp_path / 'a.jsonl'}:1); skipped",
        )
    ]


# --- feeds -------------------------------------------------------------------------------------

RSS = FIXTURES / "chips.rss"
ATOM = FIXTURES / "chips.atom"


def test_rss_items_are_articles_with_item_metadata_and_channel_source() -> None:
    items = by_origin(read(RSS)[0])
    assert items[f"{RSS}#1"] == Article(
        id=sha16(
            "Japan will subsidise Micron Technology's plant in Hiroshima.\n\n"
            "The subsidy is worth up to 192 billion yen."
        ),
        text="Japan will subsidise Micron Technology's plant in Hiroshima.\n\n"
        "The subsidy is worth up to 192 billion yen.",
        title="Japan backs Micron plant",
        date="2024-03-05",
        url="https://chipwire.example.org/micron-hiroshima",
        source="Chip Wire",
        origin=f"{RSS}#1",
    )


def test_rss_escaped_html_description_and_dc_date_are_read() -> None:
    item = by_origin(read(RSS)[0])[f"{RSS}#2"]
    assert item.text == "The Netherlands restricts exports of ASML machines to China & Russia."
    assert (item.title, item.date) == ("Dutch curb ASML exports", "2023-09-01")


def test_rss_item_without_text_is_a_problem_and_the_rest_goes_on() -> None:
    articles, problems = read(RSS)
    assert [p.where for p in problems] == [f"{RSS}#3"]
    assert "no text" in problems[0].message
    assert [a.origin for a in articles] == [f"{RSS}#1", f"{RSS}#2", f"{RSS}#4"]
    assert articles[-1].date == "sometime in spring"


@pytest.mark.parametrize(
    ("number", "text", "title", "date", "url"),
    [
        (
            1,
            "Rapidus partners with IBM on 2nm chips.\n\nProduction starts in 2027.",
            "Rapidus & IBM extend partnership",
            "2024-03-04",
            "https://monitor.example.net/rapidus-ibm",
        ),
        (
            2,
            "South Korea subsidises Samsung.\n\nThe aid covers new fabs.",
            "Korea subsidises Samsung",
            "2024-02-28",
            "https://monitor.example.net/samsung",
        ),
        (3, "Intel supplies processors to Dell.", "Plain summary", "not a date", None),
    ],
)
def test_atom_entries_read_html_xhtml_and_summary_content(
    number: int, text: str, title: str, date: str, url: str | None
) -> None:
    entry = by_origin(read(ATOM)[0])[f"{ATOM}#{number}"]
    assert (entry.text, entry.title, entry.date, entry.url) == (text, title, date, url)
    assert entry.source == "Supply Chain Monitor"


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><title>&lol2;</title><item><description>x</description></item>
</channel></rss>"""


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("urls.xml", (FIXTURES / "sitemap.xml").read_text(), "not an RSS 2.0 or Atom feed"),
        ("cut.rss", "<rss><channel><item>", "not well-formed XML"),
        ("laughs.xml", BILLION_LAUGHS, "document type declaration"),
        (
            "none.atom",
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>',
            "no items",
        ),
        (
            "page.xml",
            "<html><body><p>Japan aids Micron.</p></body></html>",
            "root element is <html>",
        ),
    ],
)
def test_xml_that_is_no_readable_feed_is_a_problem(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    problem = only_problem(path)
    assert problem.where == str(path)
    assert message in problem.message


# --- folders and paths -------------------------------------------------------------------------

MIXED = FIXTURES / "mixed"


def test_folder_is_read_recursively_in_sorted_order_skipping_hidden_and_other_files() -> None:
    articles, problems = read(MIXED)
    assert problems == []
    assert [a.origin for a in articles] == [
        str(MIXED / "a-apple.txt"),
        str(MIXED / "b-intel.md"),
        f"{MIXED / 'c-gallium.jsonl'}:1",
        str(MIXED / "wire" / "d-samsung.txt"),
        str(MIXED / "wire" / "e-nvidia.TXT"),
    ]


@pytest.fixture
def news(tmp_path: Path) -> Path:
    """A folder as a user keeps it: news, a gold file, drafts, a year of older news."""
    folder = tmp_path / "news"
    for name in ["a.txt", "b.draft.txt", "c.gold.jsonl", "drafts/d.txt", "2023/e.jsonl"]:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        text = f"Japan subsidises Micron, says {name}."
        record = json.dumps({"id": name, "text": text, "triples": []})
        (folder / name).write_text(record if name.endswith(".jsonl") else text, "utf-8")
    return folder


def test_folders_skip_gold_files_and_say_so(news: Path) -> None:
    skipped: list[Skipped] = []
    items = list(read_articles([news], on_skip=skipped.append))
    assert [item.origin for item in items] == [
        f"{news / '2023' / 'e.jsonl'}:1",
        str(news / "a.txt"),
        str(news / "b.draft.txt"),
        str(news / "drafts" / "d.txt"),
    ]
    assert skipped == [Skipped(str(news / "c.gold.jsonl"), "gold file")]


def test_excluded_files_and_folders_are_left_out_and_said_so(news: Path) -> None:
    skipped: list[Skipped] = []
    exclude = ["*.draft.txt", "drafts", "2023/*.jsonl"]
    items = list(read_articles([news], exclude=exclude, on_skip=skipped.append))
    assert [item.origin for item in items] == [str(news / "a.txt")]
    assert skipped == [
        Skipped(str(news / "2023" / "e.jsonl"), "excluded"),
        Skipped(str(news / "b.draft.txt"), "excluded"),
        Skipped(str(news / "c.gold.jsonl"), "gold file"),
        Skipped(str(news / "drafts"), "excluded"),
    ]


def test_patterns_match_below_the_folder_named_not_in_its_own_path(news: Path) -> None:
    """The folder named, and where it is (here in pytest's temporary folder), are the user's
    choice: a pattern that matches them leaves out nothing."""
    assert len(list(read_articles([news], exclude=[f"{news.parent.name}/*", "news"]))) == 4


def test_files_named_are_left_out_by_their_name(news: Path) -> None:
    named = [news / "a.txt", news / "b.draft.txt"]
    assert [item.origin for item in read_articles(named, exclude=["*.draft.txt", "news"])] == [
        str(news / "a.txt")
    ]


def test_a_gold_file_named_is_read_unless_excluded(news: Path) -> None:
    gold = news / "c.gold.jsonl"
    assert [item.id for item in read_articles([gold])] == ["c.gold.jsonl"]  # type: ignore[union-attr]
    skipped: list[Skipped] = []
    assert list(read_articles([gold], exclude=["*.gold.jsonl"], on_skip=skipped.append)) == []
    assert skipped == [Skipped(str(gold), "excluded")]


def test_an_empty_pattern_is_an_error_not_a_silent_no_op(news: Path) -> None:
    with pytest.raises(IngestError, match="empty pattern"):
        list(read_articles([news], exclude=[""]))


def test_named_file_with_unknown_suffix_is_a_problem() -> None:
    problem = only_problem(MIXED / "notes.csv")
    assert problem.message.startswith("unsupported file type '.csv'")


def test_missing_path_is_a_problem_and_the_batch_goes_on(tmp_path: Path) -> None:
    missing = tmp_path / "missing.jsonl"
    articles, problems = read(missing, FIXTURES / "plain.txt")
    assert problems == [Problem(str(missing), "no such file or directory")]
    assert [a.origin for a in articles] == [str(FIXTURES / "plain.txt")]


def test_single_path_may_be_given_instead_of_a_list() -> None:
    assert list(read_articles(str(FIXTURES / "plain.txt"))) == list(
        read_articles([FIXTURES / "plain.txt"])
    )


# --- encodings ---------------------------------------------------------------------------------

TEXT = "Zölle auf Stahl: 5 € für Thyssenkrupp, “sagt” die Ministerin"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), TEXT),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), TEXT),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), TEXT),
        (TEXT.encode("cp1252"), TEXT),
        ("Japan aids Micron.".encode("latin-1") + b"\xe9", "Japan aids Micron.é"),
        (b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "cp1252", "latin-1", "newlines"],
)
def test_text_is_decoded_and_newlines_normalised(
    tmp_path: Path, data: bytes, expected: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    assert read_one(path).text == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "binary file"),
        (bytes(range(1, 32)) * 4 + b"Japan aids Micron.", "binary file"),
        (b"Japan aids \x81\x8d Micron.", "binary file"),
        (b"", "empty file"),
        (b" \n\t\r\n ", "empty file"),
    ],
    ids=["nul-bytes", "control-characters", "undecodable", "empty", "whitespace"],
)
def test_binary_and_empty_files_are_problems(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "article.jsonl"
    path.write_bytes(data)
    problem = only_problem(path)
    assert (problem.where, problem.message.split(" (")[0]) == (str(path), message)


def test_jsonl_is_read_line_by_line_as_it_comes(tmp_path: Path) -> None:
    # A named pipe: the first article must arrive while the writer still holds the rest back,
    # so a JSON Lines archive of any size is never held whole.
    pipe = tmp_path / "news.jsonl"
    os.mkfifo(pipe)
    second_line_allowed = threading.Event()

    def write() -> None:
        with pipe.open("w", encoding="utf-8") as out:
            out.write(json.dumps({"id": "a", "text": "Japan aids Micron."}) + "\n")
            out.flush()
            second_line_allowed.wait(timeout=10)
            out.write(json.dumps({"id": "b", "text": "Rapidus works with IBM."}) + "\n")

    writer = threading.Thread(target=write)
    writer.start()
    items = read_articles(pipe)
    first = next(items)
    second_line_allowed.set()
    rest = list(items)
    writer.join()
    assert (first.id, [a.id for a in rest]) == ("a", ["b"])


def test_jsonl_lines_in_mixed_encodings_and_newlines_keep_their_numbers(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    lines = [
        codecs.BOM_UTF8 + b'{"id": "a", "text": "Z\xc3\xb6lle"}\r\n',  # UTF-8, BOM, CRLF
        b'{"id": "b", "text": "f\xfcr"}\r',  # latin-1, a lone CR
        b"not json\n",
        b'{"id": "c", "text": "\xe2\x82\xac 5"}',  # no newline at the end
    ]
    path.write_bytes(b"".join(lines))
    items = list(read_articles(path))
    articles = [(i.id, i.text, i.origin) for i in items if isinstance(i, Article)]
    assert articles == [
        ("a", "Zölle", f"{path}:1"),
        ("b", "für", f"{path}:2"),
        ("c", "€ 5", f"{path}:4"),
    ]
    assert [p.where for p in items if isinstance(p, Problem)] == [f"{path}:3"]


# --- ids ---------------------------------------------------------------------------------------


def test_ids_are_stable_across_reads() -> None:
    first, _ = read(FIXTURES)
    second, _ = read(FIXTURES)
    assert [a.id for a in first] == [a.id for a in second]


def test_same_text_gets_same_id_in_any_folder_file_or_format(tmp_path: Path) -> None:
    original = read_one(FIXTURES / "plain.txt")
    for copy in (tmp_path / "one" / "copy.txt", tmp_path / "two" / "deeper" / "other.txt"):
        copy.parent.mkdir(parents=True)
        shutil.copy(FIXTURES / "plain.txt", copy)
        assert read_one(copy).id == original.id
    record = tmp_path / "same.jsonl"
    crlf_text = original.text.replace("\n", "\r\n")
    record.write_text(json.dumps({"text": crlf_text}), encoding="utf-8")
    assert read_one(record).id == original.id


def test_copies_read_in_one_batch_are_duplicates(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        shutil.copy(FIXTURES / "plain.txt", tmp_path / folder / "news.txt")
    articles, problems = read(tmp_path)
    assert [a.origin for a in articles] == [str(tmp_path / "one" / "news.txt")]
    assert [p.where for p in problems] == [str(tmp_path / "two" / "news.txt")]
    assert f"first read at {tmp_path / 'one' / 'news.txt'}" in problems[0].message


def test_texts_differing_in_one_character_get_different_ids(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Japan aids Micron.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Japan aids Micron!", encoding="utf-8")
    articles, problems = read(tmp_path)
    assert problems == []
    assert articles[0].id != articles[1].id


# --- strict mode -------------------------------------------------------------------------------


def test_strict_mode_raises_the_first_problem_after_the_good_items_before_it() -> None:
    first_problem = read(JSONL)[1][0]
    seen: list[Article | Problem] = []
    with pytest.raises(IngestError, match=f"^{re.escape(str(first_problem))}$"):
        for item in read_articles([JSONL], strict=True):
            seen.append(item)
    assert [a.origin for a in seen] == [f"{JSONL}:1", f"{JSONL}:2", f"{JSONL}:4"]


def test_strict_mode_reads_a_clean_batch_like_the_default() -> None:
    assert read(MIXED, strict=True) == read(MIXED)
