"""The loaders' process-wide caches: answers by content, bounded in size."""

from __future__ import annotations

from sphinx_scholar.loaders import ContentCache, bibtex


def test_content_cache_drops_the_least_recently_used_key_past_its_size():
    cache: ContentCache[str, int] = ContentCache(maxsize=2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "b" is now the least recently used
    cache.put("c", 3)
    assert "b" not in cache and cache.get("a") == 1 and cache.get("c") == 3
    assert len(cache) == 2


def test_a_parsed_bib_file_is_kept_while_its_content_is_the_same(tmp_path):
    bibtex.forget_parsed()
    path = tmp_path / "refs.bib"
    path.write_text("@misc{a, title = {A}, year = 2020}\n", encoding="utf-8")
    first = bibtex.load_bibliography(path)
    assert bibtex.load_bibliography(path) is first
    path.write_text("@misc{a, title = {B}, year = 2020}\n", encoding="utf-8")
    second = bibtex.load_bibliography(path)
    assert second is not first and second.entries[0].title.text == "B"


def test_the_parsed_bib_files_kept_in_memory_are_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(bibtex, "_parsed_files", ContentCache(maxsize=3))
    monkeypatch.setattr(bibtex, "_block_records", ContentCache(maxsize=3))
    for n in range(6):
        path = tmp_path / f"refs{n}.bib"
        path.write_text(f"@misc{{k{n}, title = {{T{n}}}, year = 2020}}\n", encoding="utf-8")
        assert bibtex.load_bibliography(path).entries[0].key == f"k{n}"
    assert len(bibtex._parsed_files) == 3 and len(bibtex._block_records) == 3
