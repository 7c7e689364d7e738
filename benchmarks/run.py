"""Build-time benchmark: sphinx-scholar against plain Sphinx and sphinxcontrib-bibtex.

One command (from the repository root)::

    python3 benchmarks/run.py --sizes 100 1000 5000 --repeats 3

For each size N it writes a realistic BibTeX file (accented LaTeX names,
brace-protected acronyms, some math, abstracts, @string venues, 2-12
authors, al-folio fields on some entries) and builds, on the same data and in
the same run:

* ``floor``  the entries pre-rendered as plain RST bullet items (what Sphinx
  costs with no BibTeX work at all);
* ``peer``   sphinxcontrib-bibtex, ``.. bibliography::`` with ``:all:``;
* ``list`` and ``barron``  our ``.. publications::`` in those styles.

Scenarios: clean full build, no-change rebuild, rebuild after touching an
unrelated page, rebuild after editing one entry's title, and a ``-j 2`` full
build. Each build is a fresh ``python -m sphinx`` process; the table gives the
median wall time over the repeats, the peak memory of the serial full build,
and our ratios to the floor and to the peer. Correctness is checked on the
way: the edited title must be in the output, the publication page must not be
rewritten when an unrelated page changes, and the ``-j 2`` page must equal
the serial one.

``--profile N`` instead runs our N-entry full build under cProfile and writes
the top functions to ``benchmarks/PROFILE.md``.
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
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOLS = ("floor", "peer", "list", "barron")
SCENARIOS = ("full", "nochange", "touch", "edit", "j2")

FIRST = ["David", "Jérôme", "Yue", "Nermin", "Thibaut", "Ugo", "Jérémie", "Diogo", "Hedi", "Vicky", "Stéphane",
         "Mar\u00eda", "Zo\u00eb", "Björn", "Łukasz", "Ana", "Jean-Pierre", "Ay\u015fe"]
LAST = ["Picard", "Fellus", "Zhu", "Samet", "Issenhuth", "Tanielian", "Mary", "Luvizon", "Tabia", "Kalogeiton",
        "Lathuilière", "García", "Müller", "Søgaard", "Nowak", "de la Fontaine", "van Gool", "Öztürk"]
LATEX = {"é": "{\\'e}", "è": "{\\`e}", "ô": "{\\^o}", "ü": '{\\"u}', "ö": '{\\"o}', "í": "{\\'\\i}", "ë": '{\\"e}',
         "ø": "{\\o}", "Ł": "{\\L}", "Ö": '{\\"O}', "ş": "{\\c{s}}", "á": "{\\'a}"}
WORDS = ["learning", "representation", "generative", "diffusion", "network", "pose", "estimation", "retrieval", "metric", "kernel", "gossip", "distributed", "attention", "transformer", "segmentation", "uncertainty", "adversarial", "robust", "efficient", "scalable", "sparse", "graph", "image", "video", "human", "whole-body", "dataset", "benchmark", "optimization"]
ACRONYMS = ["BERT", "GAN", "CNN", "3D", "ViT", "VAE", "SGD", "HORDE", "OOD"]
VENUES = {"cvpr": "IEEE/CVF Conference on Computer Vision and Pattern Recognition",
          "iccv": "International Conference on Computer Vision", "neurips": "Advances in Neural Information Processing Systems",
          "icml": "International Conference on Machine Learning", "tpami": "IEEE Transactions on Pattern Analysis and Machine Intelligence"}


def latex(text: str) -> str:
    return "".join(LATEX.get(c, c) for c in text)


def make_entries(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    entries = []
    for i in range(n):
        authors = [(rng.choice(FIRST), rng.choice(LAST)) for _ in range(rng.randint(2, 12))]
        if i % 3 == 0:
            authors[rng.randrange(len(authors))] = ("David", "Picard")
        words = rng.sample(WORDS, rng.randint(4, 9))
        acronym = rng.choice(ACRONYMS)
        title = f"{acronym}: " + " ".join(words).capitalize()
        math = i % 17 == 0
        venue = rng.choice(list(VENUES))
        entries.append({
            "key": f"paper{i:05d}", "type": "article" if venue == "tpami" else "inproceedings",
            "authors": authors, "title": title, "math": math, "venue": venue,
            "year": 1995 + rng.randrange(31), "month": rng.randint(1, 12),
            "abstract": " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 160))).capitalize() + ".",
            "arxiv": f"{rng.randint(15, 25)}{rng.randint(1, 12):02d}.{rng.randint(10000, 99999)}" if i % 2 else "",
            "code": f"https://github.com/lab/project{i}" if i % 5 == 0 else "",
            "abbr": venue.upper() if i % 4 == 0 else "",
        })
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
        for name in ("arxiv", "code", "abbr"):
            if e[name]:
                fields.append(f"  {name} = {{{e[name]}}}")
        out.append(f"@{e['type']}{{{e['key']},\n" + ",\n".join(fields) + "\n}")
    return "\n\n".join(out) + "\n"


def rst_floor(entries: list[dict]) -> str:
    lines = ["Publications", "============", ""]
    for e in sorted(entries, key=lambda e: (-e["year"], -e["month"])):
        authors = ", ".join(f"{first} {last}" for first, last in e["authors"])
        title = e["title"] + (" with α-divergences" if e["math"] else "")
        links = " / ".join(
            x for x in (f"`arxiv <https://arxiv.org/abs/{e['arxiv']}>`__" if e["arxiv"] else "",
                        f"`code <{e['code']}>`__" if e["code"] else "") if x
        )
        lines.append(f"- {authors}. **{title}**. *{VENUES[e['venue']]}*, {e['year']}. {links}".rstrip())
        lines.append("")
    return "\n".join(lines)


def write_project(root: Path, tool: str, entries: list[dict]) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    index = "Home\n====\n\n.. toctree::\n\n   pubs\n   other\n"
    other = "Other\n=====\n\nA page that has nothing to do with publications.\n"
    conf = "project = 'bench'\nexclude_patterns = ['_build']\n"
    if tool == "floor":
        pubs = rst_floor(entries)
    else:
        (root / "refs.bib").write_text(bibtex(entries), encoding="utf-8")
        if tool == "peer":
            conf += "extensions = ['sphinxcontrib.bibtex']\nbibtex_bibfiles = ['refs.bib']\n"
            pubs = "Publications\n============\n\n.. bibliography::\n   :all:\n"
        else:
            conf += "extensions = ['sphinx_scholar']\nscholar_bibfiles = ['refs.bib']\nscholar_me = ['David Picard']\n"
            pubs = f"Publications\n============\n\n.. publications::\n   :style: {tool}\n   :abstract: hidden\n"
    for name, text in (("conf.py", conf), ("index.rst", index), ("pubs.rst", pubs), ("other.rst", other)):
        (root / name).write_text(text, encoding="utf-8")


_RUNNER = (
    "import resource, sys\n"
    "from sphinx.cmd.build import main\n"
    "code = main(sys.argv[1:])\n"
    "print('PEAK_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def sphinx_build(src: Path, out: Path, *extra: str) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _RUNNER, "-q", "-b", "html", *extra, str(src), str(out)],
        capture_output=True, text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"build of {src} failed:\n{result.stderr[-2000:]}")
    peak = next((int(line.split()[1]) for line in result.stderr.splitlines() if line.startswith("PEAK_KB")), 0)
    return elapsed, peak


def edit_one_title(root: Path, tool: str, entries: list[dict], round_: int) -> str:
    """Change the title of the middle entry; return the new title text."""
    target = entries[len(entries) // 2]
    acronym, rest = target["title"].split(":", 1)
    if tool == "floor":
        old = target["title"] + (" with \u03b1-divergences" if target["math"] else "")
        path = root / "pubs.rst"
    else:
        old = "{" + acronym + "}:" + rest + (" with $\\alpha$-divergences" if target["math"] else "")
        path = root / "refs.bib"
    new = f"Edited title number {round_} for {target['key']}"
    text = path.read_text(encoding="utf-8")
    assert old in text, (tool, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return new


def measure(tool: str, n: int, entries: list[dict], workdir: Path, repeats: int) -> dict:
    times: dict[str, list[float]] = {s: [] for s in SCENARIOS}
    peak = 0
    checks = {"edit_shown": True, "touch_rewrote_pubs": False, "j2_identical": True}
    for round_ in range(repeats):
        data = json.loads(json.dumps(entries))
        src = workdir / f"{tool}-{n}"
        out = src / "_build" / "html"
        write_project(src, tool, data)
        elapsed, peak_kb = sphinx_build(src, out)
        times["full"].append(elapsed)
        peak = max(peak, peak_kb)
        times["nochange"].append(sphinx_build(src, out)[0])
        pubs = out / "pubs.html"
        before = pubs.stat().st_mtime_ns
        other = src / "other.rst"
        other.write_text(other.read_text() + f"\nEdit {round_}.\n")
        times["touch"].append(sphinx_build(src, out)[0])
        checks["touch_rewrote_pubs"] |= pubs.stat().st_mtime_ns != before
        new = edit_one_title(src, tool, data, round_)
        times["edit"].append(sphinx_build(src, out)[0])
        checks["edit_shown"] &= new in pubs.read_text(encoding="utf-8")
        parallel = workdir / f"{tool}-{n}-j2"
        write_project(parallel, tool, data)
        write_project(src, tool, data)
        serial_out = src / "_build" / "html"
        sphinx_build(src, serial_out)
        times["j2"].append(sphinx_build(parallel, parallel / "_build" / "html", "-j", "2")[0])
        a = (serial_out / "pubs.html").read_text(encoding="utf-8")
        b = (parallel / "_build" / "html" / "pubs.html").read_text(encoding="utf-8")
        checks["j2_identical"] &= a == b
    return {"median": {s: statistics.median(v) for s, v in times.items()}, "peak_mb": peak / 1024, "checks": checks}


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
    return (f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}; Sphinx {sphinx.__version__}; "
            f"sphinxcontrib-bibtex {peer_version}; {time.strftime('%Y-%m-%d')}")


def table(results: dict, sizes: list[int], repeats: int) -> str:
    lines = [
        f"Machine: {machine()}. Median of {repeats} run(s); seconds of wall time per `sphinx-build` process.",
        "",
        "| N | tool | full | no-change | touch other page | edit one entry | -j 2 full | peak MB | checks |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for n in sizes:
        for tool in [t for t in TOOLS if t in results[n]]:
            r = results[n][tool]
            m = r["median"]
            checks = r["checks"]
            notes = []
            if not checks["edit_shown"]:
                notes.append("STALE after edit")
            if checks["touch_rewrote_pubs"]:
                notes.append("list page rewritten on unrelated change")
            if not checks["j2_identical"]:
                notes.append("-j 2 differs")
            lines.append(
                f"| {n} | {tool} | {m['full']:.2f} | {m['nochange']:.2f} | {m['touch']:.2f} | {m['edit']:.2f} | "
                f"{m['j2']:.2f} | {r['peak_mb']:.0f} | {'; '.join(notes) or 'ok'} |"
            )
    lines += ["", "Ratios (ours / floor, ours / peer):", "",
              "| N | style | full | no-change | touch | edit | -j 2 | peak memory | full / peer | edit / our full |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for n in sizes:
        floor, peer = results[n].get("floor"), results[n].get("peer")
        if floor is None or peer is None:
            continue
        for tool in [t for t in ("list", "barron") if t in results[n]]:
            ours = results[n][tool]
            ratio = {s: ours["median"][s] / floor["median"][s] for s in SCENARIOS}
            lines.append(
                f"| {n} | {tool} | {ratio['full']:.2f} | {ratio['nochange']:.2f} | {ratio['touch']:.2f} | "
                f"{ratio['edit']:.2f} | {ratio['j2']:.2f} | {ours['peak_mb'] / max(floor['peak_mb'], 1):.2f} | "
                f"{ours['median']['full'] / peer['median']['full']:.2f} | "
                f"{ours['median']['edit'] / ours['median']['full']:.2f} |"
            )
    return "\n".join(lines) + "\n"


def profile(n: int, workdir: Path, output: Path) -> str:
    from sphinx.cmd.build import build_main

    src = workdir / f"profile-{n}"
    write_project(src, "list", make_entries(n))
    profiler = cProfile.Profile()
    profiler.enable()
    code = build_main(["-q", "-b", "html", str(src), str(src / "_build" / "html")])
    profiler.disable()
    if code:
        raise RuntimeError("profiled build failed")
    sections = [f"# Profile of a {n}-entry full build (style `list`)", "", f"Machine: {machine()}.", ""]
    for key, title in (("cumulative", "By cumulative time"), ("tottime", "By own time")):
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).strip_dirs().sort_stats(key).print_stats(25)
        sections += [f"## {title}", "", "```", stream.getvalue().strip(), "```", ""]
    text = "\n".join(sections)
    output.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=HERE / "work")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md", help="where to write the Markdown table")
    parser.add_argument("--profile", type=int, metavar="N", help="profile our N-entry build instead")
    parser.add_argument("--tools", nargs="+", choices=TOOLS, default=list(TOOLS),
                        help="measure only these (a quick look; RESULTS.md should hold all four)")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    if args.profile:
        print(profile(args.profile, args.workdir, HERE / "PROFILE.md"))
        return 0
    results: dict[int, dict] = {}
    for n in args.sizes:
        entries = make_entries(n)
        results[n] = {}
        for tool in args.tools:
            print(f"N={n} {tool}...", file=sys.stderr, flush=True)
            results[n][tool] = measure(tool, n, entries, args.workdir, args.repeats)
    text = "# Benchmark results\n\n" + table(results, args.sizes, args.repeats)
    args.results.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
