"""The benchmark script keeps working (a 20-entry run; no timing is asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"
TOOLS = ["floor", "peer", "list", "all"]


@pytest.mark.slow
def test_benchmark_script_runs_and_reports_every_row(tmp_path):
    results = tmp_path / "RESULTS.md"
    run = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--sizes",
            "20",
            "--repeats",
            "1",
            "--workdir",
            str(tmp_path / "work"),
            "--results",
            str(results),
            "--tools",
            *TOOLS,
            "--real",
            "",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    text = results.read_text()
    timings, _, rest = text.partition("Ratios of CPU time (ours / floor")
    ratio_table, _, targets = rest.partition("Targets of issue 14")
    assert ratio_table and targets, text
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| 20 \| (\w+) \|(.*)$", timings, re.M)}
    assert set(rows) == set(TOOLS)
    for tool, row in rows.items():
        cells = [c.strip() for c in row.strip(" |").split("|")]
        # Four timings, each "wall (CPU)" seconds, and the peak memory.
        timings = [re.fullmatch(r"([0-9.]+) \(([0-9.]+)\)", c) for c in cells[:4]]
        assert all(timings), (tool, cells)
        numbers = [float(x) for m in timings for x in m.groups()] + [float(cells[4])]
        assert all(x > 0 for x in numbers), (tool, cells)
        assert cells[5] == "ok", (tool, cells[5])  # edit shown, -j 2 pages identical
    ratios = re.findall(r"^\| 20 \| (\w+) \|(.*)$", ratio_table, re.M)
    assert [tool for tool, _ in ratios] == ["list", "all"]
    for _, row in ratios:
        assert all(float(c) > 0 for c in row.strip(" |").split("|"))
    assert (
        "| full build, 20, list |" in targets
        and "| `-j 2`, 20, all | identical pages to serial | identical | yes |" in targets
    )
