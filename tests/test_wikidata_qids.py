"""``scripts/wikidata_qids.py``: QIDs are proposed only when one item fits, and applied safely.

The script talks to the MediaWiki API over HTTP; here a real HTTP server on 127.0.0.1 answers
``wbsearchentities`` and ``wbgetentities`` from a small table of items written for these tests
(the shapes are those the Wikidata API returns), and the script runs as a subprocess, as a
maintainer runs it.
"""

from __future__ import annotations

import csv
import doctest
import importlib.util
import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.slow

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "wikidata_qids.py"
US, DE = "Q30", "Q183"

# label, description, P17 countries of the items the fake API knows.
ITEMS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "Q101": ("Anvil Works Inc.", "American maker of anvils", (US,)),
    "Q102": ("Anvil Works", "German brass band", (DE,)),
    "Q201": ("Borax Mining", "American mining company", (US,)),
    "Q202": ("Borax Mining Company", "American mining company, founded 1890", (US,)),
    "Q301": ("Cobalt Cells", "German battery maker", (DE,)),
}


def _company(
    label: str, country: str, qid: str | None = None, aliases: tuple[str, ...] = ()
) -> str:
    record = {
        "label": label,
        "type": "Company",
        "qid": qid,
        "aliases": list(aliases),
        "country": country,
        "sector": "industrial",
        "products": [],
        "parent": None,
    }
    return json.dumps(record, ensure_ascii=False)


@pytest.fixture
def gazetteer(tmp_path: Path) -> Path:
    """A gazetteer with three companies lacking QIDs and one that has Q999."""
    gaz = tmp_path / "gazetteer"
    gaz.mkdir()
    countries = [
        {"label": "United States", "type": "Country", "qid": US, "aliases": []},
        {"label": "Germany", "type": "Country", "qid": DE, "aliases": []},
    ]
    (gaz / "countries.jsonl").write_text(
        "".join(json.dumps(c) + "\n" for c in countries), encoding="utf-8"
    )
    companies = [
        _company("Anvil Works", "United States", aliases=("AWI",)),
        _company("Borax Mining", "United States"),
        _company("Cobalt Cells", "United States"),
        _company("Dynamo Group", "Germany", qid="Q999"),
    ]
    (gaz / "companies.jsonl").write_text("\n".join(companies) + "\n", encoding="utf-8")
    for name in ("bodies.jsonl", "alliances.jsonl", "products.jsonl", "people.jsonl"):
        (gaz / name).write_text("", encoding="utf-8")
    (gaz / "qid-sources.tsv").write_text("label\tqid\tsource\n", encoding="utf-8")
    return gaz


class _FakeWikidata(BaseHTTPRequestHandler):
    requests: ClassVar[list[tuple[dict[str, list[str]], str]]] = []

    def do_GET(self) -> None:
        query = parse_qs(urlparse(self.path).query)
        type(self).requests.append((query, self.headers.get("User-Agent", "")))
        body = json.dumps(self._answer(query)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    @staticmethod
    def _answer(query: dict[str, list[str]]) -> dict[str, Any]:
        if query["action"] == ["wbsearchentities"]:
            words = query["search"][0].lower()
            return {
                "search": [
                    {"id": qid, "label": label, "match": {"type": "label", "text": label}}
                    for qid, (label, _, _) in ITEMS.items()
                    if label.lower().startswith(words)
                ]
            }
        return {
            "entities": {
                qid: {
                    "labels": {"en": {"value": ITEMS[qid][0]}},
                    "descriptions": {"en": {"value": ITEMS[qid][1]}},
                    "claims": {
                        "P17": [
                            {"mainsnak": {"datavalue": {"value": {"id": c}}}} for c in ITEMS[qid][2]
                        ],
                    },
                }
                for qid in query["ids"][0].split("|")
            }
        }

    def log_message(self, *args: object) -> None:  # keep the test output quiet
        pass


@pytest.fixture
def api() -> Iterator[str]:
    """The URL of a fake Wikidata API served on 127.0.0.1."""
    _FakeWikidata.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeWikidata)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/w/api.php"
    server.shutdown()
    server.server_close()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120
    )


def _suggest(gazetteer: Path, api: str) -> list[dict[str, str]]:
    done = _run("--gazetteer", str(gazetteer), "suggest", "--api", api, "--delay", "0")
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(done.stdout.splitlines(), delimiter="\t"))


