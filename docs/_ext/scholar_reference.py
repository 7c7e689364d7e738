"""Reference tables generated from the code, so the docs cannot drift.

``.. scholar-config::`` lists every configuration value (name, default,
description) from ``sphinx_scholar.config.CONFIG_VALUES``;
``.. scholar-options:: publications`` lists a directive's options.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinx_scholar.config import CONFIG_VALUES
from sphinx_scholar.directives.publications import PublicationsDirective

DIRECTIVES = {"publications": PublicationsDirective}

OPTION_HELP = {
    "bibfile": "BibTeX files (space-separated), relative to the page; `/x.bib` is relative to the source folder. Default: `scholar_bibfiles`.",
    "keys": "Only these entries, by key (space- or comma-separated).",
    "selected": "Only entries with `selected = {true}`.",
    "filter": "A filter expression (see the filter language).",
    "sort": "`newest` (default), `oldest`, `title`, `author`, `source` (file order) or `given` (the order of `:keys:`).",
    "group-by": "`none` (default), `year`, `type` or `keyword`: a heading per group.",
    "limit": "Show at most this many entries.",
    "style": "`list`, `barron`, `profile` or `cards`.",
    "max-authors": "Authors shown before \"et al.\" (0: all); the owner stays visible.",
    "highlight": "More names to show in bold, separated by `;`.",
    "abstract": "`hidden`, `collapsed` (a native disclosure) or `shown`.",
    "bibtex": "Show each entry's clean BibTeX with a copy button (`yes`/`no`).",
    "thumbnails": "Show `preview` images (`yes`/`no`).",
    "links": "Show the links row (`yes`/`no`).",
    "numbered": "A numbered list.",
    "class": "Extra CSS classes on the list.",
    "download": "Offer the list as files: any of `bib`, `csl`, `ris`, or `none`.",
    "search": "A filter box with year, type and keyword chips (`yes`/`no`).",
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
        directive = DIRECTIVES[self.arguments[0]]
        missing = [name for name in directive.option_spec if name not in OPTION_HELP]
        if missing:
            raise self.error(f"undocumented options: {', '.join(missing)}")
        rows = [[f"`:{name}:`", OPTION_HELP[name]] for name in directive.option_spec]
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
                rows.append([f"`{path}`", _type(sub), "yes" if name in required else "", description])
                if sub.get("type") in {"object", "array"} or "$ref" in sub:
                    walk(sub, path)

        walk(root, "")
        return [_table(["Field", "Type", "Required", "Meaning"], rows, self._parse)]

    def _parse(self, text: str):
        paragraph = nodes.paragraph()
        nodes_, _ = self.parse_inline(text)
        paragraph.extend(nodes_)
        return paragraph


def setup(app):
    app.add_directive("scholar-schema", SchemaTable)
    app.add_directive("scholar-config", ConfigTable)
    app.add_directive("scholar-options", OptionsTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
