"""Reference tables generated from the code, so the docs cannot drift.

``.. scholar-config::`` lists every configuration value (name, default,
description) from ``sphinx_scholar.config.CONFIG_VALUES``;
``.. scholar-options:: publications`` lists a directive's argument and options;
``.. scholar-theme-options::`` the theme's options (from its ``theme.toml``)
and ``.. scholar-css-variables::`` its colour properties, light and dark (from
its stylesheet).
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinx_scholar.config import CONFIG_VALUES
from sphinx_scholar.directives.cv import CVDirective
from sphinx_scholar.directives.group import GroupCardDirective
from sphinx_scholar.directives.news import NewsDirective
from sphinx_scholar.directives.people import PeopleDirective, StudentsDirective
from sphinx_scholar.directives.profile import ProfileCardDirective
from sphinx_scholar.directives.projects import ProjectsDirective
from sphinx_scholar.directives.publications import PublicationsDirective
from sphinx_scholar.directives.teaching import TalksDirective, TeachingDirective

THEME = Path(__file__).resolve().parents[2] / "sphinx_scholar" / "theme" / "sphinx_scholar"

CLASS_HELP = "Extra CSS classes on the rendered block."
LANGUAGE_HELP = ("The language of this block's labels and dates (`fr`, `pt_BR`...), for a bilingual page; "
                 "default: the site's `language`. HTML marks the block with `lang`. See {doc}`/translations`.")

PEOPLE_HELP = {
    "status": "`current`, `alumni` or `all` (default). Decided from the dates and `scholar_today`.",
    "role": "Only positions with these roles (space-separated): `pi`, `postdoc`, `phd`, `master`, `engineer`, "
            "`intern`, `visitor` or any role of the registry or the file.",
    "group-by": "`role` (a heading per role, in the registry's order, alumni last), `status` (Current, then Alumni) "
                "or `none`. Default: `role` for `people`, `status` for `students`.",
    "style": "`cards` (a grid of cards with photos) or `list` (one line per person, as on the seed page). "
             "Default: `cards` for `people`, `list` for `students`.",
    "sort": "Within a group: `start` (current members by start date, oldest first; alumni by end date, newest first), "
            "`name` (family name) or `newest` (newest first). Default: `start` for `people`, `newest` for `students`.",
    "limit": "Show at most this many people (a home-page subset); with `:more:`, a \"See all members\" link follows "
             "when someone was left out.",
    "more": "The document of the full list, for the \"see all\" link, e.g. `team`.",
    "links": "Show each person's links row of icons (`yes`, the default, or `no`).",
    "class": CLASS_HELP,    "language": LANGUAGE_HELP,
}

#: directive name -> (class, argument help, option help)
DIRECTIVES = {
    "publications": (PublicationsDirective, "", {}),  # its options are OPTION_HELP below
    "profile-card": (ProfileCardDirective, "The profile YAML file (default: `scholar_profile`).", {
        "metrics": "Show the h-index, i10-index, number of papers and total citations, computed from the "
                   "BibTeX `citations` fields unless `metrics:` in the YAML overrides them.",
        "class": CLASS_HELP,
        "language": LANGUAGE_HELP,
    }),
    "people": (PeopleDirective, "The people YAML file (default: `scholar_people`).", PEOPLE_HELP),
    "students": (StudentsDirective, "The people YAML file (default: `scholar_people`).", PEOPLE_HELP),
    "news": (NewsDirective, "The news YAML file (default: `scholar_news`).", {
        "limit": "Show the latest items only (a home page); with `:more:`, an \"All news\" link follows.",
        "more": "The document of the archive, for the \"all news\" link, e.g. `news`.",
        "group-by": "`year` (default without `:limit:`) or `none` (default with it).",
        "tags": "Only items with one of these tags (space-separated).",
        "images": "Show the items' images (`yes`, the default, or `no`).",
        "class": CLASS_HELP,
        "language": LANGUAGE_HELP,
    }),
    "projects": (ProjectsDirective, "The projects YAML file (default: `scholar_projects`).", {
        "status": "`active`, `completed`, `planned` or `all` (default).",
        "projects": "Only these projects, by `id`, in this order (space-separated).",
        "class": CLASS_HELP,
        "language": LANGUAGE_HELP,
    }),
    "group-card": (GroupCardDirective, "The group YAML file (default: `scholar_group`).", {
        "metrics": "Show the h-index, i10-index, number of papers and total citations of the lab's `.bib` "
                   "(`scholar_bibfiles`), unless `metrics:` in the YAML overrides them.",
        "class": CLASS_HELP,
        "language": LANGUAGE_HELP,
    }),
    "teaching": (TeachingDirective, "The teaching YAML file (default: `scholar_teaching`).", {
        "group-by": "`institution` (default), `year` or `none`; newest first within a group.",
        "class": CLASS_HELP,
        "language": LANGUAGE_HELP,
    }),
    "talks": (TalksDirective, "The talks YAML file (default: `scholar_talks`).", {"class": CLASS_HELP, "language": LANGUAGE_HELP}),
    "cv": (CVDirective, "The CV YAML file in RenderCV's format (default: `scholar_cv`).", {
        "sections": "Which sections to show and in what order, comma-separated (default: all, in file order).",
        "no-header": "Leave out the name, headline and contact block.",
        "class": CLASS_HELP,
        "language": LANGUAGE_HELP,
    }),
}

OPTION_HELP = {
    "bibfile": "BibTeX files (space-separated), relative to the page; `/x.bib` is relative to the source folder. Default: `scholar_bibfiles`.",
    "keys": "Only these entries, by key (space- or comma-separated).",
    "selected": "Only entries with `selected = {true}`.",
    "filter": "A filter expression (see the filter language).",
    "sort": "`newest` (default), `oldest`, `title`, `author`, `source` (file order), `given` (the order of `:keys:`) or `citations` (most cited first: counts from `sphinx-scholar sync`, else the `citations` field).",
    "group-by": "`none` (default), `year`, `type` or `keyword`: a heading per group.",
    "limit": "Show at most this many entries.",
    "style": "`list`, `barron`, `profile` or `cards`.",
    "max-authors": "Authors shown before \"et al.\" (default 10, `scholar_max_authors`; 0: all); the owner stays visible: `A, B, …, Owner, et al.`",
    "highlight": "More names to show in bold, separated by `;`.",
    "abstract": "`hidden`, `collapsed` (a native disclosure) or `shown`.",
    "bibtex": "Show each entry's clean BibTeX with a copy button (`yes`/`no`).",
    "thumbnails": "Show `preview` images (`yes`/`no`).",
    "links": "Show the links row (`yes`/`no`).",
    "numbered": "A numbered list.",
    "class": "Extra CSS classes on the list.",
    "download": "Offer the list as files: any of `bib`, `csl`, `ris`, or `none`.",
    "search": "A filter box with year, type and keyword chips (`yes`/`no`).",
    "language": LANGUAGE_HELP,
    "citations": "A \"Cited by N\" badge on each entry with a count (`yes`/`no`): from `sphinx-scholar sync`'s `citations.json`, else the entry's `citations` field.",
    "facets": "The chip groups of the `:search:` box: any of `year`, `type`, `keywords`, `venue`, or `none` (the text box alone). Default: `scholar_facets` (year, type, keywords). Keyword and venue chips are capped at `scholar_max_keywords` (12), the most frequent; the text box finds every keyword.",
}


def _table(header: list[str], rows: list[list[str]], parse) -> nodes.table:
    table = nodes.table(classes=["scholar-reference"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for _ in header:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    row = nodes.row()
    for title in header:
        row += nodes.entry("", nodes.paragraph("", title))
    head += row
    group += head
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += parse(cell)
            row += entry
        body += row
    group += body
    return table


class ConfigTable(SphinxDirective):
    def run(self):
        rows = [[f"`{name}`", f"`{default!r}`", description] for name, default, _, description in CONFIG_VALUES]
        return [_table(["Name", "Default", "What it does"], rows, self._parse)]

    def _parse(self, text: str):
        paragraph = nodes.paragraph()
        nodes_, _ = self.parse_inline(text)
        paragraph.extend(nodes_)
        return paragraph


class OptionsTable(SphinxDirective):
    required_arguments = 1

    def run(self):
        directive, argument, helps = DIRECTIVES[self.arguments[0]]
        helps = helps or OPTION_HELP
        missing = [name for name in directive.option_spec if name not in helps]
        if missing:
            raise self.error(f"undocumented options: {', '.join(missing)}")
        rows = [[f"`:{name}:`", helps[name]] for name in directive.option_spec]
        if directive.optional_arguments or directive.required_arguments:
            rows.insert(0, ["argument", argument or "BibTeX files, as `:bibfile:`."])
        return [_table(["Option", "What it does"], rows, self._parse)]

    def _parse(self, text: str):
        paragraph = nodes.paragraph()
        nodes_, _ = self.parse_inline(text)
        paragraph.extend(nodes_)
        return paragraph


def _type(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type(s) for s in schema["anyOf"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {_type(schema.get('items', {}))}"
    if kind == "object" and "additionalProperties" in schema and isinstance(schema["additionalProperties"], dict):
        return f"mapping to {_type(schema['additionalProperties'])}"
    return kind


class SchemaTable(SphinxDirective):
    """``.. scholar-schema:: people``: every field of a data file, from its JSON Schema."""

    required_arguments = 1

    def run(self):
        from sphinx_scholar.loaders.yaml_files import schema_for

        root = schema_for(self.arguments[0])
        rows: list[list[str]] = []

        def walk(schema: dict, prefix: str) -> None:
            if "$ref" in schema:
                schema = root["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
            if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
                walk(schema["items"], prefix + "[]")
                return
            required = set(schema.get("required", ()))
            for name, sub in schema.get("properties", {}).items():
                path = f"{prefix}.{name}" if prefix else name
                description = sub.get("description", "")
                if "examples" in sub:
                    description += " Example: `" + str(sub["examples"][0]) + "`."
                # A zero-width space after each dot lets long paths wrap in narrow columns.
                shown = path.replace(".", ".\u200b")
                rows.append([f"`{shown}`", _type(sub), "yes" if name in required else "", description])
                if sub.get("type") in {"object", "array"} or "$ref" in sub:
                    walk(sub, path)

        walk(root, "")
        return [_table(["Field", "Type", "Required", "Meaning"], rows, self._parse)]

    def _parse(self, text: str):
        paragraph = nodes.paragraph()
        nodes_, _ = self.parse_inline(text)
        paragraph.extend(nodes_)
        return paragraph


def theme_options() -> list[tuple[str, str, str]]:
    """(name, default, the comment above it) for every option in the theme's ``theme.toml``."""
    rows, comment, in_options = [], [], False
    for line in (THEME / "theme.toml").read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            in_options = stripped == "[options]"
        elif stripped.startswith("#"):
            comment.append(stripped.lstrip("# "))
        elif in_options and "=" in stripped:
            name, _, default = stripped.partition("=")
            rows.append((name.strip(), default.strip(), " ".join(comment)))
            comment = []
        else:
            comment = []
    return rows


