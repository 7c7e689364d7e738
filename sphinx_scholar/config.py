"""Configuration values of the extension, each typed and described."""

from __future__ import annotations

from sphinx.application import Sphinx

from .render.publications import ABSTRACT_MODES, STYLES
from .selection.choose import GROUPS, SORTS

__all__ = ["CONFIG_VALUES", "setup_config"]

#: name, default, types, description. The docs' configuration reference is generated from this table.
CONFIG_VALUES: tuple[tuple[str, object, tuple[type, ...], str], ...] = (
    (
        "scholar_bibfiles",
        [],
        (list, tuple),
        "BibTeX files, relative to the folder of conf.py, used by every `publications` directive without a `:bibfile:` option.",
    ),
    (
        "scholar_me",
        [],
        (list, tuple),
        'The owner\'s name variants, shown in bold in author lists, e.g. `["David Picard", "D. Picard"]`. Accents, initials and contribution marks are matched loosely.',
    ),
    ("scholar_style", "list", (str,), f"Default `:style:` of `publications`: one of {', '.join(STYLES)}."),
    ("scholar_sort", "newest", (str,), f"Default `:sort:` of `publications`: one of {', '.join(SORTS)}."),
    ("scholar_group_by", "none", (str,), f"Default `:group-by:` of `publications`: one of {', '.join(GROUPS)}."),
    (
        "scholar_abstract",
        "collapsed",
        (str,),
        f"Default `:abstract:` of `publications`: one of {', '.join(ABSTRACT_MODES)}.",
    ),
    (
        "scholar_max_authors",
        10,
        (int,),
        'Default `:max-authors:`: how many authors to show before "et al."; your own name is kept after "…" when it comes later (0 shows all).',
    ),
    (
        "scholar_bibtex",
        False,
        (bool,),
        "Default `:bibtex:`: show each entry's clean BibTeX in a collapsed box with a copy button.",
    ),
    ("scholar_thumbnails", True, (bool,), "Default `:thumbnails:`: show the `preview` image of entries that have one."),
    (
        "scholar_search",
        False,
        (bool,),
        "Default `:search:` of `publications`: a filter box with year, type and keyword chips above each list (needs JavaScript; without it the full list shows).",
    ),
    (
        "scholar_facets",
        ["year", "type", "keywords"],
        (list, tuple),
        "Default `:facets:` of `publications`: which chip groups the `:search:` box offers, any of `year`, `type`, `keywords`, `venue` (empty: the text box alone).",
    ),
    (
        "scholar_max_keywords",
        12,
        (int,),
        "How many keyword (and venue) chips the `:search:` box offers, the most frequent first; the others are found through the text box.",
    ),
    (
        "scholar_math",
        "unicode",
        (str,),
        "How `$...$` in BibTeX fields is shown: `unicode` (text such as α, no math renderer needed, the default) or `render` (math nodes, rendered by MathJax in HTML, with its `ui/safe` extension, and natively in LaTeX). Either way only allow-listed math macros reach MathJax or LaTeX.",
    ),
    (
        "scholar_download",
        [],
        (list, tuple),
        "Default `:download:` of `publications`: formats offered as files under each list, any of `bib`, `csl` (CSL-JSON) and `ris`. With `bib`, each entry also gets a `bib` link to its own file.",
    ),
    (
        "scholar_download_display_fields",
        False,
        (bool,),
        "Keep al-folio's display fields (`abbr`, `preview`, `selected`, `pdf`, `code`...) in downloaded `.bib` files; by default they are stripped, as in the BibTeX shown on the page.",
    ),
    (
        "scholar_feed",
        False,
        (bool,),
        "Write an Atom feed of the newest publications of `scholar_bibfiles` (`publications.atom`, linked from every page's head). Needs `html_baseurl`.",
    ),
    ("scholar_feed_size", 20, (int,), "How many entries the Atom feed holds."),
    ("scholar_feed_title", "", (str,), 'Title of the Atom feed; by default "<project>: publications".'),
    (
        "scholar_paper_pages",
        False,
        (bool,),
        "Generate one page per entry of `scholar_bibfiles` (at `<scholar_paper_dir>/<key>`, the key made a safe file name, html and dirhtml builders) with Google Scholar `citation_*` tags, Open Graph and JSON-LD; list titles link to them.",
    ),
    ("scholar_paper_dir", "papers", (str,), "Folder of the per-entry pages."),
    ("scholar_profile", "", (str,), "Default file of `profile-card` (relative to conf.py), e.g. `profile.yaml`."),
    (
        "scholar_people",
        "",
        (str,),
        "Default file of `people` and `students` (relative to conf.py). Its names and aliases also link co-authors in `publications`.",
    ),
    (
        "scholar_roles",
        {},
        (dict,),
        'Roles added to or relabelled in the built-in registry, e.g. `{"staff": {"label": "Research staff", "singular": "Research scientist"}}` (`alumni` relabels the alumni group). `roles:` in the people file does the same and wins.',
    ),
    (
        "scholar_role_order",
        [],
        (list, tuple),
        'The order of the groups of `people`, by role key, e.g. `["pi", "postdoc", "phd", "alumni"]`; by default pi, postdoc, phd, master, engineer, intern, visitor, then any other role, then alumni.',
    ),
    (
        "scholar_member_pages",
        False,
        (bool,),
        "Generate one page per member of `scholar_people` (at `<scholar_member_dir>/<slug>`, html and dirhtml builders): photo, positions, bio, links, interests, thesis and their publications. Team cards and author names link to them; a real document with the same name wins.",
    ),
    ("scholar_member_dir", "people", (str,), "Folder of the member pages."),
    ("scholar_news", "", (str,), "Default file of `news` (relative to conf.py), e.g. `news.yaml`."),
    (
        "scholar_news_feed",
        False,
        (bool,),
        "Write an Atom feed of `scholar_news` (`news.atom`, linked from every page's head). Needs `html_baseurl`.",
    ),
    ("scholar_projects", "", (str,), "Default file of `projects` (relative to conf.py), e.g. `projects.yaml`."),
    (
        "scholar_project_pages",
        False,
        (bool,),
        "Generate one page per project of `scholar_projects` (at `<scholar_project_dir>/<id>`) with its summary, team and papers; project cards link to them.",
    ),
    ("scholar_project_dir", "projects", (str,), "Folder of the project pages."),
    ("scholar_group", "", (str,), "Default file of `group-card` (relative to conf.py), e.g. `group.yaml`."),
    ("scholar_teaching", "", (str,), "Default file of `teaching`."),
    ("scholar_talks", "", (str,), "Default file of `talks`."),
    ("scholar_cv", "", (str,), "Default file of `cv` (RenderCV's `cv.yaml`)."),
    (
        "scholar_today",
        "",
        (str,),
        "The date (YYYY-MM-DD) that decides who is current and who is an alumnus; empty: the build date. Set it for reproducible builds.",
    ),
    (
        "scholar_labels",
        {},
        (dict,),
        'Replace any label the package writes, by its English text: `{"Journal articles": "Artigos"}` for the site\'s language, or `{"eu": {"Journal articles": "..."}}` per language (for `:language:`). See the Translations page.',
    ),
    (
        "scholar_preview_dir",
        "",
        (str,),
        "Folder, relative to conf.py, where `preview` and `preview_hover` images are looked up; by default the folder of the `.bib` file.",
    ),
    (
        "scholar_citations",
        "",
        (str,),
        "Citation counts written by `sphinx-scholar sync` (relative to conf.py); by default `citations.json` next to the first file of `scholar_bibfiles`. The profile card's metrics use them, falling back to the entries' `citations` fields.",
    ),
    (
        "scholar_citations_max_age",
        180,
        (int,),
        "Warn (once, `scholar.citations-stale`) when the citation counts are older than this many days; 0 never warns.",
    ),
)


def _check_choices(app: Sphinx, config) -> None:
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    for name, allowed in (
        ("scholar_style", STYLES),
        ("scholar_sort", SORTS),
        ("scholar_group_by", GROUPS),
        ("scholar_abstract", ABSTRACT_MODES),
        ("scholar_math", ("unicode", "render")),
    ):
        value = getattr(config, name)
        if value not in allowed:
            default = next(d for n, d, _, _ in CONFIG_VALUES if n == name)
            logger.warning(
                "%s = %r is not one of %s; using %r",
                name,
                value,
                ", ".join(allowed),
                default,
                type="scholar",
                subtype="config",
            )
            setattr(config, name, default)


def setup_config(app: Sphinx) -> None:
    for name, default, types, description in CONFIG_VALUES:
        app.add_config_value(name, default, "env", types=frozenset(types), description=description)
    app.connect("config-inited", _check_choices)
