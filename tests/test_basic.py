"""The publications directive in a real Sphinx project, from RST and MyST."""

from __future__ import annotations

import pytest


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_lists_every_entry_newest_first(app, soup, warnings):
    app.build()
    assert warnings(app) == []
    page = soup(app)
    items = page.select("li.scholar-pub")
    assert [li["id"] for li in items] == [
        "pub-dufour2024dimo",
        "pub-zhu2023h3wb",
        "pub-issenhuth2023edibert",
        "pub-negrel2014thesis",
    ]


@pytest.mark.sphinx("html", testroot="myst", freshenv=True)
def test_myst_directive_and_role(app, soup, warnings):
    app.build()
    assert warnings(app) == []
    page = soup(app)
    keys = [li["id"] for li in page.select("li.scholar-pub")]
    assert keys == ["pub-dufour2024dimo", "pub-zhu2023h3wb", "pub-issenhuth2023edibert"]
    assert page.select_one("ul.scholar-style-barron") is not None
    link = page.select_one("a[href='#pub-zhu2023h3wb']")
    assert link is not None and link.get_text() == "Zhu et al., 2023"