def css_variables() -> list[tuple[str, str, str]]:
    """(property, light value, dark value) of the theme's colour properties."""
    css = (THEME / "static" / "scholar-theme.css").read_text(encoding="utf-8")
    blocks = {}
    for selector, body in re.findall(r"^(html:root|html\[data-mode=\"dark\"\])\s*\{(.*?)^\}", css, re.S | re.M):
        blocks[selector] = dict(re.findall(r"(--scholar-[a-z-]+):\s*([^;]+);", body))
    light, dark = blocks["html:root"], blocks['html[data-mode="dark"]']
    return [(name, value, dark.get(name, value)) for name, value in light.items()]


class ThemeOptionsTable(SphinxDirective):
    def run(self):
        rows = [[f"`{name}`", f"`{default}`", text] for name, default, text in theme_options()]
        return [_table(["Option", "Default", "What it does"], rows, self._parse)]

    _parse = ConfigTable._parse


class CSSVariablesTable(SphinxDirective):
    def run(self):
        rows = [[f"`{name}`", f"`{light}`", f"`{dark}`"] for name, light, dark in css_variables()]
        return [_table(["Property", "Light", "Dark"], rows, self._parse)]

    _parse = ConfigTable._parse


def setup(app):
    app.add_directive("scholar-theme-options", ThemeOptionsTable)
    app.add_directive("scholar-css-variables", CSSVariablesTable)
    app.add_directive("scholar-schema", SchemaTable)
    app.add_directive("scholar-config", ConfigTable)
    app.add_directive("scholar-options", OptionsTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
