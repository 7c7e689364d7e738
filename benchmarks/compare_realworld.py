"""Render every real-world ``.bib`` with two versions of sphinx-scholar and compare the HTML.

    python3 benchmarks/compare_realworld.py BEFORE_REPO AFTER_REPO [--realworld DIR]

Each ``.bib`` of ``DIR/bib`` (default ``../shared/realworld``) is built once per
version, with one page per style (``list``, ``barron``, ``profile``; abstracts
shown, BibTeX blocks on), each version importing the package from its own
repository. The pages' main content is compared entry by entry; every entry
whose HTML differs is printed (text of both sides), and a summary line ends the
report. Used to check that a faster decoder changes nothing but what it means
to fix.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

STYLES = ("list", "barron", "profile")
HERE = Path(__file__).resolve().parent


def build(repo: Path, bib: Path, root: Path) -> Path:
    src = root / "src"
    src.mkdir(parents=True, exist_ok=True)
    (src / "refs.bib").write_bytes(bib.read_bytes())
    (src / "conf.py").write_text("extensions = ['sphinx_scholar']\nscholar_bibfiles = ['refs.bib']\n", encoding="utf-8")
    pages = ["index"]
    (src / "index.rst").write_text("Home\n====\n\n.. toctree::\n\n" + "".join(f"   {s}\n" for s in STYLES))
    for style in STYLES:
        (src / f"{style}.rst").write_text(
            f"{style}\n{'=' * len(style)}\n\n.. publications::\n   :style: {style}\n   :abstract: shown\n   :bibtex:\n"
        )
        pages.append(style)
    out = root / "out"
    env = dict(os.environ, PYTHONPATH=str(repo))
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
    )  # not the cwd: "-m" imports from it
    if run.returncode:
        raise RuntimeError(f"{bib.name} with {repo}: {run.stderr[-1500:]}")
    return out


def entries(out: Path, style: str) -> dict[str, str]:
    soup = BeautifulSoup((out / f"{style}.html").read_text(encoding="utf-8"), "html.parser")
    found = {}
    for node in soup.select("li.scholar-pub"):
        found.setdefault(node.get("id", ""), str(node))
    if not found:
        main = soup.select_one("[role=main]") or soup.body
        found["page"] = str(main)
    return found


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" ")).strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--realworld", type=Path, default=HERE.parent.parent / "shared" / "realworld")
    args = parser.parse_args(argv)
    files = sorted((args.realworld / "bib").glob("*.bib"))
    if not files:
        print(f"no .bib files in {args.realworld / 'bib'}", file=sys.stderr)
        return 2
    compared = differing = 0
    with tempfile.TemporaryDirectory() as work:
        for bib in files:
            try:
                before = build(args.before.resolve(), bib, Path(work) / bib.stem / "before")
                after = build(args.after.resolve(), bib, Path(work) / bib.stem / "after")
            except RuntimeError as error:
                print(f"!!! {str(error)[:2000]}")
                continue
            for style in STYLES:
                old, new = entries(before, style), entries(after, style)
                if set(old) != set(new):
                    print(f"{bib.name} [{style}]: entries differ: {sorted(set(old) ^ set(new))[:5]}")
                for key in sorted(set(old) & set(new)):
                    compared += 1
                    if old[key] != new[key]:
                        differing += 1
                        a, b = text_of(old[key]), text_of(new[key])
                        print(f"--- {bib.name} [{style}] {key}")
                        if a == b:
                            diff = difflib.unified_diff(old[key].split(">"), new[key].split(">"), lineterm="", n=0)
                            print("  (same text; markup differs)", " | ".join(list(diff)[2:8])[:600])
                        else:
                            for line in list(difflib.unified_diff(a.split(". "), b.split(". "), lineterm="", n=0))[2:8]:
                                print("  " + line[:300])
    print(f"{compared} entry renderings compared, {differing} differ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
