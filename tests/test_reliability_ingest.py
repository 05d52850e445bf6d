# ruff: noqa: RUF001  (the paragraphs in other languages are meant to hold their own letters)
"""Bad input never stops a batch: each bad item is a problem naming its file (and line), the
rest is read. Encodings, junk markup, parser failures, huge files, other languages."""

from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import IngestError
from kg.ingest import SUFFIXES, read_articles
from kg.ingest.files import MAX_ARTICLE_CHARS, MAX_FILE_BYTES
from kg.model import Article, Problem, Skipped

ENGLISH = (
    "Japan will subsidise Micron Technology's new memory plant in Hiroshima, the trade ministry "
    "said on Tuesday, as Tokyo and Washington deepen cooperation on semiconductors."
)


def read(*paths: Path) -> tuple[list[Article], list[Problem]]:
    items = list(read_articles(paths))
    return (
        [item for item in items if isinstance(item, Article)],
        [item for item in items if isinstance(item, Problem)],
    )


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
    path.write_bytes(content)
    return path


# -- encodings ----------------------------------------------------------------------------------

FIRST = "Zölle für Thyssenkrupp – “so” die Ministerin.\n"
SECOND = "Café crème for Société Générale, «€5». " + ENGLISH
TEXT = FIRST + SECOND
BOM = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(BOM["utf-16-le"] + TEXT.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(BOM["utf-16-be"] + TEXT.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(TEXT.encode("utf-16-le"), id="utf-16-le-without-bom"),
        pytest.param(TEXT.encode("utf-16-be"), id="utf-16-be-without-bom"),
        pytest.param(TEXT.encode("cp1252"), id="cp1252"),
        # a scraped archive pasted together: one line UTF-8, the next cp1252, or the other way
        pytest.param(FIRST.encode("utf-8") + SECOND.encode("cp1252"), id="mixed-utf-8-cp1252"),
        pytest.param(FIRST.encode("cp1252") + SECOND.encode("utf-8"), id="mixed-cp1252-utf-8"),
    ],
)
def test_every_encoding_is_read_without_mojibake(tmp_path: Path, data: bytes) -> None:
    (article,), problems = read(write(tmp_path / "news.txt", data))
    assert problems == []
    assert article.text == TEXT


def test_mixed_encodings_inside_json_lines_are_each_read_right(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "utf8", "text": "Zölle on steel"}, ensure_ascii=False).encode(),
        json.dumps({"id": "latin1", "text": "Café crème"}, ensure_ascii=False).encode("latin-1"),
    ]
    articles, problems = read(write(tmp_path / "feed.jsonl", b"\n".join(lines)))
    assert problems == []
    assert {a.id: a.text for a in articles} == {"utf8": "Zölle on steel", "latin1": "Café crème"}


# -- one bad item of each kind, in one batch ------------------------------------------------------

DEEP_XHTML = (
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
    '<entry><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
    + "<b>" * 5000
    + "Japan aids Micron."
    + "</b>" * 5000
    + f"</div></content></entry><entry><summary>{ENGLISH}</summary></entry></feed>"
)
GOOD_LINE = json.dumps({"id": "good", "text": ENGLISH})
JSON_LINES = "\n".join(
    [
        GOOD_LINE,
        '{"id": "cut", "text": "Japan subsidises',
        '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}",
        json.dumps({"id": "good", "text": "Same id again."}),
        '{"id": "emoji", "text": "Japan subsidises Micron \\ud83d"}',  # half an emoji
    ]
)


