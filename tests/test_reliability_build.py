"""``kg build`` as a real process: bad inputs end it with a summary and exit code 1, ``--strict``
stops at the first problem of any kind, and SIGKILL at any moment loses nothing: the previous
graph file or store stays whole, and the next run finishes the job."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.rdf.namespace import KG, article_iri
from kg.store import GraphStore, export_graph, load_graph

pytestmark = pytest.mark.slow

COMPANIES = ["Rapidus", "IBM", "Micron Technology", "Samsung Electronics", "TSMC", "Intel"]
COMPANIES += ["Nvidia", "ASML", "Tokyo Electron", "SK Hynix", "Apple", "Qualcomm"]
COUNTRIES = ["Japan", "The United States", "China", "The Netherlands", "South Korea", "Taiwan"]
PREVIOUS = 60
"""Articles the previous build held."""
ALL = 300
"""Articles of the build that gets killed."""
PROV = "http://www.w3.org/ns/prov#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
STATED = ("subject", "predicate", "object")
Triple = tuple[str, str, str]
Done = subprocess.CompletedProcess[str]


def article(number: int) -> dict[str, str]:
    """A small English article stating three facts; each number gives other text."""
    first, second = COMPANIES[number % 12], COMPANIES[(number * 5 + 1) % 12]
    second = second if second != first else COMPANIES[(number + 1) % 12]
    giver, target = COUNTRIES[number % 6], COUNTRIES[(number * 5 + 2) % 6]
    target = target if target != giver else COUNTRIES[(number + 1) % 6]
    text = (
        f"{first} is working with {second} on advanced chips, report {number} says. "
        f"{giver} is offering subsidies to {first}. "
        f"{giver} imposed export controls on {target.replace('The ', 'the ')} last year."
    )
    return {"id": f"n{number}", "text": text}


def corpus(path: Path, count: int) -> Path:
    path.write_text("".join(json.dumps(article(n)) + "\n" for n in range(count)), "utf-8")
    return path


def kg(*args: str | Path, check: bool = True, cwd: Path | None = None) -> Done:
    command = [sys.executable, "-m", "kg", *map(str, args)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=cwd)
    if check and done.returncode != 0:
        raise AssertionError(f"kg {args} failed ({done.returncode}):\n{done.stderr}")
    return done


# -- SIGKILL ------------------------------------------------------------------------------------


def killed_when(args: list[str], cwd: Path, ready: Callable[[], bool]) -> None:
    """Run ``kg *args``, SIGKILL it as soon as ``ready()`` holds, and check that it was running."""
    command = [sys.executable, "-m", "kg", *args]
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        while not ready():
            if process.poll() is not None:
                pytest.fail(f"kg finished before it could be killed:\n{process.stderr.read()}")
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
        # Worker processes (and the fork server) notice that their parent died, and leave.
        deadline = time.monotonic() + 30
        while alive_in_group(process.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert alive_in_group(process.pid) == [], "processes outlived the killed build"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def alive_in_group(group: int) -> list[str]:
    """The command lines of the running (not zombie) processes of process group ``group``."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            # "pid (command) state ppid pgrp ...": the command may hold spaces and brackets
            state, _, pgrp = stat.read_text().rpartition(")")[2].split()[:3]
            if int(pgrp) == group and state not in "ZX":
                alive.append((stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode())
    return alive


def triples(store: Path) -> set[Triple]:
    opened = ox.Store.read_only(str(store))
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in opened}


def stored_articles(store: Path) -> set[str]:
    """IRIs (N-Triples form) of the articles the store holds, by their content hash."""
    opened = ox.Store.read_only(str(store))
    return {
        str(q.subject) for q in opened.quads_for_pattern(None, ox.NamedNode(KG.contentHash), None)
    }


def holds_at_least(store: Path, count: int) -> bool:
    """Whether the store, being written by another process, holds ``count`` articles yet."""
    try:
        return len(stored_articles(store)) >= count
    except (OSError, RuntimeError):  # not made yet, or files renamed while it was opened
        return False


