"""Shared test helpers: run planmaker as a user would, and find the examples."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def run_planmaker():
    """Run ``python -m planmaker ARGS`` in a fresh process; returns CompletedProcess (text)."""

    def run(*args: str | os.PathLike[str], cwd: Path | None = None, input: str | None = None):
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200", "NO_COLOR": "1"}
        return subprocess.run(
            [sys.executable, "-m", "planmaker", *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=cwd,
            env=env,
            input=input,
            timeout=300,
        )

    return run
