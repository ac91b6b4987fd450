"""bench/run.py in its small mode (N=20): it runs to the end and prints every row of its
table. No figure is checked; timings belong to the benchmark, never to tests."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from helpers import ROOT


def test_bench_runs_in_small_mode():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--small"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    table = result.stdout
    number = r"\d+\.\d+ (s|docs/s)"
    assert re.search(r"cold: planmaker render\s+" + number, table)
    assert re.search(r"cold: planmaker --help\s+" + number, table)
    assert re.search(r"planmaker batch N=20 \(\d+ processes\)\s+" + number, table)
    assert re.search(r"worker peak \d+ MiB", table)
    for contender in ("pandoc loop", "docxtpl loop"):
        assert contender in table
    if shutil.which("pandoc"):
        assert re.search(r"cold: Jinja2 → Markdown → pandoc script\s+" + number, table)
        assert "ratio: planmaker render ÷ Jinja2→pandoc" in table
    else:
        assert re.search(r"cold: pandoc on ready Markdown\s+absent", table)
