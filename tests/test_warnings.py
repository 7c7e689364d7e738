"""Warning subtypes: the docs list exactly the ones the code emits, and each
Sphinx-level warning carries its own, exact subtype.

``suppress_warnings = ["scholar.<subtype>"]`` is a contract with users: a
warning moved to another (documented) subtype silently stops being
suppressed. The loaders' subtypes are asserted exactly by
``test_robustness.py`` (BibTeX) and ``test_people.py`` (YAML); this module
covers those the Sphinx glue emits, in one build.
"""

from __future__ import annotations

import ast
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOTS, build_project

ROOT = Path(__file__).resolve().parent.parent


def emitted_subtypes() -> set[str]:
    """Subtypes in the code, by AST: ``subtype="..."`` keywords, ``subtype = "..."``
    assignments and the first argument of ``Problem(...)``."""
    found: set[str] = set()
    for path in (ROOT / "sphinx_scholar").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            keyword = isinstance(node, ast.keyword) and node.arg == "subtype"
            assigned = isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "subtype" for t in node.targets
            )
            if (keyword or assigned) and isinstance(node.value, ast.Constant):
                found.add(node.value.value)
            elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Problem":
                first = (
                    node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "subtype"), None)
                )
                if isinstance(first, ast.Constant):
                    found.add(first.value)
    return found


def documented_subtypes() -> list[str]:
    text = (ROOT / "docs" / "warnings.md").read_text(encoding="utf-8")
    return re.findall(r"^\| `([a-z-]+)` \|", text, re.M)


def test_the_docs_list_exactly_the_subtypes_the_code_emits():
    documented = documented_subtypes()
    assert len(documented) == len(set(documented)), "a subtype is documented twice"
    emitted = emitted_subtypes()
    assert len(emitted) >= 20
    assert emitted == set(documented), {
        "undocumented": emitted - set(documented),
        "never emitted": set(documented) - emitted,
    }


WARNING = re.compile(
    r"^(?:(?P<where>\S*?)(?::(?P<line>\d+))?: )?WARNING: (?P<message>.*) \[scholar\.(?P<subtype>[a-z-]+)\]$"
)

PAGES = {
    "index.rst": "Home\n====\n\n.. toctree::\n\n   pubs\n   cites\n   data\n   cv\n   teaching\n\n.. students::\n\n.. profile-card::\n",
    "cv.rst": "CV\n==\n",  # linked by the profile card
    "teaching.rst": "Teaching\n========\n",
    "pubs.rst": (
        "Pubs\n====\n\n"
        ".. publications::\n   :bibfile: missing.bib\n\n"
        ".. publications::\n   :bibfile: refs.bib\n   :filter: year >=\n\n"
        ".. publications::\n   :bibfile: refs.bib\n   :style: baron\n   :keys: zhu2023h3wb nope2000\n\n"
        ".. publications::\n   :bibfile: bad.bib\n   :style: barron\n   :links: yes\n"
    ),
    "cites.rst": "Cites\n=====\n\nSee :pub:`ghost` and :pub:`other2019`.\n",
    "data.rst": (
        "Data\n====\n\n.. cv::\n   :sections: Nope\n\n.. teaching:: ../outside.yaml\n\n.. teaching:: missing.yaml\n\n.. talks::\n"
    ),
    "bad.bib": (
        "@misc{a, title={A}, year=2020, preview={../../../etc/passwd.png}}\n"
        "@misc{b, title={B}, year=2020, pdf={nothere.pdf}}\n"
    ),
}

#: (where, subtype, message start) of every warning of the build: exactly these.
EXPECTED = [
    ("", "file", "scholar_bibfiles: file <src>/gone.bib not found"),
    ("", "config", "scholar_style = 'fancy' is not one of"),
    ("", "config", "scholar_feed needs html_baseurl"),
    ("", "config", "scholar_today = 'someday' is not a date"),
    ("<src>/profile.yaml:2", "file", "profile photo img/nope.png not found"),
    ("<src>/bad.bib:1", "path", "entry 'a': preview file '../../../etc/passwd.png' is outside the project"),
    ("<src>/bad.bib:2", "file", "entry 'b': pdf file nothere.pdf not found"),
    ("<src>/pubs.rst:4", "file", "publications: cannot read BibTeX file <src>/missing.bib"),
    ("<src>/pubs.rst:7", "filter", "publications: invalid filter 'year >='"),
    ("<src>/pubs.rst:11", "option", "publications: invalid :style: option"),
    ("<src>/pubs.rst:11", "key", "publications: no entry with key 'nope2000'"),
    ("<src>/cites.rst:4", "key", "pub: no entry with key 'ghost'"),
    ("<src>/cites.rst:4", "ref", "publication 'ghost' is not listed"),
    ("<src>/data.rst:4", "option", "cv: no section 'Nope'"),
    ("<src>/data.rst:7", "path", "teaching: data file <out>/outside.yaml is outside the project"),
    ("<src>/data.rst:9", "file", "teaching: cannot read <src>/missing.yaml"),
    ("<src>/data.rst:11", "config", "talks: no data file"),
]


@pytest.fixture(scope="module")
def warned(tmp_path_factory):
    base = tmp_path_factory.mktemp("warned")
    root = base / "src"
    shutil.copytree(ROOTS / "test-people", root)
    for name, text in PAGES.items():
        (root / name).write_text(text, encoding="utf-8")
    (base / "outside.yaml").write_text("courses: []\n", encoding="utf-8")
    (root / "profile.yaml").write_text((root / "profile.yaml").read_text().replace("img/profile.svg", "img/nope.png"))
    conf = (root / "conf.py").read_text().replace('scholar_talks = "talks.yaml"', "")
    conf = conf.replace('scholar_today = "2024-01-15"', 'scholar_today = "someday"')
    conf += '\nscholar_bibfiles = ["refs.bib", "gone.bib"]\nscholar_style = "fancy"\nscholar_feed = True\n'
    (root / "conf.py").write_text(conf, encoding="utf-8")
    app = build_project(root)
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [
        line.replace(str(root), "<src>").replace(str(base), "<out>") for line in text.splitlines() if "WARNING" in line
    ], root


def test_each_warning_has_its_exact_subtype(warned):
    lines, _ = warned
    parsed = []
    for line in lines:
        match = WARNING.match(line)
        assert match, line
        where = (match["where"] or "") + (f":{match['line']}" if match["line"] else "")
        parsed.append((where, match["subtype"], match["message"]))
    unmatched = list(parsed)
    for where, subtype, start in EXPECTED:
        found = next((p for p in unmatched if p[0] == where and p[1] == subtype and p[2].startswith(start)), None)
        assert found, (where, subtype, start, "\n".join(map(str, parsed)))
        unmatched.remove(found)
    assert unmatched == []
    assert Counter(s for _, s, _ in parsed) == Counter(s for _, s, _ in EXPECTED)
