"""Real researchers' files (``../shared/realworld/``, issue 13): every ``.bib`` in the
``list``, ``barron`` and ``profile`` styles and every RenderCV ``cv/*.yaml`` with ``cv``.

One Sphinx build per style, all files in one project. What is checked is counted
independently of the project's parser: entries are ``@type{`` blocks of the file,
authors and link fields are read with a brace matcher written here, and the
owner's name forms come from the corpus README's table.

Set ``SCHOLAR_REALWORLD`` to use another copy of the corpus; without it the module
is skipped with a reason (the corpus is not part of the repository).
"""

from __future__ import annotations

import os
import re
import shutil
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

CORPUS = Path(os.environ.get("SCHOLAR_REALWORLD") or Path(__file__).resolve().parents[2] / "shared" / "realworld")
if not (CORPUS / "bib").is_dir():
    pytest.skip(f"the real-world corpus is not at {CORPUS} (set SCHOLAR_REALWORLD)", allow_module_level=True)

BIBS = sorted((CORPUS / "bib").glob("*.bib"))
CVS = sorted((CORPUS / "cv").glob("*.yaml"))
STYLES = ("list", "barron", "profile")
#: What the perf branch's new decoder fixes (records/richtext.py, issue 13 items 6, 7 and 9).


# -- the corpus, read without the project's parser ------------------------------------------


def _text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _group(text: str, start: int) -> tuple[str, int]:
    """The braced or quoted value at ``start`` and the index after it."""
    opener = text[start]
    if opener == '"':
        depth, index = 0, start + 1
        while index < len(text):
            char = text[index]
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            elif char == '"' and depth == 0:
                return text[start + 1 : index], index + 1
            index += 1
        return text[start + 1 :], len(text)
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : index], index + 1
    return text[start + 1 :], len(text)


_FIELD = re.compile(r"[\s,]*([A-Za-z][\w\-:.]*)\s*=\s*")


def _fields(body: str) -> dict[str, str]:
    """``key, name = {value}, ...`` (a missing comma after the key is tolerated, as BibTeX does)."""
    fields: dict[str, str] = {}
    index = re.match(r"\s*[^,\s=]*\s*,?", body).end()
    while True:
        match = _FIELD.match(body, index)
        if not match:
            return fields
        start = match.end()
        if start < len(body) and body[start] in '{"':
            value, index = _group(body, start)
        else:
            value = re.match(r"[^,]*", body[start:]).group(0)
            index = start + len(value)
        fields.setdefault(match.group(1).lower(), " ".join(value.split()))


def corpus_entries(path: Path) -> list[dict[str, str]]:
    """Each entry of the file (not @string/@preamble/@comment) with its fields, in order;
    a ``crossref`` child gets its parent's missing fields, as BibTeX does."""
    text = _text(path)
    out = []
    for match in re.finditer(r"^\s*@\s*([A-Za-z]+)\s*\{", text, re.M):
        if match.group(1).lower() in {"string", "preamble", "comment"}:
            continue
        body, _ = _group(text, match.end() - 1)
        key = re.match(r"\s*([^,\s=]*)", body).group(1)
        out.append({"@key": key, **_fields(body)})
    by_key = {e["@key"].lower(): e for e in out}
    for entry in out:
        parent = by_key.get(entry.get("crossref", "").lower())
        if parent:
            for name, value in parent.items():
                entry.setdefault(name, value)
    return out