def by_article(triples: set[Triple]) -> dict[str, set[Triple]]:
    """The triples about each article (by IRI): its own, its statements', and their facts."""
    source = {s: o for s, p, o in triples if p == f"<{PROV}wasDerivedFrom>"}
    articles = {s for s, p, _ in triples if p == f"<{KG.articleId}>"}
    about: dict[str, set[Triple]] = defaultdict(set)
    stated: dict[str, dict[str, str]] = defaultdict(dict)
    for s, p, o in triples:
        if s in source:
            about[source[s]].add((s, p, o))
            stated[s][p] = o
        elif s in articles:
            about[s].add((s, p, o))
    for statement, parts in stated.items():
        subject, predicate, object_ = (parts[f"<{RDF}{name}>"] for name in STATED)
        about[source[statement]].add((subject, predicate, object_))
    return about


@pytest.fixture(scope="module")
def reference_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store an uninterrupted build of all the articles makes.

    Builds run in their folder on ``news.jsonl``, so that articles have the same origin
    (``news.jsonl:7``) in every folder.
    """
    folder = tmp_path_factory.mktemp("reference")
    corpus(folder / "news.jsonl", ALL)
    kg("build", "news.jsonl", "--store", "store", "--no-timestamp", "-j", "1", cwd=folder)
    return folder / "store"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_store_killed_mid_build_holds_whole_articles_and_the_next_run_resumes(
    reference_store: Path, tmp_path: Path, jobs: str
) -> None:
    store = tmp_path / "store"
    build = ["build", "news.jsonl", "--store", "store", "--no-timestamp", "-j", jobs]
    corpus(tmp_path / "news.jsonl", PREVIOUS)
    kg(*build, cwd=tmp_path)
    before = triples(store)
    corpus(tmp_path / "news.jsonl", ALL)  # more news came in: the same lines, then new ones

    killed_when(build, tmp_path, lambda: holds_at_least(store, PREVIOUS + 40))

    with GraphStore(store):  # opens for writing: the killed process left no lock behind
        pass
    after, reference = triples(store), triples(reference_store)
    held = stored_articles(store)
    assert PREVIOUS + 40 <= len(held) < ALL, "killed mid-way"
    assert before <= after  # the previous store is intact
    assert after <= reference  # nothing half-written or foreign
    stored, complete = by_article(after), by_article(reference)
    for number in range(ALL):
        iri = f"<{article_iri(f'n{number}')}>"
        expected = complete[iri] if iri in held else set()
        assert stored.get(iri, set()) == expected, f"article n{number} is not whole"

    resumed = kg(*build, cwd=tmp_path)
    assert f"(0 replaced, {len(held)} unchanged)" in resumed.stderr
    assert triples(store) == reference


def test_graph_file_killed_while_written_stays_whole_and_the_next_run_writes_it(
    reference_store: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    graph = out / "graph.ttl"
    build = ["build", "news.jsonl", "-o", "out/graph.ttl", "--no-timestamp", "-j", "1"]
    corpus(tmp_path / "news.jsonl", PREVIOUS)
    kg(*build, cwd=tmp_path)
    previous = graph.read_bytes()
    corpus(tmp_path / "news.jsonl", ALL)

    killed_when(build, tmp_path, lambda: any(out.glob(".graph.ttl.*.tmp")))

    assert graph.read_bytes() == previous
    left = list(out.glob(".*.tmp"))  # the half-written temporary, hidden, not a graph file
    assert left and all(path.suffix == ".tmp" for path in left)

    kg(*build, cwd=tmp_path)
    assert sorted(path.name for path in out.iterdir()) == ["graph.ttl"]
    with GraphStore(reference_store, read_only=True) as reference:
        uninterrupted = export_graph(reference.graph, tmp_path / "uninterrupted.nt")
    assert set(load_graph(graph)) == set(load_graph(uninterrupted))


# -- problems, summary, --strict ----------------------------------------------------------------


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Good articles with a bad line, an empty file and a German article among them."""
    folder = tmp_path_factory.mktemp("bad")
    lines = [json.dumps(article(n)) for n in range(3)]
    lines.insert(1, '{"id": "broken", "text": ')
    (folder / "a-news.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (folder / "b-empty.txt").write_bytes(b"")
    (folder / "c-german.txt").write_text(
        "Die Bundesregierung will den Bau einer neuen Chipfabrik von Intel in Magdeburg mit fast "
        "zehn Milliarden Euro fördern. Das kündigte der Kanzler am Montag in Berlin an. Die "
        "Subventionen sollen die Abhängigkeit Europas von Halbleitern aus Asien verringern.",
        "utf-8",
    )
    return folder


def test_bad_items_are_listed_in_the_summary_and_the_exit_code_is_one(
    bad_inputs: Path, tmp_path: Path
) -> None:
    graph = tmp_path / "graph.ttl"
    done = kg("build", bad_inputs, "-o", graph, "-j", "1", check=False)
    assert done.returncode == 1
    problems = [line for line in done.stderr.splitlines() if line.startswith("problem: ")]
    assert [line.split(" (")[0] for line in problems] == [
        f"problem: {bad_inputs / 'a-news.jsonl'}:2: invalid JSON: Expecting value",
        f"problem: {bad_inputs / 'b-empty.txt'}: empty file",
        f"problem: {bad_inputs / 'c-german.txt'}: not English",
    ]
    assert "(looks like German" in problems[2]
    assert "articles: 3" in done.stderr and "problems: 3" in done.stderr
    sources = set(load_graph(graph).objects(None, URIRef("http://purl.org/dc/terms/source")))
    assert sources == {Literal(f"{bad_inputs / 'a-news.jsonl'}:{line}") for line in (1, 3, 4)}


def test_strict_stops_at_the_first_bad_item_and_leaves_the_graph_file_alone(
    bad_inputs: Path, tmp_path: Path
) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_text("# the previous graph\n", "utf-8")
    done = kg("build", bad_inputs, "-o", graph, "-j", "1", "--strict", check=False)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == (
        f"kg: error: {bad_inputs / 'a-news.jsonl'}:2: invalid JSON: Expecting value (column 26)"
    )
    assert graph.read_text("utf-8") == "# the previous graph\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["graph.ttl"]


def test_a_build_that_finds_no_article_exits_1_says_why_and_writes_nothing(
    tmp_path: Path,
) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "notes.csv").write_text("not news\n", "utf-8")
    done = kg("build", tmp_path / "news", "-o", tmp_path / "graph.ttl", "-j", "2", check=False)
    assert done.returncode == 1
    assert "articles: 0\n" in done.stderr and "problems: 0" in done.stderr
    assert done.stderr.strip().endswith("kg: no article extracted: the inputs hold none")
    assert not (tmp_path / "graph.ttl").exists()


