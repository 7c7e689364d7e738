"""``sphinx-scholar new``: scaffold a site, build it with -W, check its pages."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import sphinx_build

from sphinx_scholar import __version__
from sphinx_scholar.cli import SCAFFOLD, main


def console_script() -> list[str]:
    """The console script installed with this Python (its venv's bin/), never
    whatever ``sphinx-scholar`` comes first on PATH."""
    script = Path(sys.executable).with_name("sphinx-scholar")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "sphinx_scholar.cli"]


def test_the_console_script_is_this_package():
    run = subprocess.run([*console_script(), "--version"], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.strip() == f"sphinx-scholar {__version__}"
    assert Path(console_script()[0]).parent == Path(sys.executable).parent


def build(src: Path, builder: str = "html") -> tuple[subprocess.CompletedProcess, Path]:
    out = src / "_build" / builder
    return sphinx_build(src, out, builder), out


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A site made by the installed console script, run with no terminal attached."""
    target = tmp_path_factory.mktemp("cli") / "my site"
    run = subprocess.run(
        [*console_script(), "new", str(target), "--name", "Ada O'Brien <Lovelace>", "--email", "ada@example.org"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "python3 -m sphinx -b html . _build/html" in run.stdout
    return target


def test_scaffold_writes_every_file(site):
    written = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    assert written == sorted(SCAFFOLD)


def test_scaffolded_site_builds_without_a_warning_and_shows_its_pages(site):
    run, out = build(site)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    home = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    card = home.select_one(".scholar-profile")
    assert card is not None
    # The name went through Python, YAML and HTML: escaped, never markup.
    # (Sphinx's smart quotes curl the apostrophe.)
    assert "Ada O\u2019Brien <Lovelace>" in card.get_text()
    assert home.find("lovelace") is None
    assert len(home.select(".scholar-pub")) == 3
    assert {m.get_text() for m in home.select(".scholar-me")} == {"Ada O\u2019Brien <Lovelace>"}
    people = " ".join(p.get_text() for p in home.select(".scholar-people"))
    assert "Jane Doe" in people and "John Roe" in people and "now Engineer" in people
    nav = [a.get_text(strip=True) for a in home.select("nav a")]
    assert "Publications" in nav and "CV" in nav
    pubs = BeautifulSoup((out / "publications.html").read_text(encoding="utf-8"), "html.parser")
    assert [h.get_text(strip=True) for h in pubs.select(".scholar-group-heading")] == ["2025", "2024", "2023"]
    assert pubs.select_one(".scholar-filter input.scholar-filter-text") is not None
    links = {a.get_text(): a["href"] for a in pubs.select("p.scholar-downloads a")}
    assert links == {
        "BibTeX": "_scholar/publications.bib",
        "CSL-JSON": "_scholar/publications.json",
        "RIS": "_scholar/publications.ris",
    }
    assert (out / "_scholar" / "publications.bib").read_text(encoding="utf-8").count("@") == 3
    cv = BeautifulSoup((out / "cv.html").read_text(encoding="utf-8"), "html.parser")
    assert "Education" in cv.get_text() and "Python, Sphinx" in cv.get_text()


def test_scaffolded_site_builds_as_dirhtml_and_latex(site, tmp_path):
    for builder in ("dirhtml", "latex"):
        run, out = build(site, builder)
        assert run.returncode == 0, (builder, run.stderr)


def test_ci_files_build_the_site_from_requirements(site):
    import yaml

    rtd = yaml.safe_load((site / ".readthedocs.yaml").read_text())
    assert rtd["version"] == 2 and rtd["sphinx"]["fail_on_warning"] is True
    assert rtd["sphinx"]["configuration"] == "conf.py"
    workflow = yaml.safe_load((site / ".github/workflows/pages.yml").read_text())
    steps = " ".join(str(step) for step in workflow["jobs"]["build"]["steps"])
    assert "-W -b html . _build/html" in steps and "upload-pages-artifact" in steps
    assert "${{ steps.deployment.outputs.page_url }}" in (site / ".github/workflows/pages.yml").read_text()
    from sphinx_scholar import __version__

    wanted = [line for line in (site / "requirements.txt").read_text().splitlines() if not line.startswith("#")]
    assert wanted == ["sphinx-scholar>=" + ".".join(__version__.split(".")[:2])]


def test_refuses_to_overwrite_and_writes_nothing(tmp_path):
    (tmp_path / "conf.py").write_text("# mine\n")
    err = io.StringIO()
    code = main(["new", str(tmp_path), "--no-input"], stdin=io.StringIO(), stdout=io.StringIO(), stderr=err)
    assert code == 1
    assert "conf.py" in err.getvalue() and "nothing was written" in err.getvalue()
    assert (tmp_path / "conf.py").read_text() == "# mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["conf.py"]


def test_refuses_a_file_as_target(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    err = io.StringIO()
    assert main(["new", str(target)], stdin=io.StringIO(), stdout=io.StringIO(), stderr=err) == 1
    assert "not a directory" in err.getvalue()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_asks_on_a_terminal_and_not_otherwise(tmp_path):
    out = io.StringIO()
    answers = _Terminal("Grace Hopper\n\nNavy Lab\n")
    assert main(["new", str(tmp_path / "asked")], stdin=answers, stdout=out, stderr=io.StringIO()) == 0
    assert "Name [Your Name]:" in out.getvalue()
    profile = (tmp_path / "asked" / "profile.yaml").read_text()
    assert 'name: "Grace Hopper"' in profile and '"you@example.org"' in profile and '"Navy Lab"' in profile
    assert "Hopper, Grace" in (tmp_path / "asked" / "publications.bib").read_text()
    # --no-input on a terminal, and any non-terminal stdin, ask nothing.
    out = io.StringIO()
    assert (
        main(["new", str(tmp_path / "quiet"), "--no-input"], stdin=_Terminal(""), stdout=out, stderr=io.StringIO()) == 0
    )
    assert "[Your Name]" not in out.getvalue()
    assert 'name: "Your Name"' in (tmp_path / "quiet" / "profile.yaml").read_text()


def test_version_and_help():
    run = subprocess.run([*console_script(), "--version"], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.strip() == f"sphinx-scholar {__version__}"
    run = subprocess.run([sys.executable, "-m", "sphinx_scholar.cli"], capture_output=True, text=True)
    assert run.returncode == 2 and "new" in run.stderr