def owners() -> dict[str, tuple[str, list[str], list[str]]]:
    """file name -> (owner's full name, name forms as written, other people's forms), from the README."""
    table = {}
    for line in (CORPUS / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 5 or not cells[0].startswith("bib/"):
            continue
        owner = cells[4]
        if owner.lower() == "none":
            table[cells[0][4:]] = ("", [], [])
            continue
        full = owner.split(":", 1)[0].strip()
        mine, others = [], []
        for part in owner.split(";"):
            forms = re.findall(r"`([^`]+)`", part)
            (others if "another person" in part else mine).extend(forms)
        table[cells[0][4:]] = (full, mine, others)
    return table


def author_names(fields: dict[str, str]) -> list[str]:
    return [n.strip() for n in re.split(r"\s+and\s+", fields.get("author", "")) if n.strip()]


# -- the builds -------------------------------------------------------------------------------


def _page(name: str, path: Path, style: str, owner: str) -> str:
    highlight = f"   :highlight: {owner}\n" if owner else ""
    return (
        f"{name}\n{'=' * len(name)}\n\n.. publications::\n   :bibfile: {path.name}\n   :style: {style}\n"
        f"   :sort: source\n   :group-by: none\n   :abstract: shown\n{highlight}"
    )


_BUILDS: dict[str, tuple] = {}


def build(style: str, base: Path):
    if style in _BUILDS:
        return _BUILDS[style]
    from sphinx.testing.util import SphinxTestApp

    root = base / f"realworld-{style}"
    root.mkdir()
    table = owners()
    docs = []
    for number, bib in enumerate(BIBS):
        shutil.copy(bib, root / bib.name)
        (root / f"bib{number:02d}.rst").write_text(
            _page(bib.stem, bib, style, table.get(bib.name, ("",))[0]), encoding="utf-8"
        )
        docs.append(f"bib{number:02d}")
    if style == "list":
        for number, cv in enumerate(CVS):
            shutil.copy(cv, root / cv.name)
            (root / f"cv{number:02d}.rst").write_text(
                f"{cv.stem}\n{'=' * len(cv.stem)}\n\n.. cv:: {cv.name}\n", encoding="utf-8"
            )
            docs.append(f"cv{number:02d}")
    (root / "index.rst").write_text(
        "Corpus\n======\n\n.. toctree::\n\n" + "".join(f"   {d}\n" for d in docs), encoding="utf-8"
    )
    (root / "conf.py").write_text('extensions = ["sphinx_scholar"]\nproject = "realworld"\n', encoding="utf-8")
    warning = StringIO()
    app = SphinxTestApp("html", srcdir=root, status=StringIO(), warning=warning)
    try:
        app.build()
    finally:
        app.cleanup()
    _BUILDS[style] = (Path(app.outdir), warning.getvalue())
    return _BUILDS[style]


@pytest.fixture(scope="module")
def base():
    # A folder of its own: pytest's shared temporary folders are pruned by other sessions.
    import tempfile

    with tempfile.TemporaryDirectory(prefix="scholar-realworld-") as folder:
        yield Path(folder)
    _BUILDS.clear()


@pytest.fixture(scope="module", params=STYLES)
def site(request, base):
    return (request.param, *build(request.param, base))


def lists(out: Path) -> dict[str, BeautifulSoup]:
    return {
        bib.name: BeautifulSoup((out / f"bib{n:02d}.html").read_text(encoding="utf-8"), "html.parser")
        for n, bib in enumerate(BIBS)
    }


def items(page: BeautifulSoup):
    return page.select("li.scholar-pub")


def visible_text(item) -> str:
    """What a reader sees of an entry: without <pre>, real math, scripts and contribution marks."""
    item = BeautifulSoup(str(item), "html.parser")
    for hidden in item.select("pre, script, style, .math, span.scholar-math, sup.scholar-mark, .scholar-bibtex-box"):
        hidden.decompose()
    return " ".join(item.get_text(" ").split())


# -- BibTeX ---------------------------------------------------------------------------------------


def test_builds_without_traceback(site):
    style, out, warnings = site
    assert "Traceback" not in warnings and "Exception occurred" not in warnings
    assert all((out / f"bib{n:02d}.html").is_file() for n in range(len(BIBS)))


def test_every_entry_is_shown(site):
    style, out, _ = site
    pages = lists(out)
    shown = {name: len(items(page)) for name, page in pages.items()}
    expected = {bib.name: len(corpus_entries(bib)) for bib in BIBS}
    assert shown == expected


def _offenders(out: Path, pattern: str, *, only=None) -> list[tuple[str, str]]:
    found = []
    for name, page in lists(out).items():
        for item in items(page):
            text = visible_text(item)
            match = re.search(pattern, text)
            if match and (only is None or only(name, text)):
                found.append((name, text[max(0, match.start() - 40) : match.end() + 40]))
    return found


def test_no_latex_command_or_brace_left(site):
    _, out, _ = site
    assert _offenders(out, r"\\[A-Za-z]+|[{}]") == []


def test_no_literal_html_tag_or_markdown_syntax(site):
    _, out, _ = site
    html = _offenders(out, r"</?[A-Za-z][A-Za-z0-9:]*(?:\s[^<>]*)?/?>")
    markdown = _offenders(out, r"\*\*|\]\(|(?<![\w*])\*[^\s*][^*]*[^\s*]\*(?![\w*])")
    assert html == [] and markdown == []


def test_alfolio_example_shows_no_br_asterisk_or_markdown_link(site):
    """al-folio's own example papers.bib, as it is: no <br>, * or ]( anywhere (marks are superscripts)."""
    _, out, _ = site
    page = lists(out)["15-alfolio-template.bib"]
    assert len(items(page)) == len(corpus_entries(CORPUS / "bib" / "15-alfolio-template.bib"))
    for item in items(page):
        text = visible_text(item)
        assert "<br" not in text and "*" not in text and "](" not in text, text


def test_no_math_markup_left(site):
    """Sub/superscripts with ``_``/``^`` (``H_0``, ``x^{2}``) and ``$`` of math: the Unicode form or real math only.
    Identifiers with underscores (``QELS_Fundamental``, ``OCC_IL_TL``) are text."""
    _, out, _ = site
    assert _offenders(out, r"(?<![A-Za-z_])[A-Za-z0-9)\]][_^](?:\{|[A-Za-z0-9+\-](?![A-Za-z_]))") == []
    # A "$" is math markup unless the source wrote a dollar sign: "\$" or a lone "$" ("$225 hardback").
    dollars = []
    for bib in BIBS:
        for fields, item in zip(corpus_entries(bib), items(lists(out)[bib.name])):
            source = " ".join(fields.values())
            if "\\$" in source or len(re.findall(r"(?<!\\)\$", source)) % 2:
                continue
            if "$" in visible_text(item):
                dollars.append((bib.name, fields["@key"]))
    assert dollars == []


def test_url_and_href_in_any_field_are_links(site):
    style, out, _ = site
    if style == "profile":
        pytest.skip("the profile card shows no venue and no note, where these links are")
    missing = []
    for bib in BIBS:
        for fields, item in zip(corpus_entries(bib), items(lists(out)[bib.name])):
            addresses = {_address(a.get("href", "")) for a in item.select("a[href]")}
            for name, value in fields.items():
                for target in re.findall(r"\\(?:url|href)\s*\{([^{}]+)\}", value):
                    if target.startswith(("http://", "https://")) and _address(_unescape(target)) not in addresses:
                        missing.append((bib.name, name, target))
    assert missing == []


def test_owner_highlighted_exactly_in_their_entries(site):
    style, out, _ = site
    table = owners()
    wrong = []
    for bib in BIBS:
        full, forms, others = table.get(bib.name, ("", [], []))
        page = lists(out)[bib.name]
        for fields, item in zip(corpus_entries(bib), items(page)):
            names = author_names(fields)
            expected = any(n in forms for n in names)
            highlighted = [s.get_text() for s in item.select(".scholar-me")]
            if bool(highlighted) != expected or len(highlighted) > 1:
                wrong.append((bib.name, names[:6], highlighted))
            for other in others:
                if other in names and any(other.split(",")[1].strip().split()[0] in h for h in highlighted):
                    wrong.append((bib.name, other, highlighted))
    assert wrong == []


def _well_formed(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.netloc) and not re.search(r"[\s{}\\<>\"]", url)


def _address(url: str) -> str:
    url = re.sub(r"^[a-z]+://", "", url.strip().lower())
    url = re.sub(r"^(?:www\.|dx\.)", "", url).rstrip("/")
    return re.sub(r"^arxiv\.org/(?:abs|pdf)/(.+?)(?:v\d+)?(?:\.pdf)?$", r"arxiv.org/abs/\1", url)


def _unescape(value: str) -> str:
    return re.sub(r"\\([_%&#~$])", r"\1", value).replace("{", "").replace("}", "")


def test_every_doi_arxiv_and_url_is_a_well_formed_link(site):
    _, out, _ = site
    missing = []
    for bib in BIBS:
        for fields, item in zip(corpus_entries(bib), items(lists(out)[bib.name])):
            hrefs = [a.get("href", "") for a in item.select("a[href]")]
            remote = [h for h in hrefs if h.startswith(("http://", "https://"))]
            bad = [h for h in remote if not _well_formed(h)]
            if bad:
                missing.append((bib.name, "malformed", bad))
            addresses = {_address(h) for h in remote}
            doi = _unescape(fields.get("doi", "")).strip()
            doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.I)
            if doi and _address(f"https://doi.org/{doi}") not in addresses:
                missing.append((bib.name, "doi", doi))
            for url in re.split(r"\s+(?=https?://)", _unescape(fields.get("url", ""))):
                url = url.strip().replace(" ", "%20")
                if url.startswith(("http://", "https://")) and _address(url) not in addresses:
                    missing.append((bib.name, "url", url))
            arxiv = (
                fields.get("arxiv")
                or fields.get("arxivid")
                or (fields.get("eprint") if fields.get("archiveprefix", "").lower() == "arxiv" else "")
            )
            if arxiv:
                number = re.search(r"\d{4}\.\d{4,5}|\d{7}", arxiv)
                links = [
                    h for h in remote if re.fullmatch(r"https://arxiv\.org/abs/(\d{4}\.\d{4,5}|[a-z\-]+/\d{7})", h)
                ]
                if not number or not any(number.group(0) in h for h in links):
                    missing.append((bib.name, "arxiv", arxiv, links))
    assert missing == []


