"""Thumbnails and photos resized at build time to the size they are shown at.

People upload 4 MB portraits for a 96 px avatar and full-page figures for a
160 px thumbnail. For every image our directives show (publication previews,
the profile photo, people's photos), HTML builders get, instead of the
original:

- copies at the displayed size and twice that (high-density screens), never
  larger than the original, chosen by the browser through ``srcset``;
- each in WebP, with the original format (JPEG or PNG) as the fallback of a
  ``<picture>``;
- made once per content: the file name is a hash of the original's bytes and
  the target size, and the copies live in the build's cache (beside the
  doctrees, ``<doctreedir>/scholar-images``), so a rebuild, even a clean
  one with the same doctree folder, resizes nothing it has done before.

SVG, GIF (perhaps animated) and any format Pillow cannot read pass through as
they are. An original over 1 MB gets a warning located at the data that
names it (``scholar.image``): it is still resized, but it weighs on the
repository and on every clone.

Other builders (LaTeX, EPUB...) keep the original.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ..nodes.elements import thumbnail

__all__ = ["HEAVY_BYTES", "Variant", "optimize_images", "resize", "setup_images"]

logger = logging.getLogger(__name__)

#: originals heavier than this are reported
HEAVY_BYTES = 1024 * 1024
_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
_CACHE_VERSION = "1"


# GLOBAL STATE: what this process knows of the current build's images, reset
# when a build starts. Kept out of the environment: it holds nothing worth
# pickling. Images are handled in the main process, even under -j (Sphinx
# resolves every doctree, and html-collect-pages makes the paper pages, there
# before a parallel writer forks), so each heavy original is reported once.
class _ImageState:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.digests: dict[tuple[str, int, int], str] = {}  # (path, mtime, size) -> hash of the bytes
        self.warned: set[str] = set()  # heavy originals already reported in this build


STATE = _ImageState()


def _start_build(app: Sphinx) -> None:
    STATE.reset()


@dataclass(frozen=True)
class _Shown:
    """How one kind of image is shown: fluid (``widths`` in CSS px, with
    ``sizes``) or a fixed box it covers (``box`` in CSS px, x descriptors)."""

    widths: tuple[int, ...] = ()
    sizes: str = ""
    box: int = 0


# The CSS of sphinx-scholar.css: 160 px thumbnails beside the text on a
# desktop, up to 320 px stacked on a phone; cards up to 360 px; a 160 px
# round profile photo (128 px on a phone); people's photos of 96 px (lists)
# and 112 px (team cards); 64 px news images; project images up to the column.
_THUMB = _Shown(widths=(160, 320), sizes="(max-width: 600px) min(320px, 100vw), 160px")
_CARD = _Shown(widths=(240, 360), sizes="(max-width: 576px) 100vw, 360px")
_KINDS = {
    # The first class found decides: a member page's photo is also a person's photo.
    "scholar-member-photo": _Shown(box=160),
    "scholar-profile-photo": _Shown(box=160),
    "scholar-person-photo": _Shown(box=112),  # 96 px in lists, 112 px on team cards
    "scholar-news-image": _Shown(box=64),
    "scholar-project-image": _Shown(widths=(360, 800), sizes="(max-width: 800px) 100vw, 800px"),
}


@dataclass(frozen=True)
class Variant:
    """One resized copy: its file name (in the cache and in ``_images/scholar``),
    pixel size, and format (``webp`` or the fallback's)."""

    name: str
    width: int
    height: int
    format: str


def _shown(node: nodes.image) -> _Shown | None:
    classes = set(node["classes"])
    for name, shown in _KINDS.items():
        if name in classes:
            return shown
    if classes & {"scholar-thumb-main", "scholar-thumb-hover"}:
        parent = node.parent
        while parent is not None:
            if "sd-card" in parent.get("classes", ()):
                return _CARD
            parent = parent.parent
        return _THUMB
    return None


def _digest(path: Path, memo: dict) -> str:
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in memo:
        memo[key] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return memo[key]


def _targets(size: tuple[int, int], shown: _Shown) -> list[tuple[int, int, str]]:
    """(width, height, descriptor) of each copy, smallest first, never upscaled."""
    width, height = size
    out: dict[tuple[int, int], str] = {}
    if shown.box:
        for density in (1, 2):
            scale = min(1.0, shown.box * density / min(width, height))
            target = (max(1, round(width * scale)), max(1, round(height * scale)))
            out.setdefault(target, f"{density}x")
    else:
        for css in sorted({w * d for w in shown.widths for d in (1, 2)}):
            scale = min(1.0, css / width)
            target = (max(1, round(width * scale)), max(1, round(height * scale)))
            out.setdefault(target, f"{target[0]}w")
    return [(w, h, descriptor) for (w, h), descriptor in out.items()]


def _save(image, path: Path, fmt: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if fmt == "webp":
        image.save(tmp, "WEBP", quality=80, method=4)
    elif fmt == "jpg":
        image.convert("RGB").save(tmp, "JPEG", quality=82, optimize=True, progressive=True)
    else:
        image.save(tmp, "PNG", optimize=True)
    os.replace(tmp, path)  # atomic: parallel writers never see half a file


def resize(source: Path, cache: Path, shown: _Shown, memo: dict) -> tuple[list[tuple[Variant, str]], str] | None:
    """Make (or find in ``cache``) the copies of ``source`` for ``shown``:
    ``([(variant, descriptor)...], fallback format)``, or None to pass it through."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    digest = _digest(source, memo)
    cache.mkdir(parents=True, exist_ok=True)
    # What we know of this original (format and size), without opening it again.
    info = cache / f"{digest}.info"
    if info.exists():
        fmt, _, dims = info.read_text().partition(" ")
        if fmt == "-":
            return None
        size = tuple(int(x) for x in dims.split("x"))
        image = None
    else:
        try:
            image = Image.open(source)
            fmt = _FORMATS.get(image.format or "", "")
            if not fmt or getattr(image, "is_animated", False):
                info.write_text("- 0x0")
                return None
            image = ImageOps.exif_transpose(image)
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
            info.write_text("- 0x0")
            return None
        size = image.size
        info.write_text(f"{fmt} {size[0]}x{size[1]}")
    fallback = "png" if fmt == "webp" else fmt
    variants: list[tuple[Variant, str]] = []
    for width, height, descriptor in _targets(size, shown):  # type: ignore[arg-type]
        for kind in ("webp", fallback):
            name = f"{digest}-{width}x{height}.{kind}"
            path = cache / name
            if not path.exists():
                if image is None:
                    image = ImageOps.exif_transpose(Image.open(source))
                copy = (
                    image if (width, height) == image.size else image.resize((width, height), Image.Resampling.LANCZOS)
                )
                if kind == "jpg" and copy.mode not in ("RGB", "L"):
                    copy = copy.convert("RGB")
                _save(copy, path, kind)
            variants.append((Variant(name, width, height, kind), descriptor))
    return variants, fallback


def optimize_images(app: Sphinx, tree: nodes.Node, docname: str) -> None:
    """Replace each image of ours in ``tree`` by a :class:`thumbnail` that
    carries its resized copies (written to ``_images/scholar``)."""
    builder = app.builder
    if builder.format != "html" or builder.name in ("epub",):
        return
    memo, warned = STATE.digests, STATE.warned
    cache = Path(app.doctreedir) / "scholar-images"
    target_dir = Path(builder.outdir) / builder.imagedir / "scholar"
    for node in list(tree.findall(nodes.image)):
        shown = _shown(node)
        uri = node.get("uri", "")
        if shown is None or not uri or "://" in uri or uri.startswith("data:"):
            continue
        source = Path(app.srcdir) / uri
        if not source.is_file():
            continue
        _warn_if_heavy(node, uri, source.stat().st_size, docname, warned)
        made = resize(source, cache, shown, memo)
        if made is None:
            continue
        variants, fallback = made
        _publish([variant for variant, _ in variants], cache, target_dir)
        new = _as_thumbnail(node, variants, fallback, shown, uri)
        if new is not node:
            new.source, new.line = node.source, node.line
            node.replace_self(new)


def free_image_name(images: dict[str, str], key: str) -> str:
    """A name in ``_images`` for ``key`` that no other image has."""
    taken = set(images.values())
    name = os.path.basename(key)
    stem, suffix = os.path.splitext(name)
    number = 1
    while name in taken:
        number += 1
        name = f"{stem}{number}{suffix}"
    return name


def publish_originals(builder, tree: nodes.Node) -> None:
    """Have the builder copy the local images a generated page (no document of
    Sphinx's) still shows as themselves: those :func:`optimize_images` could not
    resize. A resized image's original is not copied."""
    images = builder.images
    for node in tree.findall(nodes.image):
        uri = node.get("uri", "")
        if node.get("scholar-sources") or not uri or "://" in uri or uri.startswith("data:"):
            continue
        if uri not in images:
            images[uri] = free_image_name(images, uri)  # the builder copies it after the pages


def _warn_if_heavy(node: nodes.image, uri: str, weight: int, docname: str, warned: set[str]) -> None:
    if weight <= HEAVY_BYTES or uri in warned:
        return
    warned.add(uri)
    location = node if node.source and node.line else (docname, node.line)
    logger.warning(
        "image %r weighs %.1f MB; it is resized for the page, but consider a smaller original (under 1 MB)",
        uri,
        weight / HEAVY_BYTES,
        location=location,
        type="scholar",
        subtype="image",
    )


def _publish(variants: list, cache: Path, target_dir: Path) -> None:
    """Copy the resized files from the cache to the output, each once, atomically."""
    target_dir.mkdir(parents=True, exist_ok=True)
    for variant in variants:
        out = target_dir / variant.name
        if not out.exists():
            tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
            shutil.copyfile(cache / variant.name, tmp)
            os.replace(tmp, out)


def _as_thumbnail(node: nodes.image, variants: list, fallback: str, shown, uri: str) -> thumbnail:
    new = node if isinstance(node, thumbnail) else thumbnail(**node.attributes)
    new["scholar-sources"] = [(v.name, v.width, v.height, v.format, d) for v, d in variants]
    new["scholar-fallback"] = fallback
    new["scholar-sizes"] = shown.sizes
    first = next(v for v, _ in variants if v.format == fallback)
    if shown.box:
        new["width"] = new["height"] = str(shown.box)
        # The profile photo is at the top of its page: no lazy loading.
        new["loading"] = "eager" if "scholar-profile-photo" in node["classes"] else "lazy"
    else:
        new["width"], new["height"] = str(first.width), str(first.height)
    # Not a local image any more: the builder does not copy the original.
    new["candidates"] = {"?": uri}
    return new


def _doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    optimize_images(app, doctree, docname)


def setup_images(app: Sphinx) -> None:
    app.connect("builder-inited", _start_build)
    app.connect("doctree-resolved", _doctree_resolved)