SLOW_ARTICLE = "Japan is offering subsidies to Micron Technology. " * 3000
"""About 150,000 characters: several seconds of parsing, far over a tenth of a second."""


@pytest.mark.parametrize(("strict", "code"), [(False, 1), (True, 2)])
def test_article_over_the_time_limit_is_a_problem_and_strict_stops_there(
    tmp_path: Path, strict: bool, code: int
) -> None:
    news = tmp_path / "news.jsonl"
    lines = [article(0), {"id": "slow", "text": SLOW_ARTICLE}, article(1)]
    news.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    args = ["build", news, "-o", tmp_path / "graph.ttl", "-j", "1", "--time-limit", "0.1"]
    done = kg(*args, *(["--strict"] if strict else []), check=False)
    assert done.returncode == code
    message = f"{news}:2: extraction took longer than 0.1 s; skipped"
    if strict:
        assert done.stderr.strip().splitlines()[-1] == f"kg: error: {message}"
        assert not (tmp_path / "graph.ttl").exists()
    else:
        assert f"problem: {message}" in done.stderr and "articles: 3" in done.stderr
        graph = load_graph(tmp_path / "graph.ttl")
        assert (None, KG.articleId, Literal("n1")) in graph  # the batch went on


def test_long_article_is_extracted_in_pieces_with_true_offsets(tmp_path: Path) -> None:
    filler = "Markets were calm on Tuesday and analysts expected little change.\n\n"
    stated = "Japan is offering subsidies to Micron Technology."
    text = f"{filler * 1500}{stated}\n\n{filler * 10}{stated}"
    assert len(text) > 100_000  # two pieces
    path = tmp_path / "long.txt"
    path.write_text(text, "utf-8")
    kg("build", path, "-o", tmp_path / "graph.ttl", "-j", "1")
    graph = load_graph(tmp_path / "graph.ttl")
    starts = sorted(int(start) for start in graph.objects(None, KG.start))
    assert starts == [text.index(stated), text.rindex(stated)]