# -- RenderCV ----------------------------------------------------------------------------------


def _cv_titles(key: str) -> str:
    if " " in key or any(c.isupper() for c in key):
        return key
    small = {"a", "and", "as", "at", "but", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
    return " ".join(w if w in small else w.capitalize() for w in key.split("_"))


def test_every_cv_section_and_entry_is_shown(base):
    import yaml

    out, warnings = build("list", base)
    for number, path in enumerate(CVS):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        page = BeautifulSoup((out / f"cv{number:02d}.html").read_text(encoding="utf-8"), "html.parser")
        cv = page.select_one(".scholar-cv")
        assert cv.select_one(".scholar-cv-name").get_text() == data["cv"]["name"], path.name
        sections = data["cv"]["sections"]
        assert [h.get_text() for h in cv.select(".scholar-cv-section")] == [_cv_titles(k) for k in sections], path.name
        blocks = [h.find_next_sibling() for h in cv.select(".scholar-cv-section")]
        for (key, entries), block in zip(sections.items(), blocks):
            shown = block.find_all("li", recursive=False) or block.find_all("p", recursive=False)
            assert len(shown) == len(entries), (path.name, key)
        text = " ".join(cv.get_text(" ").split())
        assert not re.search(r"\*\*|\]\(|#underline|</?[a-z]+>", text), path.name
        assert re.search(r"\b(?:None|null)\b", text) is None, path.name
    # RenderCV accepts these files as they are: so does the cv directive, without a warning.
    assert [line for line in warnings.splitlines() if ".yaml" in line and "WARNING" in line] == []
