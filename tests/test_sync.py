"""``sphinx-scholar sync`` against a fake API server on 127.0.0.1 (never the internet), and the build's sidecar reader.

The server answers in each API's documented shape: OpenAlex ``/works/doi:...``
(singleton), ``/works?filter=...`` (list, with ``meta.next_cursor``), Crossref
``/works/{doi}`` (``message.is-referenced-by-count``), ORCID
``/v3.0/{orcid}/works`` (``group[].work-summary[]``) and DBLP
``/pid/{pid}.xml`` (``dblpperson/r/*``).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from conftest import soup_of, warnings_of, write_project

from sphinx_scholar.cli import main
from sphinx_scholar.loaders.bibtex import load_bibliography
from sphinx_scholar.loaders.citations import load_citation_counts, stale_problem
from sphinx_scholar.sync.matching import Work, arxiv_id, deduplicate, match_score, normalise_doi, normalise_title
from sphinx_scholar.sync.sources import FetchError, Http, OpenAlex

REPO = Path(__file__).resolve().parents[1]

# --- the fake server ----------------------------------------------------------------------------------------------

Response = tuple[int, dict[str, str], bytes]


class FakeApi:
    """Routes ``(path, query) -> response``; records every request; can hold a request until released."""

    def __init__(self) -> None:
        self.routes: list[tuple[Callable[[str, dict], bool], Callable[[str, dict], Response]]] = []
        self.requests: list[str] = []
        self.headers: list[dict[str, str]] = []
        self.lock = threading.Lock()

    def add(
        self, match: Callable[[str, dict], bool] | str, respond: Callable[[str, dict], Response] | Response | dict | str
    ) -> None:
        matcher = (lambda path, query, m=match: path == m) if isinstance(match, str) else match
        if callable(respond):
            responder = respond
        elif isinstance(respond, tuple):
            responder = lambda path, query, r=respond: r  # noqa: E731
        elif isinstance(respond, dict):
            responder = lambda path, query, r=respond: (  # noqa: E731
                200,
                {"Content-Type": "application/json"},
                json.dumps(r).encode(),
            )
        else:
            responder = lambda path, query, r=respond: (200, {"Content-Type": "application/xml"}, r.encode())  # noqa: E731
        self.routes.insert(0, (matcher, responder))  # the latest route wins

    def count(self, prefix: str) -> int:
        with self.lock:
            return sum(1 for r in self.requests if r.startswith(prefix))

    def handle(self, raw: str) -> Response:
        parts = urllib.parse.urlsplit(raw)
        path = urllib.parse.unquote(parts.path)
        query = dict(urllib.parse.parse_qsl(parts.query))
        with self.lock:
            self.requests.append(path + ("?" + parts.query if parts.query else ""))
        for matcher, responder in self.routes:
            if matcher(path, query):
                return responder(path, query)
        return 404, {"Content-Type": "application/json"}, b'{"error": "not found"}'


@pytest.fixture
def api():
    fake = FakeApi()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            fake.headers.append(dict(self.headers))
            status, headers, body = fake.handle(self.path)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", headers.get("X-Length", str(len(body))))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield fake
    server.shutdown()
    server.server_close()


def oa_work(
    wid: str,
    title: str,
    year: int,
    cited: int,
    doi: str = "",
    authors=("Ada Lovelace",),
    kind="article",
    venue="Journal of Tests",
) -> dict:
    """An OpenAlex work object (the fields sync reads, as the API names them)."""
    return {
        "id": f"https://openalex.org/{wid}",
        "doi": f"https://doi.org/{doi}" if doi else None,
        "title": title,
        "display_name": title,
        "publication_year": year,
        "type": kind,
        "cited_by_count": cited,
        "ids": {"openalex": f"https://openalex.org/{wid}", **({"doi": f"https://doi.org/{doi}"} if doi else {})},
        "authorships": [
            {"author_position": "first", "author": {"id": "https://openalex.org/A1", "display_name": a}}
            for a in authors
        ],
        "primary_location": {"source": {"display_name": venue, "type": "journal"}, "landing_page_url": None},
        "biblio": {"volume": "3", "issue": "1", "first_page": "10", "last_page": "20"},
    }


def oa_list(results: list[dict], next_cursor: str | None = None, count: int | None = None) -> dict:
    return {
        "meta": {
            "count": count if count is not None else len(results),
            "db_response_time_ms": 5,
            "page": None,
            "per_page": 100,
            "next_cursor": next_cursor,
            "groups_count": None,
        },
        "results": results,
        "group_by": [],
    }


BIB = r"""
@article{doi2020,
  title = {Counting {Things} Carefully},
  author = {Lovelace, Ada and Babbage, Charles},
  journal = {Journal of Tests}, year = {2020},
  doi = {10.1234/ABC.5},
  citations = {3}
}
@misc{arxiv2021,
  title = {A Preprint About Engines},
  author = {Lovelace, Ada},
  year = {2021},
  eprint = {2101.00001}, archiveprefix = {arXiv}
}
@inproceedings{title2019,
  title = {Notes on the Analytical Engine},
  author = {Lovelace, Ada},
  booktitle = {Proc. Tests}, year = {2019}
}
@article{nomatch2018,
  title = {An Entirely Obscure Paper},
  author = {Lovelace, Ada},
  journal = {Nowhere}, year = {2018},
  citations = {5}
}
"""


def make_site(root: Path, profile: dict | None = None, bib: str = BIB, extra_conf: str = "") -> Path:
    profile = profile or {"name": "Ada Lovelace", "email": "ada@example.org"}
    return write_project(
        root,
        {
            "conf.py": "extensions = ['sphinx_scholar']\nhtml_theme = 'alabaster'\n"
            "scholar_bibfiles = ['data/publications.bib']\nscholar_profile = 'profile.yaml'\n"
            "scholar_today = '2026-11-25'\n" + extra_conf,
            "data/publications.bib": bib,
            "profile.yaml": yaml.safe_dump(profile),
            "index.rst": "Home\n====\n\n.. profile-card::\n   :metrics:\n",
        },
    )


def serve_counts(api: FakeApi) -> None:
    api.add("/works/doi:10.1234/abc.5", oa_work("W1", "Counting Things Carefully", 2020, 42, "10.1234/abc.5"))
    api.add(
        "/works/doi:10.48550/arxiv.2101.00001",
        oa_work("W2", "A preprint about engines", 2021, 7, "10.48550/arxiv.2101.00001"),
    )

    def search(path, query):
        text = query.get("filter", "")
        if "Analytical Engine" in text:
            assert "publication_year:2018-2020" in text
            return (
                200,
                {},
                json.dumps(
                    oa_list(
                        [
                            oa_work("W9", "Notes on an analytical engine", 1843, 900),  # right title, wrong year
                            oa_work("W3", "Notes on the analytical engine.", 2019, 11),
                        ]
                    )
                ).encode(),
            )
        return 200, {}, json.dumps(oa_list([oa_work("W8", "Something else entirely", 2018, 99)])).encode()

    api.add(lambda p, q: p == "/works" and q.get("filter", "").startswith("title.search:"), search)
    api.add(
        "/works/10.1234/abc.5",
        {
            "status": "ok",
            "message-type": "work",
            "message-version": "1.0.0",
            "message": {
                "DOI": "10.1234/abc.5",
                "title": ["Counting Things Carefully"],
                "is-referenced-by-count": 40,
                "issued": {"date-parts": [[2020, 3]]},
            },
        },
    )


def run(site: Path, api: FakeApi, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    urls = [f"--{name}-url={api.url}" for name in ("openalex", "crossref", "orcid", "dblp", "semanticscholar")]
    code = main(
        ["sync", "--config", str(site / "conf.py"), "--cache-dir", str(site / ".cache"), *urls, *args],
        stdout=out,
        stderr=err,
    )
    return code, out.getvalue(), err.getvalue()


def sidecar(site: Path) -> dict:
    return json.loads((site / "data" / "citations.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def no_polite_delay(monkeypatch):
    # The per-host spacing is tested on its own; elsewhere it only slows the tests down.
    monkeypatch.setattr("sphinx_scholar.sync.sources.MIN_INTERVAL", {})
    monkeypatch.delenv("OPENALEX_API_KEY", raising=False)


# --- matching ---------------------------------------------------------------------------------------------------


def test_identifiers_and_titles_are_normalised():
    assert normalise_doi("https://doi.org/10.1234/ABC.5.") == "10.1234/abc.5"
    assert normalise_doi("doi:10.1/x") == "10.1/x" and normalise_doi("not a doi") == ""
    assert arxiv_id("https://arxiv.org/abs/2101.00001v3") == "2101.00001"
    assert arxiv_id("arXiv preprint arXiv:1706.03762") == "1706.03762"
    assert arxiv_id("10.48550/arXiv.2101.00001") == "2101.00001"
    assert arxiv_id("hep-th/9901001") == "hep-th/9901001"
    assert arxiv_id("10.1234/abc.5") == "" and arxiv_id("") == ""
    assert normalise_title(r"Über {GANs}: \emph{a} Survey!") == "uber gans a survey"


def test_match_score_prefers_identifiers_and_checks_year_and_author():
    entry = Work("Notes on the Analytical Engine", 2019, authors=("Lovelace, Ada",))
    assert match_score(entry, Work("Notes on the analytical engine.", 2020, authors=("Ada Lovelace",))) == (
        "title",
        1.0,
    )
    assert match_score(entry, Work("Notes on the analytical engine", 1843))[0] == ""  # year too far
    assert match_score(entry, Work("Notes on the analytical engine", 2019, authors=("Charles Babbage",)))[0] == ""
    assert match_score(entry, Work("Notes on a different engine", 2019))[0] == ""
    assert match_score(Work("x", doi="10.1/A"), Work("y", doi="https://doi.org/10.1/a")) == ("doi", 1.0)
    assert match_score(Work("x", arxiv="2101.00001v2"), Work("y", doi="10.48550/arXiv.2101.00001")) == ("arxiv", 1.0)


def test_deduplicate_by_doi_arxiv_and_title():
    existing = [
        Work("Counting things", 2020, doi="10.1/a"),
        Work("A preprint", 2021, arxiv="2101.00001"),
        Work("Notes on the Analytical Engine", 2019),
    ]
    found = [
        Work("Counting things (journal version)", 2020, doi="https://doi.org/10.1/A"),  # same DOI
        Work("Totally new", 2022, doi="10.48550/arXiv.2101.00001"),  # same arXiv id, via its DOI
        Work("NOTES on the analytical-engine", 2019),  # same normalised title
        Work("A new paper", 2023, doi="10.1/new"),
        Work("A new paper", 2023, doi="10.1/NEW"),  # the same again, from a second source
        Work("An erratum", 2023, doi="10.1/erratum"),
        Work("", 2023),  # no title: nothing to review
    ]
    kept = deduplicate(found, existing)
    assert [w.title for w in kept] == ["A new paper", "An erratum"]


# --- the HTTP client ----------------------------------------------------------------------------------------------


def test_http_retries_429_with_retry_after_then_5xx_with_back_off(api, tmp_path):
    calls = {"n": 0}

    def flaky(path, query):
        calls["n"] += 1
        if calls["n"] == 1:
            return 429, {"Retry-After": "7"}, b'{"error": "Too Many Requests"}'
        if calls["n"] == 2:
            return 503, {}, b"<html>busy</html>"
        return 200, {}, json.dumps(oa_work("W1", "T", 2020, 1)).encode()

    api.add("/works/doi:10.1/x", flaky)
    slept: list[float] = []
    http = Http(cache_dir=tmp_path, sleep=slept.append, backoff=0.5, min_interval={})
    work = OpenAlex(http, api.url, mailto="ada@example.org").work_by_doi("10.1/x")
    assert work is not None and work.extra["citations"] == 1
    assert slept == [7.0, 1.0]  # Retry-After honoured, then 0.5 * 2**1
    assert api.count("/works/doi:10.1/x") == 3
    assert "mailto=ada%40example.org" in api.requests[-1] or "mailto=ada@example.org" in api.requests[-1]


def test_http_gives_up_after_retries_and_never_retries_a_client_error(api, tmp_path):
    api.add("/works/doi:10.1/down", (500, {}, b"oops"))
    api.add("/works/doi:10.1/bad", (400, {}, b'{"error": "Invalid filter"}'))
    http = Http(cache_dir=tmp_path, sleep=lambda s: None, retries=2, min_interval={})
    client = OpenAlex(http, api.url)
    with pytest.raises(FetchError, match="HTTP 500, after 3 attempts"):
        client.work_by_doi("10.1/down")
    with pytest.raises(FetchError, match="HTTP 400"):
        client.work_by_doi("10.1/bad")
    assert api.count("/works/doi:10.1/down") == 3 and api.count("/works/doi:10.1/bad") == 1


def test_http_malformed_json_and_truncated_bodies_are_retried_then_fail(api, tmp_path):
    api.add("/works/doi:10.1/broken", (200, {"Content-Type": "application/json"}, b'{"id": "W1", "title": '))
    api.add("/works/doi:10.1/short", (200, {"X-Length": "5000"}, b'{"id": "W1"'))  # connection closes early
    http = Http(cache_dir=tmp_path, sleep=lambda s: None, retries=1, min_interval={}, timeout=3)
    client = OpenAlex(http, api.url)
    with pytest.raises(FetchError, match="malformed response"):
        client.work_by_doi("10.1/broken")
    with pytest.raises(FetchError):
        client.work_by_doi("10.1/short")
    assert not any(tmp_path.rglob("*.json"))  # nothing broken was cached


def test_http_timeout_is_retried(api, tmp_path):
    calls = {"n": 0}

    def slow(path, query):
        calls["n"] += 1
        if calls["n"] == 1:
            time.sleep(1.5)
        return 200, {}, json.dumps(oa_work("W1", "T", 2020, 5)).encode()

    api.add("/works/doi:10.1/slow", slow)
    http = Http(cache_dir=tmp_path, sleep=lambda s: None, timeout=0.5, min_interval={})
    assert OpenAlex(http, api.url).work_by_doi("10.1/slow").extra["citations"] == 5
    assert calls["n"] == 2


def test_http_cache_ttl_offline_and_polite_spacing(api, tmp_path):
    api.add("/works/doi:10.1/x", oa_work("W1", "T", 2020, 1))
    now = {"t": 1000.0}
    slept: list[float] = []
    http = Http(cache_dir=tmp_path, ttl=60, clock=lambda: now["t"], sleep=slept.append, min_interval={"openalex": 0.1})
    client = OpenAlex(http, api.url, api_key="SECRET")
    client.work_by_doi("10.1/x")
    client.work_by_doi("10.1/y")  # 404: cached as "not found" too
    assert slept == [pytest.approx(0.1)]  # two requests in the same instant: the second waits
    client.work_by_doi("10.1/x")
    assert api.count("/works/doi:") == 2  # the third came from the cache
    assert "SECRET" not in "".join(p.read_text() for p in tmp_path.rglob("*.json"))
    now["t"] += 61  # expired: fetched again
    client.work_by_doi("10.1/x")
    assert api.count("/works/doi:10.1/x") == 2
    now["t"] += 10**6  # offline answers from the cache whatever its age, and never asks the network
    offline = OpenAlex(
        Http(cache_dir=tmp_path, ttl=60, offline=True, clock=lambda: now["t"]), api.url, api_key="SECRET"
    )
    assert offline.work_by_doi("10.1/x").extra["citations"] == 1
    with pytest.raises(FetchError, match="offline"):
        offline.work_by_doi("10.1/never-fetched")
    assert api.count("/works/doi:") == 3


# --- sync: citation counts ------------------------------------------------------------------------------------------


def test_sync_writes_counts_with_match_and_score(api, tmp_path):
    site = make_site(tmp_path / "site")
    serve_counts(api)
    before = (site / "data" / "publications.bib").read_bytes()
    code, out, err = run(site, api, "--sources", "openalex,crossref")
    assert code == 0, err
    assert "3 of 4 entries matched, 1 not found, 0 failed" in out
    data = sidecar(site)
    assert data["format"] == 1 and data["as_of"] == "2026-11-25" and data["complete"] is True
    entries = data["entries"]
    assert entries["doi2020"] == {
        "citations": 42,
        "source": "openalex",
        "match": "doi",
        "score": 1.0,
        "id": "https://openalex.org/W1",
        "title": "Counting Things Carefully",
        "as_of": "2026-11-25",
        "counts": {"openalex": 42, "crossref": 40},
    }
    assert entries["arxiv2021"]["citations"] == 7 and entries["arxiv2021"]["match"] == "arxiv"
    assert entries["title2019"]["citations"] == 11 and entries["title2019"]["match"] == "title"
    assert entries["title2019"]["id"] == "https://openalex.org/W3" and 0.92 <= entries["title2019"]["score"] <= 1
    assert entries["nomatch2018"]["citations"] is None and entries["nomatch2018"]["match"] == ""
    assert (site / "data" / "publications.bib").read_bytes() == before  # the user's .bib is never rewritten
    assert "User-Agent" not in out
    # The build-side reader agrees.
    counts = load_citation_counts(site / "data" / "citations.json")
    assert dict(counts.counts) == {"doi2020": 42, "arxiv2021": 7, "title2019": 11} and counts.as_of == "2026-11-25"


def test_sync_second_run_uses_the_cache_and_offline_needs_no_server(api, tmp_path):
    site = make_site(tmp_path / "site")
    serve_counts(api)
    assert run(site, api)[0] == 0
    first = sidecar(site)
    asked = len(api.requests)
    code, out, _ = run(site, api)
    assert code == 0 and len(api.requests) == asked and "(0 requests" in out
    api.routes.clear()  # every request would now be a 404
    code, _, err = run(site, api, "--offline", "--ttl", "0")
    assert code == 0, err
    assert sidecar(site) == first and len(api.requests) == asked


def test_sync_dry_run_writes_nothing(api, tmp_path):
    site = make_site(tmp_path / "site")
    serve_counts(api)
    code, out, _ = run(site, api, "--dry-run")
    assert code == 0 and "would write" in out
    assert "  doi2020: - -> 42 (doi)\n" in out and "  title2019: - -> 11 (title)\n" in out
    assert not (site / "data" / "citations.json").exists()


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_line_on_a_terminal_only():
    from sphinx_scholar.sync.command import Progress

    terminal = FakeTerminal()
    progress = Progress(terminal, 4, "sync")
    progress.step("doi2020")
    progress.step("arxiv2021")
    progress.close()
    assert terminal.getvalue().count("\r") == 2 and "2/4 arxiv2021" in terminal.getvalue()
    assert terminal.getvalue().endswith("\n")
    quiet = io.StringIO()
    Progress(quiet, 4, "sync").step("x")
    assert quiet.getvalue() == ""


def test_sync_failures_keep_earlier_counts_and_exit_1(api, tmp_path):
    site = make_site(tmp_path / "site")
    serve_counts(api)
    assert run(site, api)[0] == 0
    api.add("/works/doi:10.1234/abc.5", (500, {}, b"down"))
    code, _, err = run(site, api, "--ttl", "0", "--retries", "0")
    assert code == 1
    assert "doi2020: openalex: HTTP 500" in err
    data = sidecar(site)
    assert data["entries"]["doi2020"]["citations"] == 42  # kept from the first run
    assert data["complete"] is False and data["as_of"] == "2026-11-25"


def test_sync_stops_when_the_service_is_down(api, tmp_path):
    many = "".join(
        f"@article{{k{i}, title = {{Paper {i}}}, author = {{Lovelace, Ada}}, year = 2020, doi = {{10.9/{i}}}}}\n"
        for i in range(12)
    )
    site = make_site(tmp_path / "site", bib=many)
    api.add(
        lambda p, q: p.startswith("/works/doi:10.9/") and int(p.rsplit("/", 1)[1]) < 3,
        lambda p, q: (200, {}, json.dumps(oa_work("W" + p[-1], "Paper", 2020, int(p[-1]) + 1)).encode()),
    )
    api.add(
        lambda p, q: p.startswith("/works/doi:10.9/") and int(p.rsplit("/", 1)[1]) >= 3,
        (503, {"Retry-After": "0"}, b""),
    )
    code, _, err = run(site, api, "--retries", "1")
    assert code == 1 and "5 entries in a row failed" in err
    assert api.count("/works") < 12 * 2 + 5  # it stopped instead of asking about every entry
    assert {k: v["citations"] for k, v in sidecar(site)["entries"].items()} == {"k0": 1, "k1": 2, "k2": 3}


def test_sync_interrupted_halfway_loses_nothing_already_fetched(api, tmp_path):
    """The sync process is killed (SIGKILL, no clean-up) while it waits for the third answer."""
    bib = "".join(
        f"@article{{k{i}, title = {{Paper number {i}}}, author = {{Lovelace, Ada}}, year = 2020, doi = {{10.9/{i}}}}}\n"
        for i in range(5)
    )
    site = make_site(tmp_path / "site", bib=bib)
    release = threading.Event()
    reached = threading.Event()

    def answer(path, query):
        n = int(path.rsplit("/", 1)[1])
        if n == 2:
            reached.set()
            release.wait(20)
        return 200, {}, json.dumps(oa_work(f"W{n}", f"Paper number {n}", 2020, 10 + n, f"10.9/{n}")).encode()

    api.add(lambda p, q: p.startswith("/works/doi:10.9/"), answer)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sphinx_scholar.cli",
            "sync",
            "--config",
            str(site / "conf.py"),
            "--cache-dir",
            str(site / ".cache"),
            "--openalex-url",
            api.url,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert reached.wait(30), process.stderr.read() if process.poll() is not None else "no third request"
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        release.set()
        if process.poll() is None:
            process.kill()
    data = sidecar(site)
    assert {k: v["citations"] for k, v in data["entries"].items()} == {"k0": 10, "k1": 11}
    assert data["complete"] is False
    assert not list((site / "data").glob(".*.tmp"))
    # Run again: the first two come from the cache, the rest from the server.
    code, out, err = run(site, api)
    assert code == 0, err
    assert {k: v["citations"] for k, v in sidecar(site)["entries"].items()} == {f"k{i}": 10 + i for i in range(5)}
    assert sidecar(site)["complete"] is True
    assert api.count("/works/doi:10.9/0") == 1 and api.count("/works/doi:10.9/1") == 1


def test_sync_keyboard_interrupt_saves_what_was_fetched(api, tmp_path, monkeypatch):
    site = make_site(tmp_path / "site")
    serve_counts(api)
    from sphinx_scholar.sync import command

    steps = {"n": 0}
    original = command.Progress.step

    def step(self, text=""):
        original(self, text)
        steps["n"] += 1
        if steps["n"] == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(command.Progress, "step", step)
    code, _, err = run(site, api)
    assert code == 130 and "keeps the entries fetched so far" in err
    assert set(sidecar(site)["entries"]) == {"doi2020", "arxiv2021"}


def test_sync_usage_errors(api, tmp_path):
    site = make_site(tmp_path / "site")
    assert run(site, api, "--sources", "scholar")[0] == 2
    code, _, err = run(tmp_path / "nowhere", api)
    assert code == 2 and "not found" in err


def test_sync_help_is_helpful():
    out = io.StringIO()
    with pytest.raises(SystemExit) as stop:
        sys_stdout, sys.stdout = sys.stdout, out
        try:
            main(["sync", "--help"])
        finally:
            sys.stdout = sys_stdout
    assert stop.value.code == 0
    text = out.getvalue()
    for phrase in (
        "citations.json",
        "--import",
        "--dry-run",
        "--offline",
        "never touches the network",
        "OPENALEX_API_KEY",
    ):
        assert phrase in " ".join(text.split()), phrase


# --- sync --import ----------------------------------------------------------------------------------------------------

ORCID_WORKS = {
    "last-modified-date": {"value": 1700000000000},
    "group": [
        {
            "last-modified-date": {"value": 1},
            "external-ids": {"external-id": []},
            "work-summary": [
                {
                    "put-code": 11,
                    "type": "journal-article",
                    "title": {"title": {"value": "A Brand New Result"}, "subtitle": None},
                    "external-ids": {
                        "external-id": [
                            {
                                "external-id-type": "doi",
                                "external-id-value": "10.5555/NEW.1",
                                "external-id-relationship": "self",
                            }
                        ]
                    },
                    "publication-date": {"year": {"value": "2024"}, "month": {"value": "02"}, "day": None},
                    "journal-title": {"value": "New Journal"},
                }
            ],
        },
        {
            "last-modified-date": {"value": 1},
            "external-ids": {"external-id": []},
            "work-summary": [
                {
                    "put-code": 12,
                    "type": "conference-paper",
                    "title": {"title": {"value": "Only in ORCID"}},
                    "external-ids": {"external-id": []},
                    "publication-date": {"year": {"value": "2023"}},
                    "journal-title": None,
                }
            ],
        },
        {
            "last-modified-date": {"value": 1},
            "external-ids": {"external-id": []},
            "work-summary": [
                {
                    "put-code": 13,
                    "type": "journal-article",
                    "title": {"title": {"value": "Counting things carefully"}},
                    "external-ids": {
                        "external-id": [{"external-id-type": "doi", "external-id-value": "10.1234/abc.5"}]
                    },
                    "publication-date": {"year": {"value": "2020"}},
                }
            ],
        },
        {"work-summary": []},  # a malformed group is skipped
    ],
    "path": "/0000-0002-1825-0097/works",
}

DBLP_XML = """<?xml version="1.0" encoding="US-ASCII"?>
<dblpperson name="Ada Lovelace" pid="12/3456" n="3">
<person key="homepages/12/3456" mdate="2024-01-01"><author pid="12/3456">Ada Lovelace</author></person>
<r><inproceedings key="conf/test/Lovelace19" mdate="2020-01-01">
<author pid="12/3456">Ada Lovelace</author><title>Notes on the Analytical Engine.</title>
<pages>1-10</pages><year>2019</year><booktitle>Proc. Tests</booktitle><ee>https://example.org/notes</ee></inproceedings></r>
<r><article key="journals/corr/abs-2501-01234" mdate="2025-01-05" publtype="informal">
<author pid="12/3456">Ada Lovelace</author><author pid="98/7654">Charles Babbage 0001</author>
<title>Engines &amp; {Braces}: 100% of $x_1$.</title><journal>CoRR</journal><volume>abs/2501.01234</volume>
<year>2025</year><ee type="oa">https://arxiv.org/abs/2501.01234</ee></article></r>
<r><article key="journals/jt/Lovelace20"><author pid="12/3456">Ada Lovelace</author>
<title>Counting Things Carefully.</title><year>2020</year><journal>J. Tests</journal>
<ee>https://doi.org/10.1234/abc.5</ee></article></r>
</dblpperson>
"""


def serve_import(api: FakeApi, fail_second_page: bool = False) -> None:
    def author_works(path, query):
        assert query["filter"] == "author.id:A5023888391" and query.get("per-page") == "100"
        if query["cursor"] == "*":
            return (
                200,
                {},
                json.dumps(
                    oa_list(
                        [
                            oa_work("W10", "Counting Things Carefully", 2020, 42, "10.1234/ABC.5"),  # in the .bib (DOI)
                            oa_work(
                                "W11",
                                "A Brand New Result",
                                2024,
                                3,
                                "10.5555/new.1",
                                authors=("Ada Lovelace", "Mary Somerville"),
                            ),
                        ],
                        next_cursor="IlsxNjA5MzcyODAwMDAwLCAnaHR0cHM6Ly9vcGVuYWxleC5vcmcvVzI0ODg0OTkzMjQnXSI=",
                        count=3,
                    )
                ).encode(),
            )
        if fail_second_page:
            return 500, {}, b"internal error"
        return (
            200,
            {},
            json.dumps(
                oa_list(
                    [
                        oa_work(
                            "W12", "A preprint about engines", 2021, 1, "10.48550/arXiv.2101.00001", kind="preprint"
                        ),  # arXiv dup
                        oa_work("W13", "Weaving Algebraic Patterns", 2022, 0, "10.5555/weave", kind="article"),
                    ],
                    next_cursor=None,
                    count=4,
                )
            ).encode(),
        )

    api.add(lambda p, q: p == "/works" and q.get("filter", "").startswith("author.id:"), author_works)
    api.add("/v3.0/0000-0002-1825-0097/works", ORCID_WORKS)
    api.add("/pid/12/3456.xml", DBLP_XML)


IMPORT_PROFILE = {
    "name": "Ada Lovelace",
    "email": "ada@example.org",
    "links": {
        "openalex": "https://openalex.org/A5023888391",
        "orcid": "https://orcid.org/0000-0002-1825-0097",
        "dblp": "https://dblp.org/pid/12/3456.html",
    },
}


def test_import_writes_new_works_deduplicated_as_clean_bibtex(api, tmp_path):
    site = make_site(tmp_path / "site", profile=IMPORT_PROFILE)
    serve_counts(api)
    serve_import(api)
    code, out, err = run(site, api, "--import")
    assert code == 0, err
    assert "Import: 4 work(s) not in your .bib files" in out
    imported = site / "data" / "imported.bib"
    bibliography = load_bibliography(imported)
    assert bibliography.problems == ()
    titles = {p.title.text: p for p in bibliography.entries}
    # Escaped braces come back as braces: the title round-trips exactly.
    assert set(titles) == {
        "A Brand New Result",
        "Weaving Algebraic Patterns",
        "Only in ORCID",
        "Engines & {Braces}: 100% of $x_1$",
    }
    new = titles["A Brand New Result"]
    assert new.type == "article" and new.field("doi") == "10.5555/new.1" and new.year == 2024
    assert [a.last for a in new.authors] == ["Lovelace", "Somerville"]
    assert titles["Only in ORCID"].type == "inproceedings"
    dblp = titles["Engines & {Braces}: 100% of $x_1$"]
    assert dblp.field("title") == r"{Engines \& \textbraceleft{}Braces\textbraceright{}: 100\% of \$x\_1\$}"
    assert dblp.field("eprint") == "2501.01234" and [a.last for a in dblp.authors] == ["Lovelace", "Babbage"]
    assert len({p.key for p in bibliography.entries}) == 4
    assert api.count("/works?") >= 2  # two cursor pages
    # The import file is not read as one of the user's entries on the next run.
    code, out, _ = run(site, api, "--import")
    assert "Import: 4 work(s)" in out and "of 4 entries matched" in out


def test_import_partial_pages_keep_what_was_read(api, tmp_path):
    site = make_site(tmp_path / "site", profile={**IMPORT_PROFILE, "links": {"openalex": "A5023888391"}})
    serve_counts(api)
    serve_import(api, fail_second_page=True)
    code, out, err = run(site, api, "--import", "--retries", "0")
    assert code == 1 and "incomplete" in out and "import: openalex: HTTP 500" in err
    titles = [p.title.text for p in load_bibliography(site / "data" / "imported.bib").entries]
    assert titles == ["A Brand New Result"]


def test_import_needs_an_identifier_in_the_profile(api, tmp_path):
    site = make_site(tmp_path / "site")
    serve_counts(api)
    code, _, err = run(site, api, "--import")
    assert code == 2 and "needs an `openalex`, `orcid` or `dblp` link" in err


def test_dblp_xml_with_a_dtd_is_refused(api, tmp_path):
    site = make_site(tmp_path / "site", profile={**IMPORT_PROFILE, "links": {"dblp": "12/3456"}})
    serve_counts(api)
    api.add("/pid/12/3456.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><dblpperson>&a;</dblpperson>')
    code, _, err = run(site, api, "--import", "--retries", "0")
    assert code == 1 and "malformed response" in err


# --- the build side -------------------------------------------------------------------------------------------------


def test_sidecar_reader_problems(tmp_path):
    assert load_citation_counts(tmp_path / "missing.json").exists is False
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "entries": {\n    "a": 1,\n  }\n}\n')
    counts = load_citation_counts(broken)
    assert counts.counts == {} and len(counts.problems) == 1
    # Python 3.13's json names the line of the trailing comma, earlier ones the next line.
    assert counts.problems[0].subtype == "citations-file" and counts.problems[0].line in (3, 4)
    odd = tmp_path / "odd.json"
    odd.write_text(
        json.dumps(
            {
                "format": 1,
                "as_of": "2026-01-01",
                "entries": {
                    "a": {"citations": 3},
                    "b": {"citations": -1},
                    "c": {"citations": "12"},
                    "d": {"citations": None},
                    "e": 4,
                    "f": {"citations": True},
                },
            }
        )
    )
    counts = load_citation_counts(odd)
    assert dict(counts.counts) == {"a": 3, "e": 4} and len(counts.problems) == 1
    assert "3 citation count(s)" in counts.problems[0].message
    fresh = load_citation_counts(tmp_path / "fresh.json")
    assert stale_problem(fresh, dt.date(2030, 1, 1), 30) is None  # missing: not stale
    ok = tmp_path / "ok.json"
    ok.write_text(json.dumps({"format": 1, "as_of": "2026-01-01", "entries": {"a": 1}}))
    counts = load_citation_counts(ok)
    assert stale_problem(counts, dt.date(2026, 1, 31), 30) is None
    assert "31 days old" in stale_problem(counts, dt.date(2026, 2, 1), 30).message
    assert stale_problem(counts, dt.date(2036, 2, 1), 0) is None


def metrics_of(app) -> tuple[dict[str, str], str]:
    card = soup_of(app).select_one(".scholar-profile")
    metrics = {m["class"][1]: m.select_one("strong").get_text() for m in card.select(".scholar-metric")}
    as_of = card.select_one(".scholar-metrics-as-of")
    return metrics, as_of.get_text() if as_of else ""


def test_profile_card_metrics_from_the_sidecar_with_as_of_date(tmp_path, build, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the build touched the network")

    monkeypatch.setattr("urllib.request.urlopen", no_network)
    monkeypatch.setattr("socket.create_connection", no_network)
    site = make_site(tmp_path / "site")
    # No sidecar: the `citations` fields (3 and 5), no date, no warning.
    app = build(site, freshenv=True)
    assert warnings_of(app) == []
    metrics, as_of = metrics_of(app)
    assert metrics["scholar-metric-citations"] == "8" and as_of == ""
    (site / "data" / "citations.json").write_text(
        json.dumps(
            {
                "format": 1,
                "as_of": "2026-11-20",
                "complete": True,
                "entries": {
                    "doi2020": {"citations": 42},
                    "arxiv2021": {"citations": 7},
                    "title2019": {"citations": 11},
                    "nomatch2018": {"citations": None},
                },
            }
        )
    )
    app = build(site)  # incremental: the sidecar is a dependency of the page? not yet (it did not exist)
    app = build(site, freshenv=True)
    assert warnings_of(app) == []
    metrics, as_of = metrics_of(app)
    # 42 + 7 + 11 from the sidecar, 5 from nomatch2018's own field.
    assert metrics == {
        "scholar-metric-h-index": "4",
        "scholar-metric-i10-index": "2",
        "scholar-metric-papers": "4",
        "scholar-metric-citations": "65",
    }
    assert as_of == "(as of Nov 20, 2026)"  # in the site's language (Babel)
    # An edited sidecar re-reads the page without -E.
    time.sleep(0.01)
    data = json.loads((site / "data" / "citations.json").read_text())
    data["entries"]["doi2020"]["citations"] = 100
    (site / "data" / "citations.json").write_text(json.dumps(data))
    os.utime(site / "data" / "citations.json", (time.time() + 5, time.time() + 5))
    app = build(site)
    assert metrics_of(app)[0]["scholar-metric-citations"] == "123"


def test_stale_or_broken_sidecar_is_one_located_warning(tmp_path, build):
    site = make_site(tmp_path / "site", extra_conf="scholar_citations_max_age = 30\n")
    site.joinpath("second.rst").write_text("Again\n=====\n\n.. profile-card::\n   :metrics:\n")
    site.joinpath("index.rst").write_text(
        "Home\n====\n\n.. profile-card::\n   :metrics:\n\n.. toctree::\n\n   second\n"
    )
    (site / "data" / "citations.json").write_text(
        json.dumps({"format": 1, "as_of": "2026-01-01", "entries": {"doi2020": {"citations": 42}}})
    )
    app = build(site, freshenv=True)
    warnings = warnings_of(app)
    assert len(warnings) == 1, warnings
    assert (
        "citations.json" in warnings[0] and "328 days old" in warnings[0] and "[scholar.citations-stale]" in warnings[0]
    )
    assert metrics_of(app)[0]["scholar-metric-citations"] == "47"  # stale counts are still shown
    (site / "data" / "citations.json").write_text('{"format": 1, "entries": {"doi2020": {"citations": 42},}}')
    app = build(site, freshenv=True)
    warnings = warnings_of(app)
    assert len(warnings) == 1 and "citations.json:1" in warnings[0] and "[scholar.citations-file]" in warnings[0]
    assert metrics_of(app)[0]["scholar-metric-citations"] == "8"  # fell back to the fields


def test_named_sidecar_missing_is_one_warning(tmp_path, build):
    site = make_site(tmp_path / "site", extra_conf="scholar_citations = 'metrics/counts.json'\n")
    app = build(site, freshenv=True)
    warnings = warnings_of(app)
    assert len(warnings) == 1 and "counts.json" in warnings[0] and "not found" in warnings[0]


# --- the scaffold's weekly workflow -------------------------------------------------------------------------------------


def test_new_with_sync_workflow(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["new", str(tmp_path / "site"), "--no-input", "--sync-workflow"], stdin=io.StringIO(), stdout=out, stderr=err
    )
    assert code == 0, err.getvalue()
    workflow = yaml.safe_load((tmp_path / "site" / ".github" / "workflows" / "sync.yml").read_text())
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as True
    assert on["schedule"][0]["cron"] and "workflow_dispatch" in on
    steps = workflow["jobs"]["sync"]["steps"]
    commands = " ".join(str(s.get("run", "")) for s in steps)
    assert "sphinx-scholar sync" in commands
    assert "-I '\"as_of\"'" in commands  # a week with only new dates opens no pull request
    assert any("create-pull-request" in str(s.get("uses", "")) for s in steps)
    assert workflow["permissions"] == {"contents": "write", "pull-requests": "write"}
    plain = tmp_path / "plain"
    assert main(["new", str(plain), "--no-input"], stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO()) == 0
    assert not (plain / ".github" / "workflows" / "sync.yml").exists()


# --- per-paper counts and sorting by them ---------------------------------------------------------------------------


def test_sort_by_citations_uses_synced_counts_then_fields():
    from sphinx_scholar.selection.choose import select_publications

    pubs = list(load_bibliography_text(BIB).entries)
    order = [p.key for p in select_publications(pubs, order="citations", counts={"doi2020": 42, "arxiv2021": 7})]
    assert order == ["doi2020", "arxiv2021", "nomatch2018", "title2019"]  # 42, 7, 5 (field), none
    assert [p.key for p in select_publications(pubs, order="citations")] == [
        "nomatch2018",
        "doi2020",
        "arxiv2021",
        "title2019",
    ]


def load_bibliography_text(text: str):
    from sphinx_scholar.loaders.bibtex import Bibliography, parse_bibliography

    entries, problems = parse_bibliography(text, "test.bib")
    return Bibliography("test.bib", "", tuple(entries), tuple(problems))


@pytest.mark.parametrize("style", ["list", "barron", "profile", "cards"])
def test_citations_option_in_every_style_and_sorting(tmp_path, build, style):
    site = make_site(tmp_path / "site")
    (site / "data" / "citations.json").write_text(
        json.dumps(
            {
                "format": 1,
                "as_of": "2026-11-20",
                "entries": {
                    "doi2020": {"citations": 42},
                    "title2019": {"citations": 11},
                    "nomatch2018": {"citations": None},
                },
            }
        )
    )
    (site / "pubs.md").write_text(
        f"# Papers\n\n```{{publications}}\n:style: {style}\n:sort: citations\n:citations:\n```\n"
    )
    (site / "index.rst").write_text("Home\n====\n\n.. toctree::\n\n   pubs\n")
    (site / "conf.py").write_text((site / "conf.py").read_text() + "extensions += ['myst_parser']\n")
    app = build(site, freshenv=True)
    assert warnings_of(app) == []
    page = soup_of(app, "pubs")
    entries = page.select(".scholar-pub")
    assert [e.get("id", "").removeprefix("pub-") for e in entries] == [
        "doi2020",
        "title2019",
        "nomatch2018",
        "arxiv2021",
    ]
    badges = [
        (b.find_parent(class_="scholar-pub")["id"], b.get_text()) for b in page.select(".scholar-badge-citations")
    ]
    assert badges == [
        ("pub-doi2020", "Cited by 42"),
        ("pub-title2019", "Cited by 11"),
        ("pub-nomatch2018", "Cited by 5"),
    ]


def test_citations_option_off_by_default(tmp_path, build):
    site = make_site(tmp_path / "site")
    (site / "index.rst").write_text("Home\n====\n\n.. publications::\n   :sort: citations\n")
    app = build(site, freshenv=True)
    assert warnings_of(app) == [] and soup_of(app).select(".scholar-badge-citations") == []


def test_first_run_interrupted_still_has_a_date(tmp_path):
    path = tmp_path / "citations.json"
    path.write_text(
        json.dumps(
            {
                "format": 1,
                "as_of": "",
                "complete": False,
                "entries": {"a": {"citations": 1, "as_of": "2026-11-24"}, "b": {"citations": 2, "as_of": "2026-11-25"}},
            }
        )
    )
    assert load_citation_counts(path).as_of == "2026-11-24"


def test_shared_dois_are_reported_and_401_explains_the_key(api, tmp_path):
    bib = (
        BIB
        + "@article{again, title = {Counting things carefully (again)}, author = {Lovelace, Ada}, year = 2020, doi = {10.1234/abc.5}}\n"
    )
    site = make_site(tmp_path / "site", bib=bib)
    api.add("/works/doi:10.1234/abc.5", (401, {}, b'{"error": "API key required"}'))
    code, _, err = run(site, api, "--retries", "0")
    assert code == 1
    assert "entries doi2020, again share the DOI 10.1234/abc.5" in err
    assert "set OPENALEX_API_KEY" in err


def test_new_sync_workflow_never_overwrites(tmp_path):
    target = tmp_path / "site"
    (target / ".github" / "workflows").mkdir(parents=True)
    (target / ".github" / "workflows" / "sync.yml").write_text("mine")
    err = io.StringIO()
    assert (
        main(
            ["new", str(target), "--no-input", "--sync-workflow"], stdin=io.StringIO(), stdout=io.StringIO(), stderr=err
        )
        == 1
    )
    assert "sync.yml" in err.getvalue() and (target / ".github" / "workflows" / "sync.yml").read_text() == "mine"


def test_damaged_or_unwritable_cache_is_not_fatal(api, tmp_path):
    api.add("/works/doi:10.1/x", oa_work("W1", "T", 2020, 4))
    http = Http(cache_dir=tmp_path / "cache", min_interval={})
    client = OpenAlex(http, api.url)
    client.work_by_doi("10.1/x")
    for cached in (tmp_path / "cache").rglob("*.json"):
        cached.write_text('{"status": "x"}')
    assert client.work_by_doi("10.1/x").extra["citations"] == 4 and api.count("/works/doi:10.1/x") == 2
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    assert OpenAlex(Http(cache_dir=blocked, min_interval={}), api.url).work_by_doi("10.1/x").extra["citations"] == 4


def test_group_card_metrics_from_the_sidecar(tmp_path, build):
    from test_lab import CONF, DATA, PAGES, RST

    site = write_project(tmp_path / "lab", {"conf.py": CONF, **DATA, **PAGES, "index.rst": RST})
    (site / "citations.json").write_text(
        json.dumps({"format": 1, "as_of": "2026-02-20", "entries": {"s2024": {"citations": 30}}})
    )
    app = build(site, freshenv=True)
    # test_lab's data holds a hostile bio on purpose (its markup warning is tested there)
    assert [w for w in warnings_of(app) if "[scholar.markup]" not in w] == []
    card = soup_of(app).select_one(".scholar-group-card")
    assert card.select_one(".scholar-metric-citations strong").get_text() == "33"  # 30 synced + 3 from p2019's field
    assert card.select_one(".scholar-metrics-as-of").get_text() == "(as of Feb 20, 2026)"  # the site's language


def test_sync_on_a_lab_site_uses_the_group_email(api, tmp_path):
    from test_lab import CONF, DATA

    site = write_project(
        tmp_path / "lab", {"conf.py": CONF, **DATA, "group.yaml": DATA["group.yaml"] + "email: lab@example.org\n"}
    )
    api.add(lambda p, q: p == "/works", {"meta": {"count": 0, "next_cursor": None}, "results": []})
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["sync", "--config", str(site / "conf.py"), "--openalex-url", api.url, "--cache-dir", str(site / ".c")],
        stdout=out,
        stderr=err,
    )
    assert code == 0, err.getvalue()
    assert all("mailto=lab%40example.org" in r for r in api.requests) and len(api.requests) == 2
    assert json.loads((site / "citations.json").read_text())["entries"]["s2024"]["citations"] is None


# --- odd shapes in otherwise valid responses never crash -------------------------------------------------------------

from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_json = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**6) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "results",
                    "meta",
                    "next_cursor",
                    "title",
                    "display_name",
                    "ids",
                    "doi",
                    "authorships",
                    "author",
                    "primary_location",
                    "source",
                    "biblio",
                    "cited_by_count",
                    "publication_year",
                    "message",
                    "is-referenced-by-count",
                    "issued",
                    "date-parts",
                    "group",
                    "work-summary",
                    "external-ids",
                    "external-id",
                    "external-id-type",
                    "external-id-value",
                    "publication-date",
                    "year",
                    "value",
                    "journal-title",
                    "type",
                ]
            ),
            children,
            max_size=6,
        )
    ),
    max_leaves=25,
)


class CannedHttp:
    def __init__(self, value):
        self.value = value

    def get(self, source, url, **kwargs):
        return self.value


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_json)
def test_odd_json_shapes_never_crash_a_client(value):
    from sphinx_scholar.sync.sources import Crossref, Orcid

    http = CannedHttp(value)
    OpenAlex(http, "http://x").work_by_doi("10.1/x")
    OpenAlex(http, "http://x").search_title("A title", 2020)
    list(OpenAlex(http, "http://x").author_works(author_id="A1", max_pages=3))
    Crossref(http, "http://x").work_by_doi("10.1/x")
    Orcid(http, "http://x").works("0000-0002-1825-0097")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.text(min_size=1, max_size=40), st.lists(st.text(max_size=15), max_size=3), st.text(max_size=15)),
        min_size=1,
        max_size=4,
    )
)
def test_imported_bibtex_always_parses(items):
    from sphinx_scholar.loaders.bibtex import parse_bibliography
    from sphinx_scholar.sync.command import to_bibtex
    from sphinx_scholar.sync.sources import _text

    works = [
        Work(
            title=_text(t) or "x",
            year=2020,
            authors=tuple(_text(a) for a in authors if _text(a) and _text(a) != "others"),
            extra={"type": "article", "venue": _text(venue), "source": "openalex", "id": "W1"},
        )
        for t, authors, venue in items
    ]
    # A title that is only a tag ("<A>") is read as HTML (issue 13) and has no text: not this property.
    assume(all(re.sub(r"<[^<>]*>", "", work.title).strip() for work in works))
    entries, problems = parse_bibliography(to_bibtex(works, ["taken"], dt.date(2026, 1, 1)), "imported.bib")
    assert [p for p in problems if p.subtype != "bibtex-name"] == []
    assert len(entries) == len(works) and len({e.key for e in entries}) == len(works)


def test_semantic_scholar_counts_by_doi_and_arxiv(api, tmp_path, monkeypatch):
    site = make_site(tmp_path / "site")
    serve_counts(api)
    paper = {
        "paperId": "204e3073870fae3d05bcbc2f6a8e263d9b72e776",
        "externalIds": {"DOI": "10.1234/abc.5", "CorpusId": 1},
        "title": "Counting Things Carefully",
        "year": 2020,
        "citationCount": 57,
    }
    api.add("/graph/v1/paper/DOI:10.1234/abc.5", paper)
    api.add(
        "/graph/v1/paper/ARXIV:2101.00001",
        {
            **paper,
            "externalIds": {"ArXiv": "2101.00001"},
            "citationCount": 9,
            "paperId": "p2",
            "title": "A Preprint About Engines",
        },
    )
    monkeypatch.setenv("S2_API_KEY", "s2-secret")
    code, _, err = run(site, api, "--sources", "semanticscholar,openalex")
    assert code == 0, err
    entries = sidecar(site)["entries"]
    assert entries["doi2020"]["citations"] == 57 and entries["doi2020"]["source"] == "semanticscholar"
    assert entries["doi2020"]["counts"] == {"semanticscholar": 57, "openalex": 42}
    assert entries["arxiv2021"]["citations"] == 9 and entries["arxiv2021"]["match"] == "arxiv"
    assert entries["title2019"]["source"] == "openalex"  # no identifier: only OpenAlex searches titles
    s2 = [h for r, h in zip(api.requests, api.headers) if r.startswith("/graph/")]
    assert s2 and all({k.lower(): v for k, v in h.items()}.get("x-api-key") == "s2-secret" for h in s2)
    assert all(
        "fields=title%2Cyear%2CexternalIds%2CcitationCount" in r for r in api.requests if r.startswith("/graph/")
    )
    assert "s2-secret" not in "".join(p.read_text() for p in (site / ".cache").rglob("*.json"))
