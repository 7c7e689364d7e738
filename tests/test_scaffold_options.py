"""The scaffold builds with -W with every option its conf.py mentions turned
on (the commented-out lines uncommented), html_baseurl empty as on a laptop."""

from __future__ import annotations

import io
import re

from conftest import sphinx_build

from sphinx_scholar.cli import main


def test_scaffold_builds_with_every_mentioned_option_on(tmp_path, monkeypatch):
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL", raising=False)
    site = tmp_path / "site"
    assert (
        main(
            ["new", str(site), "--no-input", "--name", "Ada Example"],
            stdin=io.StringIO(),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
        == 0
    )
    conf = site / "conf.py"
    text = conf.read_text(encoding="utf-8")
    # '# scholar_x = ...' and '#     "option": value,' lines: options, not prose.
    option = re.compile(r'^(\s*)# ((?:scholar_\w+|html_\w+) = .+|"\w+": .+,.*)$', re.M)
    turned_on = option.findall(text)
    assert {"scholar_feed = True", "scholar_paper_pages = True"} <= {line for _, line in turned_on}, turned_on
    assert any(line.startswith('"accent_color"') for _, line in turned_on)
    conf.write_text(option.sub(r"\1\2", text), encoding="utf-8")
    run = sphinx_build(site, tmp_path / "out")
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "out" / "papers").is_dir()
