"""bench/run.py in its small mode (N=20): it runs to the end and prints every row of its
table. No figure is checked; timings belong to the benchmark, never to tests. It runs
beside the other tests (started when they are collected; see conftest.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from helpers import ENV, ROOT

BENCH = [sys.executable, str(ROOT / "bench" / "run.py"), "--small"]


@pytest.mark.in_background(BENCH)
def test_bench_runs_in_small_mode(background):
    result = background()
    assert result.returncode == 0, result.stderr
    table = result.stdout
    number = r"\d+\.\d+ (s|docs/s)"
    assert re.search(r"cold: planmaker render\s+" + number, table)
    assert re.search(r"cold: planmaker check\s+" + number, table)
    assert re.search(r"cold: planmaker --help\s+" + number, table)
    for floor in (
        "import typer, pydantic, PyYAML",
        "the same + Jinja2, markdown-it",
        "import json, shutil",
    ):
        assert re.search(rf"cold: floor: {re.escape(floor)}\s+" + number, table)
    assert re.search(r"planmaker batch N=20 \(\d+ processes\)\s+" + number, table)
    assert re.search(r"worker peak \d+ MiB", table)
    for contender in ("pandoc loop", "docxtpl loop"):
        assert contender in table
    if shutil.which("pandoc"):
        assert re.search(r"cold: Jinja2 → Markdown → pandoc script\s+" + number, table)
        assert "ratio: planmaker render ÷ Jinja2→pandoc" in table
        assert "ratio: planmaker check ÷ Jinja2→pandoc" in table
    else:
        assert re.search(r"cold: pandoc on ready Markdown\s+absent", table)


def test_the_stage_profile_runs_and_names_every_stage():
    """bench/stages.py on five plans: every stage it wraps is still where the pipeline
    looks it up (a renamed function would stop it), and each gets a figure."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "stages.py"), "--n", "5", "--passes", "1"],
        capture_output=True,
        text=True,
        env={**ENV, "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    for stage in ("reading the YAML", "the template", "the DOCX writer", "the ZIP package"):
        assert re.search(rf"{re.escape(stage)}.*\s\d+\.\d\d ms", done.stdout), done.stdout
    assert re.search(r"in all\s+\d+\.\d\d ms", done.stdout), done.stdout
