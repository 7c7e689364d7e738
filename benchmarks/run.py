"""Build-time benchmark: sphinx-scholar against plain Sphinx and sphinxcontrib-bibtex.

One command (from the repository root)::

    python3 benchmarks/run.py --sizes 1000 5000 --repeats 1

For each size N it writes realistic BibTeX (every entry has a 150-300 word
abstract written in LaTeX: ``\\emph{}``, ````quotes''``, ``\\%``, ``$...$``,
``\\url{}``, accents, dashes; accented LaTeX names, brace-protected acronyms,
``@string`` venues, al-folio fields) and builds, on the same data and in the
same run:

* ``floor``  the same entries (abstracts included) pre-rendered as plain RST
  bullet items: what Sphinx costs with no BibTeX work at all;
* ``peer``   sphinxcontrib-bibtex, ``.. bibliography::`` with ``:all:``;
* ``list`` and ``barron``  ``.. publications::`` with the DEFAULT options
  (abstracts collapsed, so rendered) in those styles;
* ``pages``  ``list`` with ``scholar_paper_pages = True``;
* ``all``    everything on: ``barron`` with ``:search:``, ``:download: bib csl
  ris``, ``:bibtex:``, paper pages and the Atom feed.

``--real FILE`` adds a real ``.bib`` (default: one of ``../shared/realworld``)
built by ``floor``, ``peer`` and ``list``.

Scenarios: clean full build, no-change rebuild, rebuild after editing one
entry's title, and a ``-j 2`` full build. Each build is a fresh ``python -m
sphinx`` process; the tables give the median wall time over the repeats, the
peak memory (RSS) of the serial full build, our ratios to the floor and to the
peer, and the targets of issue 14. Correctness is checked on the way: the
edited title must be in the output and the ``-j 2`` pages must equal the
serial ones.

``--profile N`` instead runs the N-entry ``list`` full build under cProfile and
writes the top functions to ``benchmarks/PROFILE.md``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REALWORLD = HERE.parent.parent / "shared" / "realworld" / "bib" / "01-knobloch-appliedmath.bib"
TOOLS = ("floor", "peer", "list", "barron", "pages", "all")
REAL_TOOLS = ("floor", "peer", "list")
SCENARIOS = ("full", "nochange", "edit", "j2")
#: A no-change build takes well under a second, where one run's noise is a
#: tenth of a second: each round times it this many times (the median is kept).
NOCHANGE_REPEATS = 5
#: what the ratios and targets compare: CPU seconds (see table())
BASIS = "cpu"

FIRST = [
    "David",
    "J\u00e9r\u00f4me",
    "Yue",
    "Nermin",
    "Thibaut",
    "Ugo",
    "J\u00e9r\u00e9mie",
    "Diogo",
    "Hedi",
    "Vicky",
    "St\u00e9phane",
    "Mar\u00eda",
    "Zo\u00eb",
    "Bj\u00f6rn",
    "\u0141ukasz",
    "Ana",
    "Jean-Pierre",
    "Ay\u015fe",
]
LAST = [
    "Picard",
    "Fellus",
    "Zhu",
    "Samet",
    "Issenhuth",
    "Tanielian",
    "Mary",
    "Luvizon",
    "Tabia",
    "Kalogeiton",
    "Lathuili\u00e8re",
    "Garc\u00eda",
    "M\u00fcller",
    "S\u00f8gaard",
    "Nowak",
    "de la Fontaine",
    "van Gool",
    "\u00d6zt\u00fcrk",
]
LATEX = {
    "\u00e9": "{\\'e}",
    "\u00e8": "{\\`e}",
    "\u00f4": "{\\^o}",
    "\u00fc": '{\\"u}',
    "\u00f6": '{\\"o}',
    "\u00ed": "{\\'\\i}",
    "\u00eb": '{\\"e}',
    "\u00f8": "{\\o}",
    "\u0141": "{\\L}",
    "\u00d6": '{\\"O}',
    "\u015f": "{\\c{s}}",
    "\u00e1": "{\\'a}",
}
WORDS = [
    "learning",
    "representation",
    "generative",
    "diffusion",
    "network",
    "pose",
    "estimation",
    "retrieval",
    "metric",
    "kernel",
    "gossip",
    "distributed",
    "attention",
    "transformer",
    "segmentation",
    "uncertainty",
    "adversarial",
    "robust",
    "efficient",
    "scalable",
    "sparse",
    "graph",
    "image",
    "video",
    "human",
    "whole-body",
    "dataset",
    "benchmark",
    "optimization",
    "we",
    "show",
    "that",
    "the",
    "a",
    "of",
    "and",
    "in",
    "to",
    "with",
    "model",
    "method",
    "results",
    "training",
    "data",
    "performance",
    "approach",
    "propose",
    "novel",
    "state-of-the-art",
]
ACRONYMS = ["BERT", "GAN", "CNN", "3D", "ViT", "VAE", "SGD", "HORDE", "OOD"]
VENUES = {
    "cvpr": "IEEE/CVF Conference on Computer Vision and Pattern Recognition",
    "iccv": "International Conference on Computer Vision",
    "neurips": "Advances in Neural Information Processing Systems",
    "icml": "International Conference on Machine Learning",
    "tpami": "IEEE Transactions on Pattern Analysis and Machine Intelligence",
}
# LaTeX of an abstract and what a reader sees (the floor's text), side by side.
MATH = [
    ("$\\alpha$", "\u03b1"),
    ("$O(n \\log n)$", "O(n log n)"),
    ("$x_i^2$", "x\u1d62\u00b2"),
    ("$\\epsilon < 10^{-3}$", "\u03f5 < 10\u207b\u00b3"),
    ("$\\mathbb{R}^d$", "\u211d\u1d48"),
    ("$k$", "k"),
]
ACCENTED = [
    ('G{\\"o}del', "G\u00f6del"),
    ('na{\\"\\i}ve', "na\u00efve"),
    ("Erd{\\H{o}}s--R{\\'e}nyi", "Erd\u0151s\u2013R\u00e9nyi"),
    ("{\\'E}cole", "\u00c9cole"),
]


def latex(text: str) -> str:
    return "".join(LATEX.get(c, c) for c in text)


def abstract(rng: random.Random) -> tuple[str, str]:
    """A 150-300 word abstract in LaTeX, and its text as a reader sees it (RST for the floor)."""
    tex, rst = [], []
    words = rng.randint(150, 300)
    count = 0
    while count < words:
        roll = rng.random()
        if roll < 0.04:
            a, b = rng.sample(WORDS, 2)
            tex.append(f"\\emph{{{a} {b}}}")
            rst.append(f"*{a} {b}*")
        elif roll < 0.07:
            a, b = rng.sample(WORDS, 2)
            tex.append(f"``{a} {b}''")
            rst.append(f"\u201c{a} {b}\u201d")
        elif roll < 0.09:
            n = rng.randint(2, 60)
            tex.append(f"{n}\\%")
            rst.append(f"{n}%")
        elif roll < 0.12:
            t, r = rng.choice(MATH)
            tex.append(t)
            rst.append(r)
        elif roll < 0.13:
            n = rng.randint(1, 999)
            tex.append(f"\\url{{https://example.org/data/{n}}}")
            rst.append(f"https://example.org/data/{n}")
        elif roll < 0.15:
            t, r = rng.choice(ACCENTED)
            tex.append(t)
            rst.append(r)
        elif roll < 0.17:
            tex.append("--")
            rst.append("\u2013")
        else:
            word = rng.choice(WORDS)
            tex.append(word)
            rst.append(word)
        count += 1
        if rng.random() < 0.07:
            tex[-1] += "."
            rst[-1] += "."
    tex_text, rst_text = " ".join(tex), " ".join(rst)
    return tex_text[0].upper() + tex_text[1:] + ".", rst_text[0].upper() + rst_text[1:] + "."


def make_entries(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    entries = []
    for i in range(n):
        authors = [(rng.choice(FIRST), rng.choice(LAST)) for _ in range(rng.randint(2, 12))]
        if i % 3 == 0:
            authors[rng.randrange(len(authors))] = ("David", "Picard")
        words = rng.sample(WORDS[:29], rng.randint(4, 9))
        acronym = rng.choice(ACRONYMS)
        title = f"{acronym}: " + " ".join(words).capitalize()
        math = i % 17 == 0
        venue = rng.choice(list(VENUES))
        tex, rst = abstract(rng)
        entries.append(
            {
                "key": f"paper{i:05d}",
                "type": "article" if venue == "tpami" else "inproceedings",
                "authors": authors,
                "title": title,
                "math": math,
                "venue": venue,
                "year": 1995 + rng.randrange(31),
                "month": rng.randint(1, 12),
                "abstract": tex,
                "abstract_rst": rst,
                "arxiv": f"{rng.randint(15, 25)}{rng.randint(1, 12):02d}.{rng.randint(10000, 99999)}" if i % 2 else "",
                "code": f"https://github.com/lab/project{i}" if i % 5 == 0 else "",
                "pdf": f"https://example.org/papers/{i}.pdf" if i % 3 == 0 else "",
                "abbr": venue.upper() if i % 4 == 0 else "",
                "selected": "true" if i % 10 == 0 else "",
                "bibtex_show": "true" if i % 2 == 0 else "",
            }
        )
    return entries


def bibtex(entries: list[dict]) -> str:
    out = [f'@string{{{k} = "{v}"}}' for k, v in VENUES.items()]
    for e in entries:
        title = e["title"].replace(e["title"].split(":")[0], "{" + e["title"].split(":")[0] + "}", 1)
        if e["math"]:
            title += " with $\\alpha$-divergences"
        venue_field = "journal" if e["type"] == "article" else "booktitle"
        fields = [
            f"  title = {{{title}}}",
            f"  author = {{{' and '.join(f'{latex(last)}, {latex(first)}' for first, last in e['authors'])}}}",
            f"  {venue_field} = {e['venue']}",
            f"  year = {{{e['year']}}}",
            f"  month = {['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'][e['month'] - 1]}",
            f"  abstract = {{{e['abstract']}}}",
        ]
        for name in ("arxiv", "code", "pdf", "abbr", "selected", "bibtex_show"):
            if e[name]:
                fields.append(f"  {name} = {{{e[name]}}}")
        out.append(f"@{e['type']}{{{e['key']},\n" + ",\n".join(fields) + "\n}")
    return "\n\n".join(out) + "\n"


def rst_floor(entries: list[dict]) -> str:
    lines = ["Publications", "============", ""]
    for e in sorted(entries, key=lambda e: (-e["year"], -e["month"])):
        authors = ", ".join(f"{first} {last}" for first, last in e["authors"])
        title = e["title"] + (" with \u03b1-divergences" if e["math"] else "")
        links = " / ".join(
            x
            for x in (
                f"`arxiv <https://arxiv.org/abs/{e['arxiv']}>`__" if e["arxiv"] else "",
                f"`pdf <{e['pdf']}>`__" if e["pdf"] else "",
                f"`code <{e['code']}>`__" if e["code"] else "",
            )
            if x
        )
        lines.append(f"- {authors}. **{title}**. *{VENUES[e['venue']]}*, {e['year']}. {links}".rstrip())
        lines.append("")
        lines.append(f"  {e['abstract_rst']}")
        lines.append("")
    return "\n".join(lines)


def real_floor(path: Path) -> str:
    """A real .bib as plain RST bullets (authors, title, venue, year, abstract)."""
    import pybtex.errors
    from pybtex.database import parse_string

    pybtex.errors.set_strict_mode(False)
    data = parse_string(path.read_text(encoding="utf-8", errors="replace"), "bibtex")
    lines = ["Publications", "============", ""]
    clean = re.compile(r"[{}\\$*`|_]")
    for entry in data.entries.values():
        authors = ", ".join(clean.sub("", str(p)) for p in entry.persons.get("author", []))
        title = clean.sub("", entry.fields.get("title", ""))
        venue = clean.sub("", entry.fields.get("journal", "") or entry.fields.get("booktitle", ""))
        lines.append(f"- {authors}. {title}. {venue}, {entry.fields.get('year', '')}.")
        text = " ".join(clean.sub("", entry.fields.get("abstract", "")).split())
        if text:
            lines += ["", f"  {text}"]
        lines.append("")
    return "\n".join(lines)


def write_project(root: Path, tool: str, data) -> None:
    """``data``: the generated entries, or the Path of a real .bib."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    index = "Home\n====\n\n.. toctree::\n\n   pubs\n   other\n"
    other = "Other\n=====\n\nA page that has nothing to do with publications.\n"
    conf = "project = 'bench'\nexclude_patterns = ['_build']\n"
    real = isinstance(data, Path)
    if tool == "floor":
        pubs = real_floor(data) if real else rst_floor(data)
    else:
        if real:
            shutil.copyfile(data, root / "refs.bib")
        else:
            (root / "refs.bib").write_text(bibtex(data), encoding="utf-8")
        if tool == "peer":
            conf += "extensions = ['sphinxcontrib.bibtex']\nbibtex_bibfiles = ['refs.bib']\n"
            pubs = "Publications\n============\n\n.. bibliography::\n   :all:\n"
        else:
            conf += "extensions = ['sphinx_scholar']\nscholar_bibfiles = ['refs.bib']\nscholar_me = ['David Picard']\n"
            style = {"pages": "list", "all": "barron"}.get(tool, tool)
            options = f"   :style: {style}\n" if style != "list" else ""  # list is the default style
            if tool == "pages":
                conf += "scholar_paper_pages = True\n"
            if tool == "all":
                conf += "scholar_paper_pages = True\nscholar_feed = True\nhtml_baseurl = 'https://lab.example.org/'\n"
                options += "   :search:\n   :download: bib csl ris\n   :bibtex:\n"
            pubs = f"Publications\n============\n\n.. publications::\n{options}"
    for name, text in (("conf.py", conf), ("index.rst", index), ("pubs.rst", pubs), ("other.rst", other)):
        (root / name).write_text(text, encoding="utf-8")


