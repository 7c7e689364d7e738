"""One option convention in every directive: a bad value is a located
``scholar.option`` warning and the default, never a lost list."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOTS, soup_of, warnings_of

from sphinx_scholar.directives.options import boolean, choice, formats, names, words


def test_converters():
    assert boolean(None) is True and boolean(" No ") is False
    with pytest.raises(ValueError):
        boolean("maybe")
    assert choice(("list", "cards"))("  Cards ") == "cards"
    with pytest.raises(ValueError):
        choice(("list", "cards"))("grid")
    assert words("a, b  c") == ["a", "b", "c"]
    assert names("Picard, David; D. Picard\nX") == ["Picard, David", "D. Picard", "X"]
    assert formats("ris bib ris") == ["ris", "bib"] and formats("none") == []
    with pytest.raises(ValueError):
        formats("pdf")


@pytest.mark.parametrize(
    ("directive", "option", "selector"),
    [
        ("students", ":style: gallery", ".scholar-students .scholar-person-line"),
        ("students", ":status: former", ".scholar-students .scholar-person-line"),
        ("people", ":sort: age", ".scholar-team .scholar-person-name"),
        ("teaching", ":group-by: semester", ".scholar-teaching li"),
    ],
)
def test_a_bad_option_value_warns_and_keeps_the_list(tmp_path, build, directive, option, selector):
    root = tmp_path / "src"
    shutil.copytree(ROOTS / "test-people", root)
    (root / "index.rst").write_text(f"Page\n====\n\n.. {directive}::\n   {option}\n", encoding="utf-8")
    app = build(root)
    warnings = [w for w in warnings_of(app) if "scholar" in w]
    assert len(warnings) == 1, warnings
    assert "index.rst:4" in warnings[0] and "[scholar.option]" in warnings[0]
    assert f"invalid :{option.split(':')[1]}: option" in warnings[0]
    assert soup_of(app).select(selector), "the list is still shown, with the default"