# -- ids that look alike ------------------------------------------------------------------------

ALIKE = ["Reuters/AB12", "reuters-ab12", "REUTERS AB12"]
"""Three ids an older kg slugged to one article IRI (``article/reuters-ab12``)."""


def stored_ids(store: Path) -> dict[str, str]:
    """Article IRI -> ``kg:articleId`` in the store at ``store``."""
    with GraphStore(store, read_only=True) as opened:
        quads = opened.ox.quads_for_pattern(None, ox.NamedNode(KG.articleId), None)
        return {quad.subject.value: quad.object.value for quad in quads}


def test_ids_that_slug_alike_are_distinct_articles_and_a_rerun_changes_nothing(
    tmp_path: Path,
) -> None:
    news = tmp_path / "news.jsonl"
    lines = [{**article(n), "id": name} for n, name in enumerate(ALIKE)]
    news.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    store = tmp_path / "store"
    first = kg("build", news, "--store", store, "-j", "1", "--no-timestamp")
    assert "problems: 0" in first.stderr and "(0 replaced, 0 unchanged)" in first.stderr
    assert stored_ids(store) == {str(article_iri(name)): name for name in ALIKE}
    before = set(ox.Store.read_only(str(store)))
    again = kg("build", news, "--store", store, "-j", "1", "--no-timestamp")
    assert "0 replaced, 3 unchanged" in again.stderr
    assert set(ox.Store.read_only(str(store))) == before
    graph = tmp_path / "graph.ttl"
    kg("build", news, "-o", graph, "-j", "1", "--no-timestamp")
    assert kg("validate", graph).returncode == 0
    assert {str(o) for o in load_graph(graph).objects(None, KG.articleId)} == set(ALIKE)


def old_store(path: Path, articles: dict[str, tuple[str, str]]) -> None:
    """A store as an older kg wrote it: each article id at its old IRI (a slug), read from
    the place given."""
    with GraphStore(path) as store:
        for iri, (article_id, origin) in articles.items():
            subject = ox.NamedNode(iri)
            store.ox.extend(
                ox.Quad(subject, ox.NamedNode(predicate), value)
                for predicate, value in (
                    (f"{RDF}type", ox.NamedNode(KG.Article)),
                    (KG.articleId, ox.Literal(article_id)),
                    (KG.contentHash, ox.Literal("0" * 64)),
                    ("http://purl.org/dc/terms/source", ox.Literal(origin)),
                )
            )


