"""The benchmark script keeps working (a 50-entry run; no timing is asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


@pytest.mark.slow
def test_benchmark_script_runs_and_reports_every_row(tmp_path):
    results = tmp_path / "RESULTS.md"
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--sizes", "30", "--repeats", "1", "--workdir", str(tmp_path / "work"),
         "--results", str(results)],
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    text = results.read_text()
    timings, _, ratio_table = text.partition("Ratios (ours / floor, ours / peer)")
    assert ratio_table, text
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| 30 \| (floor|peer|list|barron) \|(.*)$", timings, re.M)}
    assert set(rows) == {"floor", "peer", "list", "barron"}
    for tool, row in rows.items():
        cells = [c.strip() for c in row.strip(" |").split("|")]
        numbers = [float(c) for c in cells[:6]]  # five timings and the peak memory
        assert all(x > 0 for x in numbers), (tool, cells)
        assert cells[6] == "ok", (tool, cells[6])  # edit shown, page not rewritten, -j 2 identical
    ratios = re.findall(r"^\| 30 \| (list|barron) \|(.*)$", ratio_table, re.M)
    assert [style for style, _ in ratios] == ["list", "barron"]
    for _, row in ratios:
        assert all(float(c) > 0 for c in row.strip(" |").split("|"))