def bad_batch(folder: Path) -> dict[str, str]:
    """A folder holding one bad item of each kind next to good ones; where -> expected message."""
    (folder / "sub").mkdir()
    write(folder / "empty.txt", b"")
    write(folder / "blank.md", b"  \n\t\n")
    write(folder / "image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write(folder / "junk.html", "<math>html")  # trafilatura fails an assertion on it
    write(folder / "deep.atom", DEEP_XHTML)
    write(folder / "news.jsonl", JSON_LINES)
    write(folder / "huge.txt", ENGLISH * (MAX_ARTICLE_CHARS // len(ENGLISH) + 1))
    write(folder / "sub" / "german.txt", GERMAN)
    write(folder / "sub" / "good.txt", ENGLISH + " Rapidus works with IBM.")
    jsonl = folder / "news.jsonl"
    return {
        str(folder / "blank.md"): "empty file",
        f"{folder / 'deep.atom'}#1": "XHTML content nested too deeply",
        str(folder / "empty.txt"): "empty file",
        str(folder / "huge.txt"): "article too long (1,000,",
        str(folder / "image.html"): "binary file",
        str(folder / "junk.html"): "cannot read the file (AssertionError)",
        f"{jsonl}:2": "invalid JSON: Unterminated string",
        f"{jsonl}:3": "invalid JSON: nested too deeply",
        f"{jsonl}:4": f"duplicate id 'good' (first read at {jsonl}:1)",
        str(folder / "sub" / "german.txt"): "not English (looks like German",
    }


def test_each_bad_item_is_a_problem_at_its_place_and_the_rest_is_read(tmp_path: Path) -> None:
    expected = bad_batch(tmp_path)
    articles, problems = read(tmp_path)
    assert sorted(p.where for p in problems) == sorted(expected)
    for problem in problems:
        assert problem.message.startswith(expected[problem.where]), problem
    jsonl = tmp_path / "news.jsonl"
    assert sorted(a.origin or "" for a in articles) == sorted(
        [
            f"{tmp_path / 'deep.atom'}#2",
            f"{jsonl}:1",
            f"{jsonl}:5",
            str(tmp_path / "sub" / "good.txt"),
        ]
    )


def test_half_an_emoji_becomes_a_replacement_character_that_can_be_written(
    tmp_path: Path,
) -> None:
    bad_batch(tmp_path)
    (emoji,) = [a for a in read(tmp_path / "news.jsonl")[0] if a.id == "emoji"]
    assert emoji.text == "Japan subsidises Micron \ufffd"
    emoji.text.encode("utf-8")  # a lone surrogate would raise here, and in every writer


def test_strict_mode_stops_at_the_first_bad_item(tmp_path: Path) -> None:
    bad_batch(tmp_path)
    first = next(item for item in read_articles([tmp_path]) if isinstance(item, Problem))
    with pytest.raises(IngestError, match="empty file") as stopped:
        list(read_articles([tmp_path], strict=True))
    assert str(stopped.value) == str(first)


# -- languages ---------------------------------------------------------------------------------

GERMAN = (
    "Die Bundesregierung will den Bau einer neuen Chipfabrik von Intel in Magdeburg mit fast "
    "zehn Milliarden Euro fördern. Das kündigte Bundeskanzler Olaf Scholz am Montag in Berlin "
    "an. Die Subventionen sollen die Abhängigkeit Europas von Halbleitern aus Asien verringern, "
    "sagte der Kanzler. Kritiker halten die Summe für zu hoch."
)
NOT_ENGLISH = {
    "German": GERMAN,
    "French": (
        "Le gouvernement français a annoncé mardi une aide de 2,9 milliards d'euros pour la "
        "construction d'une usine de semi-conducteurs à Crolles, près de Grenoble. Le projet, "
        "porté par STMicroelectronics et GlobalFoundries, doit réduire la dépendance de "
        "l'Europe vis-à-vis des fabricants asiatiques. Selon le ministre de l'Économie, cette "
        "usine créera plus de mille emplois d'ici à 2027."
    ),
    "Spanish": (
        "El Gobierno de España aprobó el martes un plan de 12.000 millones de euros para "
        "impulsar la fabricación de chips en el país. La medida forma parte del programa "
        "europeo para reducir la dependencia de los proveedores asiáticos, según explicó la "
        "ministra de Economía."
    ),
    "Chinese": (
        "中国商务部周一宣布，自八月一日起对镓和锗相关物项实施出口管制。分析人士认为，这一措施是对"
        "美国及其盟友限制向中国出口先进芯片制造设备的回应。镓和锗广泛用于半导体、通信设备和太阳能"
        "电池板的生产。"
    ),
    "Russian": (
        "Правительство России объявило о запрете экспорта инертных газов, включая неон, до "
        "конца года. Неон используется в производстве полупроводников, и аналитики опасаются, "
        "что ограничения ударят по мировым поставкам микросхем."
    ),
    "Japanese": (
        "経済産業省は、北海道に次世代半導体の工場を建設するラピダスに対し、最大五千九百億円を追加で"
        "支援すると発表した。ラピダスは米IBMと提携し、二〇二七年に最先端の二ナノ品の量産開始を目指"
        "している。"
    ),
}
STILL_ENGLISH = {
    "short": "Japan subsidises Micron.",
    "short-with-german-words": "Zölle auf Stahl: 5 € für Thyssenkrupp, sagt die Ministerin",
    "news": ENGLISH,
    "tickers": (
        "TSMC (2330.TW) +1.8%, Samsung Electronics (005930.KS) -0.6%, SK Hynix (000660.KS) "
        "+2.4%, Micron Technology (MU) +0.9%, Intel (INTC) -1.2%, ASML (ASML.AS) +0.3%, Tokyo "
        "Electron (8035.T) +1.1%, Applied Materials (AMAT) +0.7%, Lam Research (LRCX) +0.5%, "
        "KLA (KLAC) +0.2%, Infineon (IFX.DE) -0.4%, STMicroelectronics (STM.PA) +0.1%."
    ),
    "list-of-names": (
        "Suppliers named in the filing: Tokyo Electron, Applied Materials, Lam Research, KLA, "
        "ASML, Screen Holdings, Advantest, Teradyne, Kokusai Electric, Lasertec, Disco Corp, "
        "Shin-Etsu Chemical, SUMCO, JSR, Entegris, Air Liquide, Linde, Merck KGaA, BASF."
    ),
    "german-names": (
        "Germany's Federal Ministry for Economic Affairs and Climate Action (Bundesministerium "
        "für Wirtschaft und Klimaschutz) said Infineon would receive up to 1 billion euros for "
        "its Smart Power Fab in Dresden. Robert Habeck, the minister, visited the site with "
        "Saxony's premier Michael Kretschmer, and Infineon chief executive Jochen Hanebeck "
        "said production would start in 2026."
    ),
    "french-quote": (
        '"Nous devons réduire notre dépendance", French finance minister Bruno Le Maire said '
        "on Monday, announcing that the government would back the Crolles plant of "
        "STMicroelectronics and GlobalFoundries with 2.9 billion euros. The European "
        "Commission approved the aid under the Chips Act."
    ),
    "chinese-names": (
        "Huawei (华为) and SMIC (中芯国际) were added to the Entity List by the US Commerce "
        "Department, which restricts exports of American technology to the two companies."
    ),
}


@pytest.mark.parametrize(("language", "text"), NOT_ENGLISH.items(), ids=list(NOT_ENGLISH))
def test_article_clearly_not_in_english_is_a_problem_naming_the_language(
    tmp_path: Path, language: str, text: str
) -> None:
    path = write(tmp_path / "news.jsonl", GOOD_LINE + "\n" + json.dumps({"text": text}))
    articles, problems = read(path)
    assert [a.id for a in articles] == ["good"]
    assert [p.where for p in problems] == [f"{path}:2"]
    assert problems[0].message.startswith(f"not English (looks like {language}")


@pytest.mark.parametrize("text", STILL_ENGLISH.values(), ids=list(STILL_ENGLISH))
def test_english_articles_pass_however_short_or_crowded_with_names(
    tmp_path: Path, text: str
) -> None:
    articles, problems = read(write(tmp_path / "news.txt", text))
    assert problems == [] and [a.text for a in articles] == [text]


# -- length ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("extra", "kept"), [(0, True), (1, False)])
def test_articles_longer_than_the_limit_are_problems(
    tmp_path: Path, extra: int, kept: bool
) -> None:
    text = ((ENGLISH + " ") * (MAX_ARTICLE_CHARS // len(ENGLISH)))[: MAX_ARTICLE_CHARS + extra]
    articles, problems = read(write(tmp_path / "long.md", text))
    assert (len(articles), len(problems)) == ((1, 0) if kept else (0, 1))
    if not kept:
        assert problems[0].message.startswith(f"article too long ({MAX_ARTICLE_CHARS + 1:,} ")


# -- arbitrary bytes ----------------------------------------------------------------------------

TAGS = ["<html>", "<p>", "</p>", "<math>", "<b>", "<script>", "&amp;", "&#xD800;", "<![CDATA["]
TAGS += [
    '<rss version="2.0"><channel><item><description>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
]
TAGS += [
    "<entry>",
    '<content type="xhtml">',
    "</item>",
    '{"text": "',
    '"}',
    "\\ud800",
    "\n",
    ENGLISH,
]
JUNK = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(str.encode),
    st.lists(st.sampled_from(TAGS), max_size=40).map(lambda parts: "".join(parts).encode()),
    st.text(st.characters(codec="utf-8") | st.characters(categories=["Cs"]), max_size=50).map(
        lambda text: (json.dumps({"text": f"{ENGLISH} {text}"}) + "\n").encode()
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(suffix=st.sampled_from(SUFFIXES), data=JUNK)
def test_any_bytes_in_any_file_give_articles_or_problems_never_an_error(
    tmp_path_factory: pytest.TempPathFactory, suffix: str, data: bytes
) -> None:
    path = write(tmp_path_factory.mktemp("junk") / f"input{suffix}", data)
    for item in read_articles([path]):
        assert isinstance(item, Article | Problem)
        if isinstance(item, Article):  # everything read can be written out again
            for value in (item.id, item.text, item.title, item.date, item.url, item.source):
                (value or "").encode("utf-8")
        else:
            assert item.where.startswith(str(path))


# -- 50 MB --------------------------------------------------------------------------------------

PEAK_MEMORY = """
import resource, sys
from kg.ingest import read_articles
from kg.model import Article
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
items = [(type(i).__name__, getattr(i, "message", "")) for i in read_articles([sys.argv[1]])]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(items), sum(kind == "Article" for kind, _ in items), (peak - before) * 1024)
print(items[0][1])
"""
FIFTY_MB = 50 * 1024 * 1024


def _peak_reading(path: Path) -> tuple[int, int, int, str]:
    """Items, articles, and the growth of peak memory (bytes) of reading ``path`` afresh."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK_MEMORY, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    counts, first = done.stdout.splitlines()
    items, articles, growth = map(int, counts.split())
    return items, articles, growth, first


@pytest.mark.slow
def test_fifty_megabyte_text_is_one_clear_problem_in_bounded_memory(tmp_path: Path) -> None:
    paragraph = "Zölle: " + ENGLISH + "\n\n"
    path = write(tmp_path / "dump.txt", (paragraph * (FIFTY_MB // len(paragraph) + 1))[:FIFTY_MB])
    items, articles, growth, message = _peak_reading(path)
    assert (items, articles) == (1, 0)
    assert message.startswith("article too long (5")
    assert growth < 4 * FIFTY_MB, f"{growth / FIFTY_MB:.1f} times the file"


@pytest.mark.slow
def test_fifty_megabytes_of_json_lines_are_read_in_bounded_memory(tmp_path: Path) -> None:
    line = json.dumps({"text": "Zölle: " + ENGLISH * 10}, ensure_ascii=False)
    count = FIFTY_MB // (len(line) + 12)
    lines = (json.dumps({"id": n, "text": f"{n}. Zölle: {ENGLISH * 10}"}) for n in range(count))
    path = write(tmp_path / "week.jsonl", "\n".join(lines))
    assert path.stat().st_size > 0.9 * FIFTY_MB
    items, articles, growth, _ = _peak_reading(path)
    assert items == articles == count
    # Read line by line: a JSON Lines file of any size is never held whole (it was 1.7 times
    # the file when read at once).
    assert growth < path.stat().st_size / 10, f"{growth / 2**20:.0f} MB"


@pytest.mark.slow
def test_fifty_megabyte_text_is_cut_into_pieces_the_parser_takes() -> None:
    from kg.extract.extractor import PIECE_CHARS, pieces

    paragraph = ENGLISH + "\n\n"
    text = (paragraph * (FIFTY_MB // len(paragraph) + 1))[:FIFTY_MB]
    parts = pieces(text)
    assert len(parts) >= FIFTY_MB // PIECE_CHARS
    assert all(len(piece) <= PIECE_CHARS for _, piece in parts)
    assert all(piece[-1].isspace() for _, piece in parts[:-1])  # never inside a word
    assert sum(len(piece) for _, piece in parts) == len(text)


# -- one bad line, one bad item -----------------------------------------------------------------

HUGE_YEAR = "Tue, 05 Mar 99999999999999999999 09:30:00 +0900"


def test_a_huge_integer_id_keeps_its_digits_and_a_bad_line_never_stops_the_file(
    tmp_path: Path,
) -> None:
    digits = "7" * 5000  # Python refuses int("7" * 5000): it ended the file's reading
    lines = [
        json.dumps({"id": 1, "text": ENGLISH}),
        f'{{"id": {digits}, "text": {json.dumps(ENGLISH + " Two.")}}}',
        json.dumps({"id": "huge-year", "text": ENGLISH + " Three.", "date": HUGE_YEAR}),
        json.dumps({"id": "far-year", "text": ENGLISH + " Four.", "date": "5 Mar 99999 10:00"}),
        f'{{"id": "t", "text": {digits}}}',
        json.dumps({"id": -12, "text": ENGLISH + " Six."}),
    ]
    news = write(tmp_path / "news.jsonl", "\n".join(lines) + "\n")
    articles, problems = read(news)
    assert [a.id for a in articles] == ["1", digits, "-12"]
    assert [a.origin for a in articles] == [f"{news}:1", f"{news}:2", f"{news}:6"]
    assert [str(p) for p in problems] == [
        f"{news}:3: date out of range: {HUGE_YEAR!r}",
        f"{news}:4: date out of range: '5 Mar 99999 10:00'",
        f"{news}:5: 'text' must be a string, got a number",
    ]


def test_a_feed_item_with_a_huge_year_is_a_problem_and_the_other_items_are_read(
    tmp_path: Path,
) -> None:
    items = "".join(
        f"<item><title>{n}</title><description>{ENGLISH} {n}.</description>"
        f"<pubDate>{date}</pubDate></item>"
        for n, date in enumerate(["Tue, 05 Mar 2024 09:30:00 +0900", HUGE_YEAR, "2024-03-06"], 1)
    )
    feed = write(tmp_path / "chips.rss", f"<rss><channel>{items}</channel></rss>")
    articles, problems = read(feed)
    assert [(a.origin, a.date) for a in articles] == [
        (f"{feed}#1", "2024-03-05"),
        (f"{feed}#3", "2024-03-06"),
    ]
    assert [str(p) for p in problems] == [f"{feed}#2: date out of range: {HUGE_YEAR!r}"]


# -- folders ------------------------------------------------------------------------------------


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder anyone may enter (pytest's own are the user's alone), for reading as nobody."""
    folder = Path(tempfile.mkdtemp(prefix="kg-folders-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


@contextmanager
def as_nobody() -> Iterator[None]:
    """Read as an unprivileged user: root reads every file whatever its permissions say."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def test_unreadable_folders_and_files_are_problems_and_the_rest_is_read(
    shared_folder: Path,
) -> None:
    news = shared_folder / "news"
    write((news / "locked").mkdir(parents=True) or news / "locked" / "b.txt", ENGLISH)
    (news / "locked").chmod(0)
    write(news / "a.txt", ENGLISH)
    secret = write(shared_folder / "secret.jsonl", json.dumps({"text": ENGLISH}))
    secret.chmod(0)
    with as_nobody():
        articles, problems = read(news, secret, shared_folder / "gone.txt")
    assert [a.origin for a in articles] == [str(news / "a.txt")]
    assert [str(p) for p in problems] == [
        f"{news / 'locked'}: cannot read the folder: Permission denied",
        f"{secret}: cannot read the file: Permission denied",
        f"{shared_folder / 'gone.txt'}: no such file or directory",
    ]


@pytest.mark.timeout(120)  # a FIFO once made the read wait forever
def test_pipes_devices_and_huge_files_are_problems_found_without_reading_them(
    tmp_path: Path,
) -> None:
    news = tmp_path / "news"
    news.mkdir()
    os.mkfifo(news / "pipe.txt")
    (news / "zero.txt").symlink_to("/dev/zero")
    (news / "zero.jsonl").symlink_to("/dev/zero")
    (news / "nowhere.txt").symlink_to(tmp_path / "missing")
    with (news / "huge.txt").open("wb") as huge:  # sparse: no disk used
        huge.truncate(MAX_FILE_BYTES + 1)
    write(news / "good.txt", ENGLISH)
    articles, problems = read(news, news / "zero.txt")  # a pipe named is read: see test_ingest
    assert [a.origin for a in articles] == [str(news / "good.txt")]
    assert [str(p) for p in problems] == [
        f"{news / 'huge.txt'}: file too large ({MAX_FILE_BYTES + 1:,} bytes; kg reads files of "
        f"up to {MAX_FILE_BYTES:,} (--max-bytes), JSON Lines of any size)",
        f"{news / 'nowhere.txt'}: cannot read the file: No such file or directory",
        f"{news / 'pipe.txt'}: not a regular file (a named pipe); not read",
        f"{news / 'zero.jsonl'}: not a regular file (a character device); not read",
        f"{news / 'zero.txt'}: not a regular file (a character device); not read",
        f"{news / 'zero.txt'}: not a regular file (a character device); not read",
    ]


def test_linked_folders_are_read_once_and_loops_end(tmp_path: Path) -> None:
    news = tmp_path / "news"
    write((news / "real").mkdir(parents=True) or news / "real" / "a.txt", ENGLISH)
    (news / "a-link").symlink_to(news / "real")  # sorts first; the real folder is read
    (news / "real" / "loop").symlink_to(news)
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere.mkdir() or elsewhere / "b.txt", ENGLISH + " More.")
    (news / "outside").symlink_to(elsewhere)
    skipped: list[Skipped] = []
    items = list(read_articles([news], on_skip=skipped.append))
    assert [item.origin for item in items if isinstance(item, Article)] == [
        str(news / "outside" / "b.txt"),
        str(news / "real" / "a.txt"),
    ]
    assert [str(s) for s in skipped] == [
        f"{news / 'a-link'} (folder read already)",
        f"{news / 'real' / 'loop'} (folder read already)",
    ]


def test_a_folder_too_deep_to_name_is_a_problem(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    write(news / "a.txt", ENGLISH)
    descriptor = os.open(news, os.O_RDONLY)
    for _ in range(20):  # 20 names of 250 characters: a path over 5,000 (PATH_MAX is 4,096)
        os.mkdir("d" * 250, dir_fd=descriptor)
        inner = os.open("d" * 250, os.O_RDONLY, dir_fd=descriptor)
        os.close(descriptor)
        descriptor = inner
    os.close(descriptor)
    articles, problems = read(news)
    assert [a.origin for a in articles] == [str(news / "a.txt")]
    assert len(problems) == 1
    assert str(problems[0]).endswith(": cannot read the folder: File name too long")
    assert str(problems[0]).startswith(str(news / ("d" * 250)))


def test_file_names_with_newlines_cannot_forge_report_lines(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    forged = write(news / "x\nproblem: all is well\x1b[32m.txt", "")
    _, problems = read(news)
    assert [str(p) for p in problems] == [
        f"{news}/x\\nproblem: all is well\\x1b[32m.txt: empty file"
    ]
    assert forged.exists()


def test_the_size_cap_is_a_setting_of_the_build(tmp_path: Path) -> None:
    from kg.builder.options import BuildOptions
    from kg.builder.source import articles_to_extract
    from kg.builder.summary import BuildSummary

    news = write(tmp_path / "a.txt", ENGLISH)
    lines = write(tmp_path / "b.jsonl", json.dumps({"text": ENGLISH + " More."}) + "\n")
    summary = BuildSummary()
    options = BuildOptions(max_bytes=100)
    kept = [article.origin for article, _ in articles_to_extract([news, lines], options, summary)]
    assert kept == [f"{lines}:1"]  # JSON Lines are read line by line, whatever the cap
    assert [str(p) for p in summary.problems] == [
        f"{news}: file too large ({len(ENGLISH)} bytes; kg reads files of up to 100 "
        "(--max-bytes), JSON Lines of any size)"
    ]
