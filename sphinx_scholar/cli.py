"""The ``sphinx-scholar`` command: ``sphinx-scholar new DIR`` scaffolds a site.

The new site builds with zero warnings as it is: a home page with the profile
card, students and recent papers, a publications page, a CV page, sample data
files, a Read the Docs configuration and a GitHub Pages workflow. Existing
files are never overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import TextIO

from . import __version__

#: Output path -> template name in ``sphinx_scholar/scaffold``.
SCAFFOLD = {
    "conf.py": "conf.py.tmpl",
    "index.md": "index.md.tmpl",
    "publications.md": "publications.md.tmpl",
    "cv.md": "cv.md.tmpl",
    "publications.bib": "publications.bib.tmpl",
    "profile.yaml": "profile.yaml.tmpl",
    "people.yaml": "people.yaml.tmpl",
    "cv.yaml": "cv.yaml.tmpl",
    "requirements.txt": "requirements.txt.tmpl",
    ".readthedocs.yaml": "readthedocs.yaml.tmpl",
    ".github/workflows/pages.yml": "pages.yml.tmpl",
    ".gitignore": "gitignore.tmpl",
    "README.md": "README.md.tmpl",
}

#: ``new --lab``: a research group's site (group card, team, member pages, projects, news).
SCAFFOLD_LAB = {
    "conf.py": "lab-conf.py.tmpl",
    "index.md": "lab-index.md.tmpl",
    "team.md": "lab-team.md.tmpl",
    "publications.md": "publications.md.tmpl",
    "projects.md": "lab-projects.md.tmpl",
    "news.md": "lab-news.md.tmpl",
    "contact.md": "lab-contact.md.tmpl",
    "publications.bib": "lab-publications.bib.tmpl",
    "group.yaml": "lab-group.yaml.tmpl",
    "people.yaml": "lab-people.yaml.tmpl",
    "projects.yaml": "lab-projects.yaml.tmpl",
    "news.yaml": "lab-news.yaml.tmpl",
    "requirements.txt": "requirements.txt.tmpl",
    ".readthedocs.yaml": "readthedocs.yaml.tmpl",
    ".github/workflows/pages.yml": "pages.yml.tmpl",
    ".gitignore": "gitignore.tmpl",
    "README.md": "lab-README.md.tmpl",
}

DEFAULTS = {"name": "Your Name", "email": "you@example.org", "affiliation": "Your University"}
LAB_DEFAULTS = {"name": "Your Lab", "email": "lab@example.org", "affiliation": "Your University"}


def _bibtex_name(name: str) -> str:
    """``Ada Lovelace`` -> ``Lovelace, Ada``, with braces that BibTeX would misread removed."""
    name = name.replace("{", "").replace("}", "").replace(" and ", " & ").strip()
    first, _, last = name.rpartition(" ")
    return f"{last}, {first}" if first else last


def _markdown_text(text: str) -> str:
    """Backslash-escape every ASCII punctuation character (CommonMark): the text stays text."""
    return "".join("\\" + ch if ch in _MD_PUNCTUATION else ch for ch in text)


_MD_PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def substitutions(name: str, email: str, affiliation: str, today: dt.date) -> dict[str, str]:
    """Every value is quoted for the file it goes into (Python, YAML, BibTeX)."""
    parts = name.split()
    me = [name]
    if len(parts) > 1:
        me.append(f"{parts[0][0]}. {' '.join(parts[1:])}")
    return {
        "title": _markdown_text(name),
        "project_repr": repr(name),
        "copyright_repr": repr(f"{today.year}, {name}"),
        "me_repr": repr(me),
        "description_repr": repr(f"{name}: research, publications, students and CV."),
        # A JSON string is a valid YAML scalar, with every special character escaped.
        "name_yaml": json.dumps(name, ensure_ascii=False),
        "email_yaml": json.dumps(email, ensure_ascii=False),
        "affiliation_yaml": json.dumps(affiliation, ensure_ascii=False),
        "bib_name": _bibtex_name(name),
        "year": str(today.year),
        "today": today.isoformat(),
        # requirements.txt asks for the release that made the site, or a later one.
        "version": __version__,
        "min_version": ".".join(__version__.split(".")[:2]),
    }


def render_scaffold(values: dict[str, str], layout: dict[str, str] | None = None) -> dict[str, str]:
    folder = files("sphinx_scholar") / "scaffold"
    return {
        out: Template((folder / template).read_text(encoding="utf-8")).substitute(values)
        for out, template in (layout or SCAFFOLD).items()
    }


#: Written only when asked: option name -> (output path, template name).
OPTIONAL_SCAFFOLD = {"sync_workflow": (".github/workflows/sync.yml", "sync.yml.tmpl")}


def optional_scaffold(args: argparse.Namespace) -> dict[str, str]:
    """The opt-in files of ``new`` that ``args`` asks for (they hold no user values)."""
    folder = files("sphinx_scholar") / "scaffold"
    return {
        out: Template((folder / template).read_text(encoding="utf-8")).substitute({})
        for option, (out, template) in OPTIONAL_SCAFFOLD.items()
        if getattr(args, option, False)
    }


def _ask(question: str, default: str, stdin: TextIO, stdout: TextIO) -> str:
    stdout.write(f"{question} [{default}]: ")
    stdout.flush()
    answer = stdin.readline().strip()
    return answer or default


def new_site(args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    target: Path = args.directory
    lab = bool(getattr(args, "lab", False))
    layout, defaults = (SCAFFOLD_LAB, LAB_DEFAULTS) if lab else (SCAFFOLD, DEFAULTS)
    values = {key: getattr(args, key) for key in defaults}
    interactive = not args.no_input and stdin.isatty()
    for key, default in defaults.items():
        if values[key] is None:
            values[key] = _ask(key.capitalize(), default, stdin, stdout) if interactive else default
    if target.exists() and not target.is_dir():
        stderr.write(f"sphinx-scholar: {target} exists and is not a directory\n")
        return 1
    optional = optional_scaffold(args)
    existing = sorted(out for out in [*layout, *optional] if (target / out).exists())
    if existing:
        stderr.write(
            f"sphinx-scholar: {target} already has {', '.join(existing)}; nothing was written "
            "(choose an empty or new directory)\n"
        )
        return 1
    contents = render_scaffold(
        substitutions(values["name"], values["email"], values["affiliation"], dt.date.today()), layout
    )
    contents.update(optional)
    for out, text in contents.items():
        path = target / out
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
            handle.write(text)
    stdout.write(
        f"Created a site in {target}/ ({len(contents)} files). Build it with:\n\n"
        f"    cd {target} && python3 -m sphinx -b html . _build/html\n\n"
        "then open _build/html/index.html. Edit "
        + ("group.yaml, people.yaml, projects.yaml, news.yaml" if lab else "profile.yaml, people.yaml, cv.yaml")
        + " and publications.bib.\n"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sphinx-scholar", description="Research websites from BibTeX and YAML.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    new = commands.add_parser(
        "new",
        help="create a new site in DIRECTORY",
        description="Create a site that builds as it is: pages, sample data, Read the Docs and GitHub Pages "
        "configuration. Existing files are never overwritten.",
    )
    new.add_argument("directory", type=Path, metavar="DIRECTORY")
    new.add_argument("--name", help=f"the site owner's name (default: {DEFAULTS['name']!r})")
    new.add_argument("--email", help="the owner's e-mail address")
    new.add_argument("--affiliation", help="the owner's institution")
    new.add_argument("--no-input", action="store_true", help="ask nothing, even on a terminal")
    new.add_argument(
        "--lab",
        action="store_true",
        help="a research group's site: group card, team with member pages, projects, news "
        "(--name is then the lab's name, --affiliation its institution)",
    )
    new.add_argument(
        "--sync-workflow",
        action="store_true",
        help="also write .github/workflows/sync.yml: a weekly `sphinx-scholar sync` that opens a pull "
        "request with the new citation counts",
    )
    add_sync_parser(commands)
    return parser


def add_sync_parser(commands) -> None:
    from .sync.options import add_arguments

    sync = commands.add_parser(
        "sync",
        help="fetch citation counts (and, with --import, missing works) from open scholarly APIs",
        description="Fetch citation counts for the entries of scholar_bibfiles from OpenAlex (and Crossref) into a "
        "sidecar file, citations.json next to the first .bib file, which the build reads: the build itself "
        "never touches the network. The .bib files are never rewritten. With --import, the owner's works "
        "that the .bib files lack are written to imported.bib for review. Responses are cached; the sidecar "
        "is saved after every entry, so an interrupted run loses nothing. Exit status: 0 all fetched, "
        "1 something failed (what was fetched is saved), 2 usage error.",
        epilog="OpenAlex asks for a free API key since February 2026: set OPENALEX_API_KEY in the environment.",
    )
    add_arguments(sync)


def main(
    argv: list[str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "new":
        return new_site(args, stdin, stdout, stderr)
    if args.command == "sync":
        from .sync.command import run_sync

        return run_sync(args, stdout, stderr)
    parser.print_help(stderr)
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