_RUNNER = (
    "import resource, sys\n"
    "from sphinx.cmd.build import main\n"
    "code = main(sys.argv[1:])\n"
    "me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print('PEAK_KB', me.ru_maxrss, file=sys.stderr)\n"
    "print('CPU_S', me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _environment() -> dict[str, str]:
    """The builds' environment: Python may write its bytecode (.pyc), as an
    installed package has it; without it (PYTHONDONTWRITEBYTECODE) every build
    compiles sphinx-scholar's sources again (0.12 s of CPU for its 74 files)
    while Sphinx's own, installed with their .pyc, are not."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def sphinx_build(src: Path, out: Path, *extra: str) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (KB) and CPU seconds (user + system, workers included) of one build."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _RUNNER, "-q", "-b", "html", *extra, str(src), str(out)],
        capture_output=True,
        text=True,
        env=_environment(),
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"build of {src} failed:\n{result.stderr[-2000:]}")
    lines = result.stderr.splitlines()
    peak = next((int(line.split()[1]) for line in lines if line.startswith("PEAK_KB")), 0)
    cpu = next((float(line.split()[1]) for line in lines if line.startswith("CPU_S")), float("nan"))
    return elapsed, peak, cpu


def edit_one_title(root: Path, tool: str, data, round_: int) -> str:
    """Change the title of the middle entry; return the new title text."""
    new = f"Edited title number {round_}"
    if isinstance(data, Path):
        path = root / ("pubs.rst" if tool == "floor" else "refs.bib")
        text = path.read_text(encoding="utf-8")
        if tool == "floor":
            lines = text.split("\n")
            bullets = [i for i, line in enumerate(lines) if line.startswith("- ")]
            i = bullets[len(bullets) // 2]
            lines[i] = f"- {new}. " + lines[i][2:]
            path.write_text("\n".join(lines), encoding="utf-8")
            return new
        titles = list(re.finditer(r"(?im)^\s*title\s*=\s*[{\"]", text))
        at = titles[len(titles) // 2].end()
        path.write_text(text[:at] + new + ". " + text[at:], encoding="utf-8")
        return new
    target = data[len(data) // 2]
    acronym, rest = target["title"].split(":", 1)
    if tool == "floor":
        old = target["title"] + (" with \u03b1-divergences" if target["math"] else "")
        path = root / "pubs.rst"
    else:
        old = "{" + acronym + "}:" + rest + (" with $\\alpha$-divergences" if target["math"] else "")
        path = root / "refs.bib"
    new = f"{new} for {target['key']}"
    text = path.read_text(encoding="utf-8")
    assert old in text, (tool, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return new


def _pages(out: Path) -> dict[str, str]:
    """Every HTML page of a build (paper pages too), by path."""
    return {str(p.relative_to(out)): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html"))}


def measure(tool: str, label, data, workdir: Path, repeats: int, scenarios=SCENARIOS) -> dict:
    times: dict[str, list[float]] = {s: [] for s in scenarios}
    cpu: dict[str, list[float]] = {s: [] for s in scenarios}
    peak = 0

    def timed(scenario: str, *args) -> tuple[float, int, float]:
        wall, peak_kb, seconds = sphinx_build(*args)
        times[scenario].append(wall)
        cpu[scenario].append(seconds)
        return wall, peak_kb, seconds

    checks = {"edit_shown": True, "j2_identical": True}
    for round_ in range(repeats):
        src = workdir / f"{tool}-{label}"
        out = src / "_build" / "html"
        write_project(src, tool, data)
        peak = max(peak, timed("full", src, out)[1])
        serial = _pages(out) if "j2" in scenarios else {}
        if "nochange" in scenarios:
            for _ in range(NOCHANGE_REPEATS):
                timed("nochange", src, out)
        if "edit" in scenarios:
            new = edit_one_title(src, tool, data, round_)
            timed("edit", src, out)
            checks["edit_shown"] &= new in (out / "pubs.html").read_text(encoding="utf-8")
        if "j2" in scenarios:
            parallel = workdir / f"{tool}-{label}-j2"
            write_project(parallel, tool, data)
            timed("j2", parallel, parallel / "_build" / "html", "-j", "2")
            checks["j2_identical"] &= _pages(parallel / "_build" / "html") == serial
        for folder in (src, workdir / f"{tool}-{label}-j2"):
            shutil.rmtree(folder, ignore_errors=True)
    median = {s: statistics.median(times[s]) if times.get(s) else float("nan") for s in SCENARIOS}
    cpu_median = {s: statistics.median(cpu[s]) if cpu.get(s) else float("nan") for s in SCENARIOS}
    return {
        "median": median,
        "cpu": cpu_median,
        "peak_mb": peak / 1024,
        "checks": checks,
        "scenarios": list(scenarios),
    }


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    import sphinx

    try:
        peer_version = version("sphinxcontrib-bibtex")
    except PackageNotFoundError:  # pragma: no cover - the peer is a test dependency
        peer_version = "missing"
    try:
        load = f" load average {os.getloadavg()[0]:.1f} at the start;"
    except OSError:  # pragma: no cover
        load = ""
    return (
        f"{cpu}, {os.cpu_count()} cores;{load} Python {platform.python_version()}; Sphinx {sphinx.__version__}; "
        f"sphinxcontrib-bibtex {peer_version}; {time.strftime('%Y-%m-%d')}"
    )


def table(results: dict, labels: list, runs: str) -> str:
    """``runs``: the machine and repeats of the run(s) the results come from."""
    lines = [
        f"{runs} Each build is its own `sphinx-build` process. Seconds of wall time, and in brackets of CPU time (user + system, the `-j 2` workers "
        "included). The ratios and targets below use the CPU time: on a shared machine the wall time "
        "measures the other users' load as much as the build.",
        "",
        "| data | tool | full | no-change | edit one entry | -j 2 full | peak MB | checks |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label in labels:
        for tool in [t for t in TOOLS if t in results[label]]:
            r = results[label][tool]
            m, c = r["median"], r.get("cpu", r["median"])
            notes = [
                text
                for key, text in (("edit_shown", "STALE after edit"), ("j2_identical", "-j 2 differs"))
                if not r["checks"][key]
            ]
            notes = notes or (["ok"] if "j2" in r["scenarios"] else ["ok (no -j 2 at this size)"])
            lines.append(
                f"| {label} | {tool} | {_w(m, c, 'full')} | {_w(m, c, 'nochange')} | {_w(m, c, 'edit')} | "
                f"{_w(m, c, 'j2')} | {r['peak_mb']:.0f} | {'; '.join(notes) or 'ok'} |"
            )
    lines += [
        "",
        "Ratios of CPU time (ours / floor, ours / peer, edit / our own full):",
        "",
        "| data | tool | full / floor | full / peer | no-change / floor | edit / own full | edit / floor edit "
        "| peak / floor | -j 2 / floor |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for label in labels:
        floor, peer = results[label].get("floor"), results[label].get("peer")
        if floor is None or peer is None:
            continue
        for tool in [t for t in ("list", "barron", "pages", "all") if t in results[label]]:
            m = results[label][tool][BASIS]
            f = floor[BASIS]
            lines.append(
                f"| {label} | {tool} | {_f(m['full'] / f['full'])} | {_f(m['full'] / peer[BASIS]['full'])} | "
                f"{_f(m['nochange'] / f['nochange'])} | {_f(m['edit'] / m['full'])} | {_f(m['edit'] / f['edit'])} | "
                f"{_f(results[label][tool]['peak_mb'] / max(floor['peak_mb'], 1))} | {_f(m['j2'] / f['j2'])} |"
            )
    lines += ["", targets(results, labels)]
    return "\n".join(lines) + "\n"


def _w(wall: dict, cpu: dict, scenario: str) -> str:
    """Wall seconds (CPU seconds)."""
    if wall[scenario] != wall[scenario]:
        return "\u2014"
    return f"{wall[scenario]:.2f} ({_f(cpu[scenario])})"


def _f(value: float) -> str:
    return "\u2014" if value != value else f"{value:.2f}"  # NaN: not measured


def targets(results: dict, labels: list) -> str:
    """The targets of issue 14, each with its figure and whether it is met."""
    rows = [
        "Targets of issue 14 (default options, `list` and `barron`; CPU time):",
        "",
        "| scenario | target | figure | met |",
        "|---|---|---|---|",
    ]

    def row(scenario: str, target: str, figure: str, met: bool) -> None:
        rows.append(f"| {scenario} | {target} | {figure} | {'yes' if met else '**no**'} |")

    for label in [lb for lb in labels if isinstance(lb, int)]:
        r = results[label]
        if "floor" not in r or "peer" not in r:
            continue
        for style in [s for s in ("list", "barron") if s in r]:
            _style_targets(row, label, r, style)
        if "pages" in r and "list" in r and label == 1000:
            h = r["pages"][BASIS]["full"] / r["list"][BASIS]["full"]
            row(
                f"`scholar_paper_pages = True`, {label}",
                "full \u2264 2\u00d7 without",
                f"{r['pages'][BASIS]['full']:.2f} s: {h:.2f}\u00d7",
                h <= 2,
            )
        for tool in [t for t in TOOLS if t in r and t not in ("floor", "peer") and "j2" in r[t]["scenarios"]]:
            row(
                f"`-j 2`, {label}, {tool}",
                "identical pages to serial",
                "identical" if r[tool]["checks"]["j2_identical"] else "DIFFERENT",
                r[tool]["checks"]["j2_identical"],
            )
    return "\n".join(rows)


def _style_targets(row, label: int, r: dict, style: str) -> None:
    """The rows of one style at one size: full, no-change, and at 5,000 the edit and the memory."""
    f, p, m = r["floor"][BASIS], r["peer"][BASIS], r[style][BASIS]
    a, b = m["full"] / f["full"], m["full"] / p["full"]
    row(
        f"full build, {label}, {style}",
        "\u2264 1.5\u00d7 floor, \u2264 0.15\u00d7 peer",
        f"{m['full']:.2f} s: {a:.2f}\u00d7 floor, {b:.2f}\u00d7 peer",
        a <= 1.5 and b <= 0.15,
    )
    c = m["nochange"] / f["nochange"]
    row(
        f"no-change rebuild, {label}, {style}",
        "\u2264 1.2\u00d7 floor",
        f"{m['nochange']:.2f} s: {c:.2f}\u00d7",
        c <= 1.2,
    )
    if label < 5000:
        return
    d, e = m["edit"] / m["full"], m["edit"] / f["edit"]
    row(
        f"edit one entry, {label}, {style}",
        "\u2264 0.5\u00d7 own full, \u2264 1.5\u00d7 floor's edit",
        f"{m['edit']:.2f} s: {d:.2f}\u00d7 own full, {e:.2f}\u00d7 floor's edit",
        d <= 0.5 and e <= 1.5,
    )
    g = r[style]["peak_mb"] / max(r["floor"]["peak_mb"], 1)
    row(
        f"peak RSS, {label}, {style}",
        "\u2264 1.5\u00d7 floor",
        f"{r[style]['peak_mb']:.0f} MB: {g:.2f}\u00d7",
        g <= 1.5,
    )


def profile(n: int, workdir: Path, output: Path, tool: str = "list") -> str:
    from sphinx.cmd.build import build_main

    src = workdir / f"profile-{n}"
    write_project(src, tool, make_entries(n))
    profiler = cProfile.Profile(time.process_time)  # CPU time: the machine may be shared
    profiler.enable()
    code = build_main(["-q", "-b", "html", str(src), str(src / "_build" / "html")])
    profiler.disable()
    if code:
        raise RuntimeError("profiled build failed")
    sections = [
        f"# Profile of a {n}-entry full build (`{tool}`, default options; CPU seconds)",
        "",
        f"Machine: {machine()}.",
        "",
    ]
    for key, title in (("cumulative", "By cumulative time"), ("tottime", "By own time")):
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).strip_dirs().sort_stats(key).print_stats(30)
        sections += [f"## {title}", "", "```", stream.getvalue().strip(), "```", ""]
    text = "\n".join(sections)
    output.write_text(text, encoding="utf-8")
    return text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=HERE / "work")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md", help="where to write the Markdown tables")
    parser.add_argument("--profile", type=int, metavar="N", help="profile our N-entry build instead")
    parser.add_argument("--profile-tool", choices=TOOLS[2:], default="list", help="the project --profile builds")
    parser.add_argument(
        "--tools",
        nargs="+",
        choices=TOOLS,
        default=list(TOOLS),
        help="measure only these (a quick look; RESULTS.md should hold them all)",
    )
    parser.add_argument("--real", default=str(REALWORLD), help="a real .bib to measure too ('' for none)")
    parser.add_argument(
        "--tables-from",
        type=Path,
        nargs="+",
        metavar="JSON",
        help="write the tables from the results.json of earlier runs (e.g. 1,000 and 5,000 entries "
        "measured in separate runs) instead of measuring",
    )
    parser.add_argument(
        "--large",
        type=int,
        default=5000,
        metavar="N",
        help="from this size on, measure only floor, peer (full build), list and barron, without -j 2 "
        "(a 2-core machine shared with others cannot afford more)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    if args.profile:
        print(profile(args.profile, args.workdir, HERE / "PROFILE.md", args.profile_tool))
        return 0
    if args.tables_from:
        return write_tables([json.loads(path.read_text()) for path in args.tables_from], args.results)
    results: dict = {}
    labels: list = []
    datasets: list = [(n, make_entries(n), args.tools) for n in args.sizes]
    if args.real and Path(args.real).is_file():
        datasets.append((Path(args.real).name, Path(args.real), [t for t in REAL_TOOLS if t in args.tools]))
    elif args.real:
        print(f"no real file at {args.real}; skipped", file=sys.stderr)
    run = {
        "machine": machine(),
        "repeats": args.repeats,
        "nochange_repeats": NOCHANGE_REPEATS,
        "labels": labels,
        "results": results,
    }
    for label, data, tools in datasets:
        labels.append(label)
        results[label] = {}
        large = isinstance(label, int) and label >= args.large
        for tool in tools:
            if large and tool not in ("floor", "peer", "list", "barron"):
                continue
            scenarios = SCENARIOS
            if large:
                scenarios = ("full",) if tool == "peer" else ("full", "nochange", "edit")
            print(f"{label} {tool}...", file=sys.stderr, flush=True)
            results[label][tool] = measure(tool, label, data, args.workdir, args.repeats, scenarios)
            (args.workdir / "results.json").write_text(json.dumps(run, indent=1))
    return write_tables([json.loads(json.dumps(run))], args.results)


def write_tables(runs: list[dict], output: Path) -> int:
    """The Markdown tables of one or more runs (``results.json``), written to ``output``."""
    results: dict = {}
    labels: list = []
    for run in runs:  # a later run's tool replaces an earlier one's
        for label in run["labels"]:
            if label not in labels:
                labels.append(label)
            results.setdefault(label, {}).update(run["results"][str(label)])
    header = " ".join(
        f"Run {n}: {run['machine']}; median of {run['repeats']} run(s) per figure"
        + (f" ({run['nochange_repeats']} per run for no-change builds); " if run.get("nochange_repeats") else "; ")
        + "; ".join(f"{label}: {', '.join(run['results'][str(label)])}" for label in run["labels"])
        + "."
        for n, run in enumerate(runs, 1)
    )
    text = "# Benchmark results\n\n" + table(results, labels, header)
    output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