def test_an_id_taking_the_iri_of_another_stored_article_is_a_problem_naming_both(
    tmp_path: Path,
) -> None:
    store = tmp_path / "store"
    old = "https://w3id.org/kg/id/article/"
    old_store(store, {f"{old}reuters-ab12": ("Reuters/AB12", "old.jsonl:7")})
    news = tmp_path / "news.jsonl"
    news.write_text(json.dumps({**article(1), "id": "reuters-ab12"}) + "\n", "utf-8")
    done = kg("build", news, "--store", store, "-j", "1", check=False)
    assert done.returncode == 1
    assert f"problem: {news}:1: id 'reuters-ab12' has the article IRI <{old}reuters-ab12> " in (
        done.stderr
    )
    assert "'Reuters/AB12' (read from old.jsonl:7)" in done.stderr
    assert stored_ids(store) == {f"{old}reuters-ab12": "Reuters/AB12"}
    strict = kg("build", news, "--store", store, "-j", "1", "--strict", check=False)
    assert strict.returncode == 2 and "kg: error: " in strict.stderr
    assert stored_ids(store) == {f"{old}reuters-ab12": "Reuters/AB12"}


def test_an_article_stored_under_its_old_iri_moves_to_the_new_one(tmp_path: Path) -> None:
    store = tmp_path / "store"
    old = "https://w3id.org/kg/id/article/nikkei-7"
    old_store(store, {old: ("Nikkei/7", "old.jsonl:1")})
    news = tmp_path / "news.jsonl"
    news.write_text(json.dumps({**article(2), "id": "Nikkei/7"}) + "\n", "utf-8")
    done = kg("build", news, "--store", store, "-j", "1")
    assert "1 replaced" in done.stderr
    assert stored_ids(store) == {str(article_iri("Nikkei/7")): "Nikkei/7"}
    with GraphStore(store, read_only=True) as opened:
        assert not list(opened.ox.quads_for_pattern(ox.NamedNode(old), None, None))


def as_nobody() -> tuple[list[str], dict[str, object]]:
    """How to run ``python -m kg`` as nobody (root reads any file whatever its permissions
    say): the command's start and subprocess.run's keywords. This interpreter when nobody may
    run it, else the system's Python of the same version with this environment's packages."""
    if os.geteuid() != 0:
        return [sys.executable, "-m", "kg"], {}
    user: dict[str, object] = {"user": 65534, "group": 65534, "extra_groups": []}
    with contextlib.suppress(OSError):  # nobody may not even start it
        probe = subprocess.run([sys.executable, "-c", "import kg"], capture_output=True, **user)
        if probe.returncode == 0:
            return [sys.executable, "-m", "kg"], user
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    system = shutil.which(f"python{version}", path="/usr/bin")
    if system is None:
        pytest.skip("no Python that nobody may run")
    packages = [p for p in sys.path if p.endswith("site-packages")]
    start = (
        f"import runpy, site, sys; sys.path[:0] = {packages!r}; "
        f"[site.addsitedir(p) for p in sys.path[:{len(packages)}]]; "
        "sys.argv[0] = 'kg'; runpy.run_module('kg', run_name='__main__', alter_sys=True)"
    )
    return [system, "-c", start], user


def test_an_unreadable_file_named_is_a_problem_and_the_other_inputs_are_read() -> None:
    folder = Path(tempfile.mkdtemp(prefix="kg-unreadable-"))
    try:
        folder.chmod(0o777)  # anyone may write the graph here
        secret = folder / "secret.jsonl"
        corpus(secret, 1).chmod(0)
        news = corpus(folder / "news.jsonl", 2)
        news.chmod(0o644)
        python, how = as_nobody()
        graph = folder / "g.ttl"
        command = [*python, "build", str(secret), str(news), "-o", str(graph)]
        done = subprocess.run(
            [*command, "-j", "1"], capture_output=True, text=True, timeout=600, cwd=folder, **how
        )
        assert done.returncode == 1, done.stderr  # it was 2: a usage error, nothing read
        assert f"problem: {secret}: cannot read the file: Permission denied" in done.stderr
        assert "articles: 2" in done.stderr
    finally:
        shutil.rmtree(folder)
