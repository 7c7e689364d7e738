"""Everything is computed once: each field decoded once per build and reused
across builds, each .bib read once per build (issue 14). Counts, never timings."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import soup_of, warnings_of, write_project

from sphinx_scholar.loaders import bibtex
from sphinx_scholar.records import richtext

N = 12


def entry(i: int, abstract: str | None = None) -> str:
    abstract = abstract or (
        rf"We show that \emph{{method {i}}} improves ``accuracy'' by {i}\% with $\alpha_{i}$ -- "
        rf"see G{{\"o}}del and Erd{{\H{{o}}}}s."
    )
    return (
        f'@article{{paper{i:02d},\n  author = {{M{{\\"u}}ller, Anna and Doe, John}},\n'
        f"  title = {{{{BERT}} number {i} with $\\beta$}},\n  journal = {{Journal}},\n  year = {{{2000 + i}}},\n"
        f"  abstract = {{{abstract}}},\n}}\n"
    )


def project(root: Path, paper_pages: bool = False) -> Path:
    conf = "extensions = ['sphinx_scholar']\nscholar_bibfiles = ['refs.bib']\n"
    if paper_pages:
        conf += "scholar_paper_pages = True\n"
    return write_project(
        root,
        {
            "conf.py": conf,
            "index.rst": "Home\n====\n\n.. toctree::\n\n   pubs\n   more\n",
            "pubs.rst": "Publications\n============\n\n.. publications::\n",
            "more.rst": "More\n====\n\n.. publications::\n   :style: barron\n   :bibtex:\n",
            "refs.bib": "".join(entry(i) for i in range(N)),
        },
    )


def new_process() -> None:
    """Forget what this process parsed and decoded, as the next build's process would."""
    bibtex.forget_parsed()
    richtext.forget_decoded()


def test_each_field_is_decoded_once_per_build(tmp_path, build):
    root = project(tmp_path / "site")
    new_process()
    before = richtext.decoder_calls()
    app = build(root)
    assert warnings_of(app) == []
    # title and abstract of each entry have LaTeX, and one author name (the same in
    # every entry); two lists show every entry
    assert richtext.decoder_calls() - before == 2 * N + 1
    assert "improves \u201caccuracy\u201d by 3% with" in soup_of(app, "pubs").get_text()


def test_an_edit_decodes_only_the_edited_entry_again(tmp_path, build):
    root = project(tmp_path / "site")
    new_process()
    build(root)
    new_process()
    bib = root / "refs.bib"
    bib.write_text(bib.read_text().replace(entry(5), entry(5, r"An \emph{edited} abstract, 50\% new.")))
    before = richtext.decoder_calls()
    app = build(root)
    assert warnings_of(app) == []
    # the edited entry alone is parsed again: its title, abstract and author name
    assert richtext.decoder_calls() - before == 3
    text = soup_of(app, "more").get_text()
    assert "An edited abstract, 50% new." in text
    assert "improves \u201caccuracy\u201d by 7% with" in text  # an unchanged entry, from the cache


def test_a_paper_page_build_reads_each_bib_once(tmp_path, build, monkeypatch):
    root = project(tmp_path / "site", paper_pages=True)
    new_process()
    calls: list[str] = []
    real = bibtex.load_bibliography

    def counting(path, cache_dir=None):
        calls.append(str(path))
        return real(path, cache_dir)

    monkeypatch.setattr(bibtex, "load_bibliography", counting)
    before = richtext.decoder_calls()
    app = build(root)
    assert warnings_of(app) == []
    assert len(list((Path(app.outdir) / "papers").glob("*.html"))) == N
    assert len(calls) == 1, calls
    assert richtext.decoder_calls() - before == 2 * N + 1  # the paper pages decode nothing again


@pytest.mark.parametrize("source", ["Plain title -- with ties~and {Braces}", "Über {BERT} --- no LaTeX"])
def test_a_field_without_latex_never_enters_a_parser(source, monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("parser used")

    monkeypatch.setattr(richtext, "_Tokenizer", fail)
    monkeypatch.setattr(richtext, "_latex", fail)
    before = richtext.decoder_calls()
    assert richtext._decode(source).plain
    assert richtext.decoder_calls() == before