def test_suggest_proposes_only_the_one_item_named_and_placed_like_the_entity(
    gazetteer: Path, api: str
) -> None:
    rows = {row["label"]: row for row in _suggest(gazetteer, api)}

    assert set(rows) == {"Anvil Works", "Borax Mining", "Cobalt Cells"}  # Dynamo has a QID
    # Two items are called Anvil Works; only the American one is in the entity's country.
    assert (rows["Anvil Works"]["status"], rows["Anvil Works"]["qid"]) == ("unique", "Q101")
    assert rows["Anvil Works"]["description"] == "American maker of anvils"
    # Two American items carry the name: nothing is chosen, both are shown to the reviewer.
    assert (rows["Borax Mining"]["status"], rows["Borax Mining"]["qid"]) == ("ambiguous", "")
    assert "Q201" in rows["Borax Mining"]["candidates"]
    assert "Q202" in rows["Borax Mining"]["candidates"]
    # The only Cobalt Cells is German; the gazetteer says American.
    assert (rows["Cobalt Cells"]["status"], rows["Cobalt Cells"]["qid"]) == ("none", "")
    assert "Q301" in rows["Cobalt Cells"]["candidates"]


def test_suggest_searches_every_alias_and_says_who_is_asking(gazetteer: Path, api: str) -> None:
    _suggest(gazetteer, api)

    searched = [q["search"][0] for q, _ in _FakeWikidata.requests if "search" in q]
    assert "AWI" in searched
    assert "Anvil Works" in searched
    assert all(agent.startswith("kg-gazetteer-qids/") for _, agent in _FakeWikidata.requests)


def test_apply_writes_the_unique_rows_and_their_evidence_and_nothing_else(
    gazetteer: Path, api: str, tmp_path: Path
) -> None:
    reviewed = tmp_path / "reviewed.tsv"
    done = _run("--gazetteer", str(gazetteer), "suggest", "--api", api, "--delay", "0")
    reviewed.write_text(done.stdout, encoding="utf-8")
    before = (gazetteer / "companies.jsonl").read_text(encoding="utf-8").splitlines()

    applied = _run("--gazetteer", str(gazetteer), "apply", str(reviewed))

    assert applied.returncode == 0, applied.stderr
    after = (gazetteer / "companies.jsonl").read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert [json.loads(new)["label"] for _, new in changed] == ["Anvil Works"]
    old, new = changed[0]
    assert new == old.replace('"qid": null', '"qid": "Q101"')
    sources = (gazetteer / "qid-sources.tsv").read_text(encoding="utf-8").splitlines()
    assert len(sources) == 2
    label, qid, evidence = sources[1].split("\t")
    assert (label, qid) == ("Anvil Works", "Q101")
    assert "American maker of anvils" in evidence


def test_suggest_names_the_endpoint_it_cannot_reach(gazetteer: Path) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/w/api.php"

    done = _run("--gazetteer", str(gazetteer), "suggest", "--api", url, "--delay", "0")

    assert done.returncode == 1
    assert f"error: cannot read {url}?" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Anvil Works\tunique\tQ999\tDynamo\t\t", "Q999"),  # Dynamo Group already has Q999
        ("Anvil Works\tunique\tX101\tAnvil\t\t", "'X101' is not a QID"),
        ("Nobody Ltd\tunique\tQ5\tNobody\t\t", "Nobody Ltd"),
        ("Dynamo Group\tunique\tQ7\tDynamo\t\t", "Dynamo Group"),  # never overwritten
    ],
)
def test_apply_refuses_a_bad_row_and_leaves_the_gazetteer_untouched(
    gazetteer: Path, tmp_path: Path, row: str, message: str
) -> None:
    reviewed = tmp_path / "reviewed.tsv"
    reviewed.write_text(
        "label\tstatus\tqid\twikidata_label\tdescription\tcandidates\n" + row + "\n",
        encoding="utf-8",
    )
    before = {p.name: p.read_bytes() for p in gazetteer.iterdir()}

    applied = _run("--gazetteer", str(gazetteer), "apply", str(reviewed))

    assert applied.returncode == 1
    assert message in applied.stderr
    assert {p.name: p.read_bytes() for p in gazetteer.iterdir()} == before


def test_the_scripts_examples_hold() -> None:
    spec = importlib.util.spec_from_file_location("wikidata_qids", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    try:
        spec.loader.exec_module(module)
        result = doctest.testmod(module)
    finally:
        del sys.modules[spec.name]

    assert result.attempted >= 4
    assert result.failed == 0
